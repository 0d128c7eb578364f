import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { io as connectSocket, type Socket } from 'socket.io-client';
import {
  ApiError,
  getSodium,
  toBase64,
  type BeratungClient,
  type ChatMessage,
  type DecryptedMessage,
} from '@beratung/shared';
import type { TestServer } from './support/app';
import {
  nextEvent,
  setUpChatCenter,
  startChatWorld,
  type ChatCenter,
  type ChatWorld,
} from './support/chat-center';

let world: ChatWorld;
let server: TestServer;
let platformAdmin: BeratungClient;
let center: ChatCenter;

beforeAll(async () => {
  world = await startChatWorld({ CHAT_MESSAGES_PER_MINUTE: '1000', CHAT_INQUIRIES_PER_DAY: '50' });
  ({ server, platformAdmin, center } = world);
}, 60_000);
afterAll(() => world?.close());

const seeker = () => world.connectedSeeker();

const [first, second] = [0, 1];
const counselor = (i: number) => center.counselors[i]!;

describe('inquiry, queue and take-over', () => {
  it('a counselor sees a new inquiry in real time, decrypted; exactly one of two counselors takes it', async () => {
    const { client: seekerClient, accountId: seekerId } = await seeker();
    const added = nextEvent(counselor(first).client.chat, 'queueAdded');
    const inquiry = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'alkohol',
      text: 'Ich trinke jeden Abend zu viel.',
    });
    expect(inquiry).toMatchObject({ status: 'waiting', topic: 'alkohol', counselorId: null, lastSeq: 1 });

    const item = await added;
    expect(item).toMatchObject({ id: inquiry.id, firstText: 'Ich trinke jeden Abend zu viel.' });
    const queue = await counselor(second).client.chat.queue(center.centerId);
    expect(queue.find((q) => q.id === inquiry.id)).toMatchObject({
      topic: 'alkohol',
      firstText: 'Ich trinke jeden Abend zu viel.',
    });

    const removed = nextEvent(
      counselor(first).client.chat,
      'queueRemoved',
      (e) => e.conversationId === inquiry.id,
    );
    const seekerSeesTaken = nextEvent(
      seekerClient.chat,
      'conversation',
      (c) => c.id === inquiry.id && 'status' in c && c.status === 'active',
    );
    const results = await Promise.allSettled([
      counselor(first).client.chat.takeOver(inquiry.id),
      counselor(second).client.chat.takeOver(inquiry.id),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'ALREADY_TAKEN' });
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await removed).takenBy).toBe(counselor(winner).accountId);
    expect(await seekerSeesTaken).toMatchObject({ counselorId: counselor(winner).accountId });
    expect((await counselor(first).client.chat.queue(center.centerId)).some((q) => q.id === inquiry.id)).toBe(
      false,
    );
    expect(seekerId).toBeTruthy();
  });

  it('refuses an inquiry sealed to an old team key epoch, to a center without a team key or online counseling', async () => {
    const { client } = await seeker();
    const view = await client.chat.startInquiry({
      centerId: center.centerId,
      topic: 'drogen',
      text: 'Hallo',
    });
    const raw = await client.api.get<{ messages: ChatMessage[] }>(`/api/conversations/${view.id}/messages`);
    const first = raw.messages[0]!;
    const sealed = 'A'.repeat(107);
    const request = (overrides: Record<string, unknown>) =>
      client.api.post('/api/conversations', {
        conversationId: crypto.randomUUID(),
        topic: 'drogen',
        centerId: center.centerId,
        teamEpoch: view.teamEpoch,
        sealedForSeeker: sealed,
        sealedForTeam: sealed,
        firstMessage: {
          clientMessageId: first.clientMessageId,
          keyEpoch: 1,
          nonce: first.nonce,
          ciphertext: first.ciphertext,
        },
        ...overrides,
      });
    await expect(request({ teamEpoch: view.teamEpoch + 1 })).rejects.toMatchObject({
      status: 409,
      code: 'STALE_TEAM_KEY',
    });
    await expect(request({ conversationId: view.id })).rejects.toMatchObject({
      status: 409,
      code: 'CONVERSATION_EXISTS',
    });
    await expect(request({ topic: 'kochen' })).rejects.toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
    });

    const withoutKey = await server.createCenter();
    await server.db
      .updateTable('centers')
      .set({ offers_online_chat: true })
      .where('id', '=', withoutKey)
      .execute();
    await expect(
      client.chat.startInquiry({ centerId: withoutKey, topic: 'drogen', text: 'Hallo' }),
    ).rejects.toMatchObject({
      code: 'NO_TEAM_KEY',
    });
    const offline = await setUpChatCenter(server, platformAdmin, { counselors: 1 });
    await server.db
      .updateTable('centers')
      .set({ offers_online_chat: false })
      .where('id', '=', offline.centerId)
      .execute();
    await expect(
      client.chat.startInquiry({ centerId: offline.centerId, topic: 'drogen', text: 'Hallo' }),
    ).rejects.toMatchObject({ status: 422, code: 'NO_ONLINE_COUNSELING' });
  });
});

