import type { Db } from '../db/database';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
  /** The same key is queued once: a second enqueue is a no-op. */
  dedupeKey?: string;
}

/** Mails are rows first (inside the caller's transaction); the job runner sends them. */
export async function enqueueMail(db: Db, mail: OutgoingMail): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      dedupe_key: mail.dedupeKey ?? null,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      attachments: JSON.stringify(mail.attachments ?? []),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
