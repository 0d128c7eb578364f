import { sql } from 'kysely';
import type { Db } from '../db/database';
import { enqueueMail } from '../mail/outbox';
import { inquiryDigestMail, replyNoticeMail } from './chat-mails';

/** How long a reply may stay unseen before the help seeker gets a mail about it. */
const REPLY_NOTICE_DELAY_MINUTES = 5;

/**
 * The chat's background work, run by the job runner in any number of server
 * processes: every mail is queued under a unique key, and every deletion is one
 * statement, so two runners never double anything.
 */
export class ChatJobs {
  constructor(
    private readonly db: Db,
    private readonly options: {
      publicUrl: string;
      /** Help seekers without any conversation are deleted after this many inactive days. */
      seekerRetentionDays: number;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private link(path: string): string {
    return `${this.options.publicUrl.replace(/\/$/, '')}/${path}`;
  }

  /**
   * Counselors get one mail per center and digest period when new inquiries arrived
   * since the last one. The center row is claimed first, so one process sends it.
   */
  async queueInquiryDigests(): Promise<number> {
    const now = this.now();
    const due = await sql<{ id: string; name: string; sent_at: Date | null; waiting: number }>`
      select c.id, c.name, c.chat_digest_sent_at as sent_at, count(w.id)::int as waiting
      from centers c
      join conversations w on w.center_id = c.id and w.status = 'waiting'
      where c.chat_inquiry_digest_minutes > 0
        and (c.chat_digest_sent_at is null
             or c.chat_digest_sent_at <= ${now}::timestamptz - make_interval(mins => c.chat_inquiry_digest_minutes))
      group by c.id
      having max(w.created_at) > coalesce(c.chat_digest_sent_at, '-infinity'::timestamptz)`.execute(this.db);
    let queued = 0;
    for (const center of due.rows) {
      queued += await this.db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('centers')
          .set({ chat_digest_sent_at: now })
          .where('id', '=', center.id)
          .where((eb) =>
            center.sent_at === null
              ? eb('chat_digest_sent_at', 'is', null)
              : eb('chat_digest_sent_at', '=', center.sent_at),
          )
          .returning('id')
          .executeTakeFirst();
        if (!claimed) return 0;
        const members = await trx
          .selectFrom('memberships')
          .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
          .select(['accounts.id', 'accounts.email', 'accounts.locale'])
          .where('memberships.center_id', '=', center.id)
          .where('accounts.email', 'is not', null)
          .where('accounts.chat_absent', '=', false)
          .execute();
        for (const member of members) {
          await enqueueMail(trx, {
            ...inquiryDigestMail({
              to: member.email!,
              locale: member.locale,
              centerName: center.name,
              waiting: Number(center.waiting),
              link: this.link('admin/#/chat/queue'),
            }),
            dedupeKey: `chat-digest:${center.id}:${member.id}:${now.getTime()}`,
          });
        }
        return members.length;
      });
    }
    return queued;
  }

  /**
   * Help seekers who left an email address hear about a reply that none of their
   * devices received within a few minutes — once per run of unseen replies.
   */
  async queueReplyNotices(): Promise<number> {
    const now = this.now();
    const due = await sql<{ id: string; email: string; locale: 'de' | 'en'; first_unseen: number }>`
      select conv.id, seeker.email, seeker.locale, min(m.seq)::int as first_unseen
      from conversations conv
      join accounts seeker on seeker.id = conv.seeker_id and seeker.email is not null
      left join conversation_receipts r on r.conversation_id = conv.id and r.account_id = conv.seeker_id
      join messages m on m.conversation_id = conv.id and m.kind = 'message'
        and m.sender_id <> conv.seeker_id and m.seq > coalesce(r.delivered_seq, 0)
      group by conv.id, seeker.email, seeker.locale
      having min(m.created_at) <= ${now}::timestamptz - make_interval(mins => ${REPLY_NOTICE_DELAY_MINUTES})`.execute(
      this.db,
    );
    for (const row of due.rows) {
      await enqueueMail(this.db, {
        ...replyNoticeMail({ to: row.email, locale: row.locale, link: this.link('#/beratungen') }),
        dedupeKey: `chat-reply:${row.id}:${row.first_unseen}`,
      });
    }
    return due.rows.length;
  }

  /**
   * Retention: conversations archived longer than their center's period, and help
   * seekers inactive longer than the longest period of their centers (or the default
   * without any conversation), are deleted with every row that belongs to them.
   */
  async deleteExpired(): Promise<{ conversations: number; seekers: number }> {
    const now = this.now();
    const conversations = await sql<{ id: string }>`
      delete from conversations conv
      using centers c
      where c.id = conv.center_id and conv.status = 'archived'
        and conv.archived_at < ${now}::timestamptz - make_interval(days => c.chat_retention_days)
      returning conv.id`.execute(this.db);
    const seekers = await sql<{ id: string }>`
      delete from accounts a
      where a.kind = 'seeker'
        and a.last_active_at < ${now}::timestamptz - make_interval(days => coalesce(
          (select max(c.chat_retention_days) from conversations conv
             join centers c on c.id = conv.center_id where conv.seeker_id = a.id),
          ${this.options.seekerRetentionDays}))
      returning a.id`.execute(this.db);
    return { conversations: conversations.rows.length, seekers: seekers.rows.length };
  }
}
