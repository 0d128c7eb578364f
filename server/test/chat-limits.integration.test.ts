import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeratungClient } from '@beratung/shared';
import { startTestServer, type TestServer } from './support/app';
import { loggedInSeeker, setUpChatCenter, setUpPlatform, type ChatCenter } from './support/chat-center';

let server: TestServer;
let platformAdmin: BeratungClient;
let wide: ChatCenter;
let local: ChatCenter;
let fallback: ChatCenter;
const clients: BeratungClient[] = [];

beforeAll(async () => {
  // The fallback center is configuration, so its id is chosen before the server starts.
  const fallbackId = crypto.randomUUID();
  server = await startTestServer({
    CHAT_MESSAGES_PER_MINUTE: '5',
    CHAT_INQUIRIES_PER_DAY: '2',
    CHAT_FALLBACK_CENTER_ID: fallbackId,
  });
  platformAdmin = await setUpPlatform(server);
  fallback = await setUpChatCenter(server, platformAdmin, {
    counselors: 1,
    name: 'Bundesweite Onlineberatung',
    id: fallbackId,
  });
  wide = await setUpChatCenter(server, platformAdmin, { counselors: 1, name: 'Schuldnerberatung Berlin' });
  local = await setUpChatCenter(server, platformAdmin, { counselors: 1, name: 'Schuldnerberatung Mitte' });
  await server.db
    .insertInto('service_areas')
    .values([
      { center_id: wide.centerId, topic_key: 'schuldnerberatung', postal_from: '10000', postal_to: '14999' },
      { center_id: local.centerId, topic_key: 'schuldnerberatung', postal_from: '10115', postal_to: '10119' },
    ])
    .execute();
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.chat.disconnect();
  await server?.close();
});

async function seeker() {
  const s = await loggedInSeeker(server);
  await s.client.chat.connect();
  clients.push(s.client);
  return s.client;
}

describe('routing by postal code', () => {
  it('goes to the most local center covering the code, for a subtopic too, else to the fallback center', async () => {
    const client = await seeker();
    expect(await client.chat.route('insolvenz', '10117')).toMatchObject({
      centerId: local.centerId,
      fallback: false,
    });
    expect(await client.chat.route('schuldnerberatung', '12043')).toMatchObject({
      centerId: wide.centerId,
      fallback: false,
    });
    expect(await client.chat.route('schuldnerberatung', '80331')).toMatchObject({
      centerId: fallback.centerId,
      fallback: true,
    });
    // A center that covers the code but does not offer online chat is skipped.
    await server.db
      .updateTable('centers')
      .set({ offers_online_chat: false })
      .where('id', '=', local.centerId)
      .execute();
    expect((await client.chat.route('insolvenz', '10117')).centerId).toBe(wide.centerId);
    await server.db
      .updateTable('centers')
      .set({ offers_online_chat: true })
      .where('id', '=', local.centerId)
      .execute();

    const inquiry = await client.chat.startInquiry({
      postalCode: '10117',
      topic: 'insolvenz',
      text: 'Pfändung',
    });
    expect(inquiry.centerId).toBe(local.centerId);
    const queue = await local.counselors[0]!.client.chat.queue(local.centerId);
    expect(queue.find((q) => q.id === inquiry.id)?.firstText).toBe('Pfändung');
    await expect(client.chat.route('insolvenz', '1011')).rejects.toMatchObject({ status: 400 });
  });
});

describe('limits', () => {
  it('inquiries per seeker and day: a clear 429', async () => {
    const client = await seeker();
    await client.chat.startInquiry({ centerId: wide.centerId, topic: 'insolvenz', text: 'eins' });
    await client.chat.startInquiry({ centerId: wide.centerId, topic: 'insolvenz', text: 'zwei' });
    await expect(
      client.chat.startInquiry({ centerId: wide.centerId, topic: 'insolvenz', text: 'drei' }),
    ).rejects.toMatchObject({ status: 429, code: 'INQUIRY_LIMIT' });
  });

  it('messages per account and minute: an error acknowledgement, the connection stays', async () => {
    const client = await seeker();
    const view = await client.chat.startInquiry({ centerId: wide.centerId, topic: 'insolvenz', text: 'x' });
    const counselorClient = wide.counselors[0]!.client;
    await counselorClient.chat.takeOver(view.id);
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      outcomes.push(
        await client.chat.send(view.id, `Nachricht ${i}`).then(
          () => 'ok',
          (error: { code: string }) => error.code,
        ),
      );
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(client.chat.connected).toBe(true);
    // Another account is not affected.
    await counselorClient.chat.connect();
    clients.push(counselorClient);
    await expect(counselorClient.chat.send(view.id, 'Antwort')).resolves.toMatchObject({ text: 'Antwort' });
  });

  it('a message over 8 KiB of plaintext is refused before it is encrypted', async () => {
    const client = await seeker();
    const view = await client.chat.startInquiry({ centerId: fallback.centerId, topic: 'drogen', text: 'x' });
    await expect(client.chat.send(view.id, 'ä'.repeat(4097))).rejects.toMatchObject({
      code: 'MESSAGE_TOO_LONG',
    });
  });
});