/** A conversation a counselor has taken over, with both sides connected. */
async function activeConversation(text = 'Erste Nachricht') {
  const s = await seeker();
  const view = await s.client.chat.startInquiry({
    centerId: center.centerId,
    topic: 'schuldnerberatung',
    text,
  });
  const c = counselor(first);
  await c.client.chat.takeOver(view.id);
  return {
    seekerClient: s.client,
    seekerId: s.accountId,
    counselorClient: c.client,
    counselorId: c.accountId,
    id: view.id,
  };
}

describe('messages in real time', () => {
  it('delivers both ways with acknowledgement, typing, read receipts and the same fingerprint', async () => {
    const { seekerClient, counselorClient, counselorId, seekerId, id } = await activeConversation();
    counselorClient.chat.track(id, 2);
    const atCounselor = nextEvent(
      counselorClient.chat,
      'message',
      (m) => m.conversationId === id && m.kind === 'message',
    );
    const sent = await seekerClient.chat.send(id, 'Ich habe Schulden bei drei Banken.');
    expect(sent).toMatchObject({ seq: 3, senderId: seekerId, text: 'Ich habe Schulden bei drei Banken.' });
    expect(await atCounselor).toMatchObject({ seq: 3, text: 'Ich habe Schulden bei drei Banken.' });

    const typing = nextEvent(seekerClient.chat, 'typing');
    counselorClient.chat.typing(id, true);
    expect(await typing).toEqual({ conversationId: id, accountId: counselorId, typing: true });

    const receipt = nextEvent(
      seekerClient.chat,
      'receipt',
      (r) => r.accountId === counselorId && r.readSeq === 3,
    );
    await counselorClient.chat.markRead(id, 3);
    expect(await receipt).toMatchObject({ conversationId: id, readSeq: 3, deliveredSeq: 3 });
    expect((await seekerClient.chat.conversation(id)).peerReadSeq).toBe(3);
    // The same receipt again moves nothing: accepted, and nobody hears of it.
    const counselorReads: number[] = [];
    const offReceipts = seekerClient.chat.on('receipt', (r) => {
      if (r.accountId === counselorId) counselorReads.push(r.readSeq);
    });
    await counselorClient.chat.markRead(id, 3);
    await counselorClient.chat.markDelivered(id, 2);

    const atSeeker = nextEvent(
      seekerClient.chat,
      'message',
      (m) => m.conversationId === id && m.senderId === counselorId,
    );
    await counselorClient.chat.send(id, 'Wir schauen uns das gemeinsam an.');
    expect(await atSeeker).toMatchObject({ seq: 4, text: 'Wir schauen uns das gemeinsam an.' });
    // Events to one socket keep their order: the next receipt it hears of is this one.
    const readOn = nextEvent(seekerClient.chat, 'receipt', (r) => r.accountId === counselorId);
    await counselorClient.chat.markRead(id, 4);
    expect(await readOn).toMatchObject({ readSeq: 4 });
    offReceipts();
    expect(counselorReads).toEqual([4]);

    expect(await seekerClient.chat.fingerprint(id)).toBe(await counselorClient.chat.fingerprint(id));
    const history = await seekerClient.chat.history(id);
    expect(history.messages.map((m) => m.text ?? m.event)).toEqual([
      'Erste Nachricht',
      'taken',
      'Ich habe Schulden bei drei Banken.',
      'Wir schauen uns das gemeinsam an.',
    ]);
  });

  it('loses and duplicates nothing across a disconnect: the client catches up in order', async () => {
    const { seekerClient, counselorClient, id } = await activeConversation();
    const received: DecryptedMessage[] = [];
    // (The "taken" event may still be on its way to the help seeker: messages only.)
    seekerClient.chat.on('message', (m) => {
      if (m.conversationId === id && m.kind === 'message') received.push(m);
    });
    seekerClient.chat.track(id, 2);
    await counselorClient.chat.send(id, 'eins');
    await expect.poll(() => received.length).toBe(1);
    seekerClient.chat.disconnect();
    for (const text of ['zwei', 'drei', 'vier']) await counselorClient.chat.send(id, text);
    await seekerClient.chat.connect();
    await expect.poll(() => received.map((m) => m.text)).toEqual(['eins', 'zwei', 'drei', 'vier']);
    await counselorClient.chat.send(id, 'fünf');
    await expect.poll(() => received.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
  });

  it('delivers live messages announced out of order in order, without fetching them again', async () => {
    const { seekerClient, counselorClient, id } = await activeConversation();
    const received: DecryptedMessage[] = [];
    seekerClient.chat.on('message', (m) => {
      if (m.conversationId === id) received.push(m);
    });
    // The seeker's live events are held back here, to be replayed in another order.
    const socket = (seekerClient.chat as unknown as { socket: Socket }).socket;
    const listeners = socket.listeners('chat:message') as Array<(message: ChatMessage) => void>;
    socket.off('chat:message');
    for (const text of ['drei', 'vier', 'fünf', 'sechs']) await counselorClient.chat.send(id, text);
    const raw = (
      await seekerClient.api.get<{ messages: ChatMessage[] }>(`/api/conversations/${id}/messages`, {
        after: 2,
      })
    ).messages;
    expect(raw.map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    const fetches: string[] = [];
    const get = seekerClient.api.get.bind(seekerClient.api);
    seekerClient.api.get = ((path: string, query?: Record<string, unknown>) => {
      fetches.push(path);
      return get(path, query as never);
    }) as typeof seekerClient.api.get;
    const announce = (message: ChatMessage) => {
      for (const listener of listeners) listener(message);
    };
    try {
      // 4 before 3: 4 waits for 3, which comes right after.
      announce(raw[1]!);
      announce(raw[0]!);
      await expect.poll(() => received.map((m) => m.text)).toEqual(['drei', 'vier']);
      expect(fetches.filter((path) => path.endsWith('/messages'))).toEqual([]);
      // 6 without 5: after a moment the missing one is fetched, then both are delivered in order.
      announce(raw[3]!);
      await expect.poll(() => received.map((m) => m.text)).toEqual(['drei', 'vier', 'fünf', 'sechs']);
      expect(fetches.filter((path) => path.endsWith('/messages'))).toHaveLength(1);
      announce(raw[2]!); // late: already delivered, so not again
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received.map((m) => m.seq)).toEqual([3, 4, 5, 6]);
    } finally {
      seekerClient.api.get = get;
      for (const listener of listeners) socket.on('chat:message', listener);
    }
  });

  it('tries a failed catch-up again: the missing messages arrive without another one coming', async () => {
    const { seekerClient, counselorClient, id } = await activeConversation();
    const received: DecryptedMessage[] = [];
    seekerClient.chat.on('message', (m) => {
      if (m.conversationId === id) received.push(m);
    });
    const errors: Array<{ event: string }> = [];
    seekerClient.chat.on('error', (e) => errors.push(e));
    const socket = (seekerClient.chat as unknown as { socket: Socket }).socket;
    const listeners = socket.listeners('chat:message') as Array<(message: ChatMessage) => void>;
    socket.off('chat:message');
    for (const text of ['sieben', 'acht']) await counselorClient.chat.send(id, text);
    const raw = (
      await seekerClient.api.get<{ messages: ChatMessage[] }>(`/api/conversations/${id}/messages`, {
        after: 2,
      })
    ).messages;
    // the first fetch of the missing message fails, as under a rate limit or a network outage
    const fetches: string[] = [];
    const get = seekerClient.api.get.bind(seekerClient.api);
    seekerClient.api.get = ((path: string, query?: Record<string, unknown>) => {
      if (path.endsWith('/messages')) {
        fetches.push(path);
        if (fetches.length === 1) return Promise.reject(new TypeError('fetch failed'));
      }
      return get(path, query as never);
    }) as typeof seekerClient.api.get;
    try {
      // 8 without 7, and nothing after it
      for (const listener of listeners) listener(raw[1]!);
      await expect.poll(() => errors.map((e) => e.event), { timeout: 5_000 }).toEqual(['sync']);
      expect(received).toEqual([]);
      await expect.poll(() => received.map((m) => m.text), { timeout: 5_000 }).toEqual(['sieben', 'acht']);
      expect(fetches).toHaveLength(2);
    } finally {
      seekerClient.api.get = get;
      for (const listener of listeners) socket.on('chat:message', listener);
    }
  });

  it('numbers messages written at the same moment from both sides without gaps or doubles', async () => {
    const { seekerClient, counselorClient, id } = await activeConversation();
    const texts = Array.from({ length: 40 }, (_, i) => `gleichzeitig ${i}`);
    const sent = await Promise.all(
      texts.map((text, i) => (i % 2 === 0 ? seekerClient : counselorClient).chat.send(id, text)),
    );
    const seqs = sent.map((m) => m.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 3));
    const history = await seekerClient.chat.history(id, { after: 2, limit: 100 });
    expect(history.messages.map((m) => m.seq)).toEqual(seqs);
    expect(new Set(history.messages.map((m) => m.text))).toEqual(new Set(texts));
    const view = await seekerClient.chat.conversation(id);
    expect(view.lastSeq).toBe(42);
  });

  it('stores a resent message once (same client message id)', async () => {
    const { seekerClient, id } = await activeConversation();
    const socket = connectSocket(`${server.url}/chat`, {
      transports: ['websocket'],
      extraHeaders: seekerClient.api.socketHeaders(),
      reconnection: false,
    });
    await new Promise((resolve) => socket.once('chat:ready', resolve));
    const [message] = (await seekerClient.chat.history(id)).messages;
    const raw = (await seekerClient.api.get<{ messages: ChatMessage[] }>(`/api/conversations/${id}/messages`))
      .messages[0]!;
    expect(message!.text).toBe('Erste Nachricht');
    const resend = {
      conversationId: id,
      clientMessageId: raw.clientMessageId,
      keyEpoch: 1,
      nonce: raw.nonce,
      ciphertext: raw.ciphertext,
    };
    const ack = await socket.timeout(5000).emitWithAck('chat:send', resend);
    socket.close();
    expect(ack).toMatchObject({ ok: true, message: { seq: 1 } });
    expect((await seekerClient.chat.conversation(id)).lastSeq).toBe(2);
  });

  it('a new message reaches the other side and the sender’s other devices, the sending socket by its acknowledgement only', async () => {
    const { seekerClient, counselorClient, id } = await activeConversation();
    const device = () =>
      connectSocket(`${server.url}/chat`, {
        transports: ['websocket'],
        extraHeaders: seekerClient.api.socketHeaders(),
        reconnection: false,
      });
    const [sending, otherDevice] = [device(), device()];
    await Promise.all(
      [sending, otherDevice].map((s) => new Promise((resolve) => s.once('chat:ready', resolve))),
    );
    const announced = new Map<Socket, number[]>([
      [sending, []],
      [otherDevice, []],
    ]);
    for (const [socket, seqs] of announced) socket.on('chat:message', (m: ChatMessage) => seqs.push(m.seq));
    const atCounselor = nextEvent(
      counselorClient.chat,
      'message',
      (m) => m.conversationId === id && m.seq === 3,
    );
    const sodium = await getSodium();
    const ack = await sending.timeout(5000).emitWithAck('chat:send', {
      conversationId: id,
      clientMessageId: crypto.randomUUID(),
      keyEpoch: 1,
      nonce: toBase64(sodium, sodium.randombytes_buf(24)),
      ciphertext: toBase64(sodium, sodium.randombytes_buf(40)),
    });
    expect(ack).toMatchObject({ ok: true, message: { seq: 3 } });
    await atCounselor;
    await expect.poll(() => announced.get(otherDevice), { timeout: 5000 }).toEqual([3]);
    expect(announced.get(sending)).toEqual([]);

    // The SDK puts its own message into its stream itself, in order, before send() resolves.
    const own: DecryptedMessage[] = [];
    seekerClient.chat.on('message', (m) => {
      if (m.conversationId === id && m.senderId === seekerClient.session!.account.id) own.push(m);
    });
    seekerClient.chat.track(id, 3);
    const sent = await seekerClient.chat.send(id, 'Von diesem Gerät');
    expect(own.map((m) => [m.seq, m.text])).toEqual([[4, 'Von diesem Gerät']]);
    expect(sent.seq).toBe(4);
    await expect.poll(() => announced.get(otherDevice), { timeout: 5000 }).toEqual([3, 4]);
    expect(announced.get(sending)).toEqual([4]);
    for (const socket of announced.keys()) socket.close();
  });
});

