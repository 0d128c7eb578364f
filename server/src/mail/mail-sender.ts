import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database';

export interface MailTransport {
  send(message: SendMailOptions): Promise<void>;
  close(): void;
}

/** SMTP when SMTP_URL is set; otherwise each mail becomes an .eml file in the outbox folder. */
export function createMailTransport(options: {
  smtpUrl?: string;
  outboxDir: string;
  logger: Logger;
}): MailTransport {
  if (options.smtpUrl) {
    const transporter: Transporter = nodemailer.createTransport(options.smtpUrl);
    return {
      send: async (message) => {
        await transporter.sendMail(message);
      },
      close: () => transporter.close(),
    };
  }
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (message) => {
      const info = await transporter.sendMail(message);
      await fs.mkdir(options.outboxDir, { recursive: true });
      const file = path.join(
        options.outboxDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`,
      );
      await fs.writeFile(file, info.message as Buffer);
      options.logger.info({ file: path.basename(file) }, 'mail written to local outbox');
    },
    close: () => transporter.close(),
  };
}

const MAX_ATTEMPTS = 8;

/** Who the mails are from, and the domain their Message-IDs are made in. */
export interface MailSenderIdentity {
  from: string;
  messageIdDomain: string;
}

/** The domain of our Message-IDs: the host people reach the service at. */
export function messageIdDomainOf(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}

/**
 * The Message-ID of an outbox row. It depends on the row alone, so a mail that is sent a
 * second time (see below) carries the same Message-ID as the first copy, and receiving
 * systems and mail clients that de-duplicate by it show it once.
 */
export function outboxMessageId(outboxId: string, domain: string): string {
  return `<${outboxId}@${domain}>`;
}

/**
 * Sends due mails. Each row is claimed with FOR UPDATE SKIP LOCKED inside a transaction
 * that also marks it sent, so two server processes never send one row twice while both
 * run. The transaction is held across the SMTP dialogue, so a process that dies after the
 * SMTP server accepted a mail and before COMMIT leaves that row pending, and the next
 * round sends it again: at least once, at most one duplicate per row that was in flight,
 * with the same Message-ID (docs/adr/0005-mail-delivery-exactly-once.md).
 */
export async function sendDueMails(
  db: Db,
  transport: MailTransport,
  sender: MailSenderIdentity,
  limit = 10,
): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction().execute(async (trx) => {
      const claimed = await sql<{
        id: string;
        to_address: string;
        subject: string;
        text_body: string;
        html_body: string | null;
        attachments: Array<{ filename: string; contentType: string; content: string }>;
        attempts: number;
      }>`select id, to_address, subject, text_body, html_body, attachments, attempts
         from mail_outbox
         where status = 'pending' and next_attempt_at <= now()
         order by next_attempt_at
         limit 1
         for update skip locked`.execute(trx);
      const row = claimed.rows[0];
      if (!row) return false;
      // The database clock decides what is due (row defaults use it too); JS time only for stamps.
      const now = new Date();
      try {
        await transport.send({
          from: sender.from,
          messageId: outboxMessageId(row.id, sender.messageIdDomain),
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body ?? undefined,
          attachments: row.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        await trx
          .updateTable('mail_outbox')
          .set({ status: 'sent', sent_at: now, attempts: row.attempts + 1 })
          .where('id', '=', row.id)
          .execute();
        sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const backoffSeconds = Math.min(3600, 15 * 2 ** attempts);
        await trx
          .updateTable('mail_outbox')
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            next_attempt_at: new Date(now.getTime() + backoffSeconds * 1000),
            last_error: String(error).slice(0, 500),
          })
          .where('id', '=', row.id)
          .execute();
      }
      return true;
    });
    if (!done) break;
  }
  return sent;
}
