import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestServer } from './support/app';
import { nextEvent, startChatWorld, type ChatCenter, type ChatWorld } from './support/chat-center';

let world: ChatWorld;
let server: TestServer;
let center: ChatCenter;

beforeAll(async () => {
  world = await startChatWorld({ CHAT_INQUIRIES_PER_DAY: '50' });
  ({ server, center } = world);
}, 60_000);
afterAll(() => world?.close());

async function seekerWithEmail(email?: string) {
  const seeker = await world.connectedSeeker();
  if (email)
    await server.db.updateTable('accounts').set({ email }).where('id', '=', seeker.accountId).execute();
  return seeker;
}

const mailsTo = (address: string) =>
  server.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).execute();

describe('absence', () => {
  it('the help seekers of a counselor see the absence note at once, and can still write', async () => {
    const { client: seekerClient } = await seekerWithEmail();
    const view = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'alkohol',
      text: 'Hallo',
    });
    const counselor = center.counselors[0]!.client;
    await counselor.chat.takeOver(view.id);
    const seen = nextEvent(
      seekerClient.chat,
      'conversation',
      (c) => c.id === view.id && 'counselorAbsent' in c && c.counselorAbsent,
    );
    await counselor.chat.setAbsence({
      absent: true,
      message: 'Bis 7. Dezember im Urlaub, danach antworte ich.',
    });
    expect(await seen).toMatchObject({
      counselorAbsenceMessage: 'Bis 7. Dezember im Urlaub, danach antworte ich.',
    });
    await expect(seekerClient.chat.send(view.id, 'Trotzdem eine Frage')).resolves.toMatchObject({ seq: 3 });
    expect(await counselor.chat.absence()).toEqual({
      absent: true,
      message: 'Bis 7. Dezember im Urlaub, danach antworte ich.',
    });
    await counselor.chat.setAbsence({ absent: false });
    expect((await seekerClient.chat.conversation(view.id)).counselorAbsent).toBe(false);
    await expect(counselor.chat.setAbsence({ absent: true, message: 'x'.repeat(501) })).rejects.toMatchObject(
      {
        status: 422,
      },
    );
    await expect(seekerClient.api.put('/api/chat/absence', { absent: true })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe('mails without content', () => {
  it('a help seeker with an email address hears about a reply nobody saw within minutes, once', async () => {
    const { client: seekerClient } = await seekerWithEmail('ratsuchend@example.org');
    const view = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'drogen',
      text: 'Frage',
    });
    const counselor = center.counselors[1]!.client;
    await counselor.chat.takeOver(view.id);
    seekerClient.chat.disconnect();
    await counselor.chat.send(view.id, 'Streng vertrauliche Antwort');
    await counselor.chat.send(view.id, 'Und noch etwas');
    expect(await server.app.chatJobs.queueReplyNotices()).toBe(0); // not five minutes yet
    await sql`update messages set created_at = created_at - interval '6 minutes' where conversation_id = ${view.id}`.execute(
      server.db,
    );
    await server.app.chatJobs.queueReplyNotices();
    await server.app.chatJobs.queueReplyNotices();
    const mails = await mailsTo('ratsuchend@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Neue Antwort in Ihrer Online-Beratung');
    expect(`${mails[0]!.text_body}${mails[0]!.html_body}`).not.toMatch(
      /vertraulich|Frage|drogen|Beratungsstelle/i,
    );

    // Once the seeker's device has received the replies, nothing more is sent.
    await seekerClient.chat.connect();
    seekerClient.chat.track(view.id, 0);
    await expect
      .poll(async () => (await counselor.chat.conversation(view.id)).peerDeliveredSeq, { timeout: 5000 })
      .toBe(4);
    await counselor.chat.send(view.id, 'Sofort gelesen');
    await expect
      .poll(async () => (await counselor.chat.conversation(view.id)).peerDeliveredSeq, { timeout: 5000 })
      .toBe(5);
    await sql`update messages set created_at = created_at - interval '6 minutes' where conversation_id = ${view.id}`.execute(
      server.db,
    );
    await server.app.chatJobs.queueReplyNotices();
    expect(await mailsTo('ratsuchend@example.org')).toHaveLength(1);
  });

  it('counselors get one digest per period while new inquiries wait; absent ones get none', async () => {
    const emails = await server.db
      .selectFrom('accounts')
      .select(['id', 'email'])
      .where(
        'id',
        'in',
        center.counselors.map((c) => c.accountId),
      )
      .execute();
    const [present, absent] = center.counselors;
    await absent!.client.chat.setAbsence({ absent: true, message: null });
    const emailOf = (id: string) => emails.find((e) => e.id === id)!.email!;
    const { client } = await seekerWithEmail();
    await client.chat.startInquiry({
      centerId: center.centerId,
      topic: 'tabak',
      text: 'Geheime Erstanfrage',
    });
    await server.app.chatJobs.queueInquiryDigests();
    await server.app.chatJobs.queueInquiryDigests();
    const digests = (await mailsTo(emailOf(present!.accountId))).filter((m) =>
      m.dedupe_key?.startsWith('chat-digest:'),
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toMatch(/neue Erstanfragen? wart/);
    expect(digests[0]!.text_body).not.toContain('Geheime');
    expect(
      (await mailsTo(emailOf(absent!.accountId))).filter((m) => m.dedupe_key?.startsWith('chat-digest:')),
    ).toHaveLength(0);

    // Within the period nothing more; after it, a new inquiry gives the next digest.
    await client.chat.startInquiry({ centerId: center.centerId, topic: 'tabak', text: 'Zweite' });
    await server.app.chatJobs.queueInquiryDigests();
    expect(
      (await mailsTo(emailOf(present!.accountId))).filter((m) => m.dedupe_key?.startsWith('chat-digest:')),
    ).toHaveLength(1);
    await sql`update centers set chat_digest_sent_at = chat_digest_sent_at - interval '61 minutes' where id = ${center.centerId}`.execute(
      server.db,
    );
    await server.app.chatJobs.queueInquiryDigests();
    expect(
      (await mailsTo(emailOf(present!.accountId))).filter((m) => m.dedupe_key?.startsWith('chat-digest:')),
    ).toHaveLength(2);
    await absent!.client.chat.setAbsence({ absent: false });
  });
});

describe('chat settings', () => {
  it('members read them, admins change them (audited), others are refused, bad input is a 422', async () => {
    const counselor = center.counselors[0]!.client;
    expect(await counselor.chat.settings(center.centerId)).toEqual({
      inquiryDigestMinutes: 60,
      retentionDays: 180,
    });
    await expect(
      counselor.chat.updateSettings(center.centerId, { inquiryDigestMinutes: 0, retentionDays: 90 }),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      await center.admin.chat.updateSettings(center.centerId, { inquiryDigestMinutes: 0, retentionDays: 90 }),
    ).toEqual({ inquiryDigestMinutes: 0, retentionDays: 90 });
    await expect(
      center.admin.chat.updateSettings(center.centerId, { inquiryDigestMinutes: -1, retentionDays: 0 }),
    ).rejects.toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    const { client: seeker } = await seekerWithEmail();
    await expect(seeker.chat.settings(center.centerId)).rejects.toMatchObject({ status: 403 });
    const audit = await center.admin.auditLog(center.centerId);
    expect(audit.some((entry) => entry.action === 'center.chat_settings.updated')).toBe(true);
    await center.admin.chat.updateSettings(center.centerId, { inquiryDigestMinutes: 60, retentionDays: 180 });
  });
});

describe('retention', () => {
  it('deletes conversations archived longer than the center period, and long-inactive help seekers', async () => {
    const { client: seekerClient, accountId: seekerId } = await seekerWithEmail();
    const view = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'alkohol',
      text: 'alt',
    });
    const counselor = center.counselors[0]!.client;
    await counselor.chat.takeOver(view.id);
    await counselor.chat.archive(view.id);
    const fresh = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'alkohol',
      text: 'neu',
    });
    await counselor.chat.takeOver(fresh.id);
    await counselor.chat.archive(fresh.id);
    await server.db
      .updateTable('centers')
      .set({ chat_retention_days: 30 })
      .where('id', '=', center.centerId)
      .execute();
    await sql`update conversations set archived_at = now() - interval '31 days' where id = ${view.id}`.execute(
      server.db,
    );

    await server.app.chatJobs.deleteExpired();
    const left = await server.db
      .selectFrom('conversations')
      .select('id')
      .where('seeker_id', '=', seekerId)
      .execute();
    expect(left.map((c) => c.id)).toEqual([fresh.id]);
    expect(
      await server.db.selectFrom('messages').select('seq').where('conversation_id', '=', view.id).execute(),
    ).toEqual([]);

    // Inactive longer than the period of the centers they wrote to: the account goes, with everything.
    await sql`update accounts set last_active_at = now() - interval '29 days' where id = ${seekerId}`.execute(
      server.db,
    );
    await server.app.chatJobs.deleteExpired();
    expect(
      await server.db.selectFrom('accounts').select('id').where('id', '=', seekerId).execute(),
    ).toHaveLength(1);
    await sql`update accounts set last_active_at = now() - interval '31 days' where id = ${seekerId}`.execute(
      server.db,
    );
    await server.app.chatJobs.deleteExpired();
    expect(
      await server.db.selectFrom('accounts').select('id').where('id', '=', seekerId).execute(),
    ).toHaveLength(0);
    expect(
      await server.db.selectFrom('conversations').select('id').where('id', '=', fresh.id).execute(),
    ).toHaveLength(0);
    await server.db
      .updateTable('centers')
      .set({ chat_retention_days: 180 })
      .where('id', '=', center.centerId)
      .execute();
  });
});