describe('handover, archive and reopening', () => {
  it('hands a consultation to a colleague with a sealed note; archive; the seeker reopens it by writing', async () => {
    const { seekerClient, counselorClient, id } = await activeConversation(
      'Ich brauche Hilfe mit der Miete.',
    );
    const colleague = counselor(second);
    const handed = await counselorClient.chat.handOver(
      id,
      colleague.accountId,
      'Kennt sich mit Mietschulden aus.',
    );
    expect(handed.counselorId).toBe(colleague.accountId);
    const mine = await colleague.client.chat.conversations('active');
    const view = mine.find((c) => c.id === id)!;
    expect(await colleague.client.chat.handOverNote(view)).toBe('Kennt sich mit Mietschulden aus.');
    expect((await colleague.client.chat.history(id)).messages[0]!.text).toBe(
      'Ich brauche Hilfe mit der Miete.',
    );
    // The previous counselor is out of it now.
    await expect(counselorClient.chat.send(id, 'noch da?')).rejects.toMatchObject({ status: 404 });

    await colleague.client.chat.archive(id);
    expect((await colleague.client.chat.conversations('archived')).some((c) => c.id === id)).toBe(true);
    await expect(colleague.client.chat.send(id, 'x')).rejects.toMatchObject({
      code: 'CONVERSATION_ARCHIVED',
    });
    const reopened = nextEvent(
      colleague.client.chat,
      'conversation',
      (c) => c.id === id && 'status' in c && c.status === 'active',
    );
    await seekerClient.chat.send(id, 'Es gibt Neuigkeiten.');
    await reopened;
    const events = (await colleague.client.chat.history(id)).messages.map((m) => m.text ?? m.event);
    expect(events.slice(-3)).toEqual(['archived', 'reopened', 'Es gibt Neuigkeiten.']);
  });

  it('refuses a handover to someone who is not on the signed member list', async () => {
    const { counselorClient, id } = await activeConversation();
    const { accountId: stranger } = await server.createStaff({});
    await expect(counselorClient.chat.handOver(id, stranger)).rejects.toMatchObject({
      code: 'NOT_ON_MEMBER_LIST',
    });
  });
});

