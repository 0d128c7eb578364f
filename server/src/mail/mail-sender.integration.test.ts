import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database';
import { startSmtpCatcher } from '../../test/support/smtp-catcher';
import type { DatabaseHandle } from '../db/database';
import { createMailTransport, outboxMessageId, sendDueMails, type MailTransport } from './mail-sender';
import { enqueueMail } from './outbox';

const sender = { from: 'x@example.org', messageIdDomain: 'beratung.example.org' };

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

function countingTransport(failFor = new Set<string>()): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    send: async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (failFor.has(String(message.to))) throw new Error('mailbox unavailable');
      sent.push(String(message.to));
    },
    close: () => undefined,
  };
}

describe('mail outbox', () => {
  it('sends every mail exactly once even with two senders at the same time', async () => {
    for (let i = 0; i < 30; i++)
      await enqueueMail(handle.db, { to: `m${i}@example.org`, subject: 's', text: 't' });
    const a = countingTransport();
    const b = countingTransport();
    await Promise.all([sendDueMails(handle.db, a, sender, 100), sendDueMails(handle.db, b, sender, 100)]);
    const all = [...a.sent, ...b.sent].sort();
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
  });

  it('queues a deduplicated mail once', async () => {
    await enqueueMail(handle.db, { to: 'once@example.org', subject: 's', text: 't', dedupeKey: 'k1' });
    await enqueueMail(handle.db, { to: 'once@example.org', subject: 's', text: 't', dedupeKey: 'k1' });
    const rows = await handle.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('dedupe_key', '=', 'k1')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('retries a failed mail later with backoff and keeps it', async () => {
    await enqueueMail(handle.db, { to: 'broken@example.org', subject: 's', text: 't' });
    await sendDueMails(handle.db, countingTransport(new Set(['broken@example.org'])), sender, 100);
    const row = await handle.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', 'broken@example.org')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    expect(row.last_error).toContain('mailbox unavailable');
  });

  it('sends over SMTP with a Message-ID of the outbox row, the same on every attempt', async () => {
    // The SMTP server answers 451 to the first attempt, after it has read the whole mail.
    let refused = 0;
    const smtp = await startSmtpCatcher({ refuse: () => refused++ === 0 });
    const transport = createMailTransport({
      smtpUrl: smtp.url,
      outboxDir: '',
      logger: pino({ level: 'silent' }),
    });
    try {
      await enqueueMail(handle.db, { to: 'twice@example.org', subject: 'Termin', text: 't' });
      const row = await handle.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('to_address', '=', 'twice@example.org')
        .executeTakeFirstOrThrow();
      const messageId = outboxMessageId(row.id, 'beratung.example.org');
      expect(messageId).toBe(`<${row.id}@beratung.example.org>`);

      expect(await sendDueMails(handle.db, transport, sender, 100)).toBe(0);
      expect(refused).toBe(1);
      // The retry is due at once instead of after the backoff.
      await handle.db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: new Date(Date.now() - 1000) })
        .where('id', '=', row.id)
        .execute();
      expect(await sendDueMails(handle.db, transport, sender, 100)).toBe(1);
      expect(smtp.received).toMatchObject([
        { recipients: ['twice@example.org'], messageId, subject: 'Termin' },
      ]);
      expect(refused).toBe(2);
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});