describe('what the server stores', () => {
  it('holds no plaintext, no private key and no conversation key in clear in any table', async () => {
    const secretText = 'Geheimnis-4711: niemand außer uns darf das lesen';
    const { seekerClient, counselorClient, id } = await activeConversation(secretText);
    await counselorClient.chat.send(id, 'Antwort-0815 ebenso vertraulich');
    const sodium = await getSodium();
    const secrets = [secretText, 'Geheimnis-4711', 'Antwort-0815', 'vertraulich'];
    const keyMaterial: string[] = [];
    for (const client of [seekerClient, counselorClient]) {
      const identity = client.identity!;
      keyMaterial.push(toBase64(sodium, identity.boxSecretKey), toBase64(sodium, identity.signSecretKey));
      keyMaterial.push(Buffer.from(identity.boxSecretKey).toString('hex'));
    }
    // The conversation key as the clients hold it, in the encodings a leak could take.
    const key = await (
      seekerClient.chat as unknown as { key(id: string, e: number): Promise<Uint8Array> }
    ).key(id, 1);
    keyMaterial.push(
      toBase64(sodium, key),
      Buffer.from(key).toString('base64'),
      Buffer.from(key).toString('hex'),
    );

    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
    `.execute(server.db);
    expect(tables.rows.length).toBeGreaterThan(20);
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(
        server.db,
      );
      const dump = rows.rows.map((r) => r.row).join('\n');
      for (const needle of [...secrets, ...keyMaterial]) {
        expect(dump.includes(needle), `${table_name} contains ${needle.slice(0, 12)}…`).toBe(false);
      }
    }
  });

  it('a tampered ciphertext, or a message moved to another conversation, does not decrypt', async () => {
    const a = await activeConversation('Nachricht A');
    const b = await activeConversation('Nachricht B');
    const row = await server.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', a.id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    const flipped =
      row.ciphertext!.slice(0, 10) + (row.ciphertext![10] === 'A' ? 'B' : 'A') + row.ciphertext!.slice(11);
    await server.db
      .updateTable('messages')
      .set({ ciphertext: flipped })
      .where('conversation_id', '=', a.id)
      .where('seq', '=', 1)
      .execute();
    expect((await a.seekerClient.chat.history(a.id)).messages[0]).toMatchObject({
      error: 'DECRYPTION_FAILED',
    });

    // Copy B's first message into A under A's sequence: the additional data binds B's id.
    const moved = await server.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', b.id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    await server.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('messages')
        .values({ ...moved, conversation_id: a.id, seq: 99, sender_id: a.seekerId })
        .execute();
    });
    const last = (await a.counselorClient.chat.history(a.id)).messages.at(-1)!;
    expect(last).toMatchObject({ seq: 99, error: 'DECRYPTION_FAILED' });
    expect(last.text).toBeUndefined();
  });
});

describe('authorization', () => {
  it('REST: wrong role, wrong seeker and wrong center are refused', async () => {
    const { id, seekerClient } = await activeConversation();
    const { client: stranger } = await seeker();
    await expect(stranger.chat.conversation(id)).rejects.toMatchObject({ status: 404 });
    await expect(stranger.chat.history(id)).rejects.toMatchObject({ status: 404 });
    await expect(stranger.chat.remove(id)).rejects.toMatchObject({ status: 404 });
    await expect(stranger.api.get(`/api/centers/${center.centerId}/queue`)).rejects.toMatchObject({
      status: 403,
    });
    await expect(stranger.api.post(`/api/conversations/${id}/archive`)).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      stranger.api.post(`/api/conversations/${id}/take`, {
        sealedForCounselor: [{ keyEpoch: 1, sealedKey: 'A'.repeat(107) }],
      }),
    ).rejects.toMatchObject({ status: 403 });

    const otherCenter = await setUpChatCenter(server, platformAdmin, { counselors: 1 });
    const outsider = otherCenter.counselors[0]!.client;
    await world.online(outsider);
    await expect(outsider.chat.queue(center.centerId)).rejects.toMatchObject({
      status: 403,
      code: 'NOT_CENTER_MEMBER',
    });
    await expect(outsider.chat.conversation(id)).rejects.toMatchObject({ status: 404 });
    await expect(outsider.api.post(`/api/conversations/${id}/archive`)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      outsider.api.post(`/api/conversations/${id}/hand-over`, {
        toAccountId: otherCenter.counselors[0]!.accountId,
        sealedForCounselor: [{ keyEpoch: 1, sealedKey: 'A'.repeat(107) }],
      }),
    ).rejects.toMatchObject({ status: 404 });
    // A counselor cannot start an inquiry; nobody anonymous can read anything.
    await expect(outsider.api.post('/api/conversations', {})).rejects.toMatchObject({ status: 403 });
    const anonymous = server.client();
    await expect(anonymous.api.get('/api/conversations')).rejects.toMatchObject({ status: 401 });
    await expect(anonymous.api.get(`/api/conversations/${id}/messages`)).rejects.toMatchObject({
      status: 401,
    });
    // An inquiry that is still waiting is visible to its center's team only (first message only).
    const waiting = await seekerClient.chat.startInquiry({
      centerId: center.centerId,
      topic: 'tabak',
      text: 'w',
    });
    await expect(outsider.chat.conversation(waiting.id)).rejects.toMatchObject({ status: 404 });
    const teamView = await counselor(second).client.chat.history(waiting.id, { after: 0, limit: 100 });
    expect(teamView.messages).toHaveLength(1);
  });

  it('socket: events for conversations one is not part of get an error, never a disconnect', async () => {
    const { id } = await activeConversation();
    const { client: stranger, accountId: strangerId } = await seeker();
    const socket = connectSocket(`${server.url}/chat`, {
      transports: ['websocket'],
      extraHeaders: stranger.api.socketHeaders(),
      reconnection: false,
    });
    await new Promise((resolve) => socket.once('chat:ready', resolve));
    const sodium = await getSodium();
    const payload = {
      conversationId: id,
      clientMessageId: crypto.randomUUID(),
      keyEpoch: 1,
      nonce: toBase64(sodium, sodium.randombytes_buf(24)),
      ciphertext: toBase64(sodium, sodium.randombytes_buf(40)),
    };
    expect(await socket.timeout(5000).emitWithAck('chat:send', payload)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await socket.timeout(5000).emitWithAck('chat:receipt', { conversationId: id, readSeq: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const strangersReceipts = await world.server.db
      .selectFrom('conversation_receipts')
      .select('conversation_id')
      .where('account_id', '=', strangerId)
      .execute();
    expect(strangersReceipts).toEqual([]);
    const refused = new Promise((resolve) => socket.once('chat:error', resolve));
    socket.emit('chat:typing', { conversationId: id, typing: true });
    expect(await refused).toMatchObject({ event: 'chat:typing', code: 'NOT_FOUND' });
    // Bad input: a clear code, and the socket stays connected.
    expect(await socket.timeout(5000).emitWithAck('chat:send', { conversationId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(
      await socket.timeout(5000).emitWithAck('chat:send', { ...payload, ciphertext: 'A'.repeat(20_000) }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(socket.connected).toBe(true);
    socket.close();

    const anonymous = connectSocket(`${server.url}/chat`, {
      transports: ['websocket'],
      extraHeaders: { origin: server.origin },
      reconnection: false,
    });
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    anonymous.close();
    expect(error.message).toBe('UNAUTHENTICATED');
  });
});

describe('help seekers delete', () => {
  it('a conversation with every row that belongs to it', async () => {
    const { seekerClient, counselorClient, id } = await activeConversation();
    const gone = nextEvent(counselorClient.chat, 'conversation', (c) => c.id === id && 'deleted' in c);
    await seekerClient.chat.remove(id);
    await gone;
    for (const table of ['messages', 'conversation_keys', 'conversation_receipts'] as const) {
      const rows = await server.db
        .selectFrom(table)
        .select('conversation_id')
        .where('conversation_id', '=', id)
        .execute();
      expect(rows, table).toHaveLength(0);
    }
    await expect(counselorClient.chat.conversation(id)).rejects.toBeInstanceOf(ApiError);
  });
});
