import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BeratungClient, generatePlatformSigningKey, type DecryptedMessage } from '@beratung/shared';
import type { DatabaseHandle } from '../src/db/database';
import { PasswordHasher } from '../src/security/password-hasher';
import { grantPlatformKey, provisionSeekerAccount, provisionStaffAccount } from '../src/accounts/provision';
import { totpCode } from '../src/accounts/totp';
import { freePort } from './support/app';
import { nextEvent } from './support/chat-center';
import { createTestDatabase } from './support/database';
import { startPausableProxy, type PausableProxy } from './support/pausable-proxy';
import { killServerProcesses, startServerProcess, type ServerProcess } from './support/server-process';

/**
 * Issue 5, "Transport and reliability": real server processes (`src/index.ts`) on one
 * PostgreSQL database, real SDK clients with real end-to-end encryption.
 * - A server process is SIGKILLed while a message is on the wire, twice: once after the
 *   sender's acknowledgement (the counselor's copy is lost with the process), once with
 *   the acknowledgement itself lost. A new process on the same port and database; the
 *   SDKs reconnect by themselves and catch up: every message exactly once, in order.
 * - Two processes with Redis: the help seeker on one, the counselor on the other.
 * PGlite is one process only, so this runs with `npm run test:services` (DATABASE_URL
 * set) and is skipped otherwise; the Redis part needs REDIS_URL as well.
 */
const postgresUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
/** Every process is reached under one public origin, as behind a load balancer. */
const ORIGIN = 'http://beratung.localhost';
const PASSWORD = 'Test-Passwort-2026!';

interface Account {
  accountId: string;
  login: string;
}

describe.skipIf(!postgresUrl)('chat across real server processes (PostgreSQL)', () => {
  let database: DatabaseHandle;
  let hasher: PasswordHasher;
  let centerId: string;
  let env: Record<string, string>;
  const accounts: Record<'restartCounselor' | 'pairCounselor' | 'restartSeeker' | 'pairSeeker', Account> =
    {} as never;
  const clients: BeratungClient[] = [];
  const proxies: PausableProxy[] = [];

  const sdk = (baseUrl: string) => {
    const client = new BeratungClient({ baseUrl, nodeOrigin: ORIGIN });
    clients.push(client);
    return client;
  };

  /** Staff log in once each here: password, then TOTP set up on the spot. */
  async function loginStaff(baseUrl: string, account: Account): Promise<BeratungClient> {
    const client = sdk(baseUrl);
    const response = await client.login(account.login, PASSWORD);
    if (response.stage === 'mfa_setup') {
      const { secret } = await client.setupMfa();
      await client.enableMfa(totpCode(secret, Date.now()));
    } else if (response.stage !== 'full') {
      throw new Error(`unexpected login stage ${response.stage}`);
    }
    return client;
  }

  async function loginSeeker(baseUrl: string, account: Account): Promise<BeratungClient> {
    const client = sdk(baseUrl);
    await client.login(account.login, PASSWORD);
    return client;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
    const url = new URL(postgresUrl!);
    url.pathname = `/${rows[0]!.name}`;
    const platform = await generatePlatformSigningKey();
    env = {
      DATABASE_URL: url.toString(),
      DATABASE_POOL_SIZE: '4',
      // Sessions live in the database; TOTP secrets in it are encrypted with this key.
      SECRET_KEY: randomBytes(32).toString('base64'),
      PLATFORM_SIGN_PUBLIC_KEY: platform.publicKey,
      PUBLIC_URL: ORIGIN,
      CHAT_MESSAGES_PER_MINUTE: '1000',
      CHAT_INQUIRIES_PER_DAY: '20',
    };

    hasher = new PasswordHasher(1);
    const tag = randomBytes(4).toString('hex');
    const center = await db
      .insertInto('centers')
      .values({ organisation: 'Testträger e. V.', name: `Beratungsstelle ${tag}`, offers_online_chat: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    centerId = center.id;
    await db
      .insertInto('center_topics')
      .values(['suchtberatung', 'schuldnerberatung'].map((topic_key) => ({ center_id: centerId, topic_key })))
      .execute();
    const staff = async (name: string, role: 'counselor' | 'center_admin' | null) => {
      const email = `${name}-${tag}@test.beratung.local`;
      const created = await provisionStaffAccount(db, hasher, {
        email,
        displayName: name,
        password: PASSWORD,
        platformAdmin: role === null,
        memberships: role ? [{ centerId, role }] : [],
      });
      return { accountId: created.accountId, login: email, identity: created.identity };
    };
    const seeker = async (name: string) => {
      const pseudonym = `${name}-${tag}`;
      const { accountId } = await provisionSeekerAccount(db, hasher, { pseudonym, password: PASSWORD });
      return { accountId, login: pseudonym };
    };
    const platformAdmin = await staff('plattform', null);
    await grantPlatformKey(db, platformAdmin.accountId, platformAdmin.identity, platform);
    const centerAdmin = await staff('leitung', 'center_admin');
    accounts.restartCounselor = await staff('beraterin-neustart', 'counselor');
    accounts.pairCounselor = await staff('berater-zwei-prozesse', 'counselor');
    accounts.restartSeeker = await seeker('Neustart');
    accounts.pairSeeker = await seeker('Zweiprozess');

    // The trust chain, through the SDK against a server process: the platform admin
    // certifies the center admin, who publishes the team key for both counselors.
    const setup = await startServerProcess({ port: await freePort(), env });
    try {
      const platformClient = await loginStaff(setup.url, platformAdmin);
      const adminClient = await loginStaff(setup.url, centerAdmin);
      const pending = await platformClient.pendingCertificates();
      const subject = pending.find((p) => p.accountId === centerAdmin.accountId);
      if (!subject) throw new Error('center admin is not waiting for a certificate');
      await platformClient.certifyPendingAdmin(subject);
      await adminClient.publishTeamKey(centerId);
    } finally {
      await setup.stop();
    }
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.chat.disconnect();
    for (const proxy of proxies) await proxy.close();
    await killServerProcesses();
    await hasher?.close();
    await database?.close();
  });

  async function waitUntil(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Every message a client hands to its listeners for one conversation, in that order. */
  function collect(client: BeratungClient, conversationId: string): DecryptedMessage[] {
    const received: DecryptedMessage[] = [];
    client.chat.on('message', (m) => {
      if (m.conversationId === conversationId) received.push(m);
    });
    return received;
  }

  /** Kills the process with SIGKILL and waits until both proxies have dropped its connections. */
  async function crash(server: ServerProcess, relays: PausableProxy[]): Promise<void> {
    expect((await server.stop('SIGKILL')).signal).toBe('SIGKILL');
    await waitUntil('the relays dropped the dead connections', () =>
      relays.every((relay) => relay.openSockets() === 0),
    );
    for (const relay of relays) relay.resume();
  }

  it('RESTART: a SIGKILL between send and receive loses and duplicates nothing; the SDKs reconnect and catch up', async () => {
    const started = performance.now();
    const port = await freePort();
    // One process, no Redis: nothing but PostgreSQL outlives the crash.
    let server = await startServerProcess({ port, env });
    const seekerNet = await startPausableProxy(port);
    const counselorNet = await startPausableProxy(port);
    proxies.push(seekerNet, counselorNet);
    const seeker = await loginSeeker(seekerNet.url, accounts.restartSeeker);
    const counselor = await loginStaff(counselorNet.url, accounts.restartCounselor);
    await Promise.all([seeker.chat.connect(), counselor.chat.connect()]);
    const connection = { seeker: [] as boolean[], counselor: [] as boolean[] };
    seeker.chat.on('connection', ({ connected }) => connection.seeker.push(connected));
    counselor.chat.on('connection', ({ connected }) => connection.counselor.push(connected));

    const inquiry = await seeker.chat.startInquiry({
      centerId,
      topic: 'alkohol',
      text: 'Ich möchte über mein Trinken sprechen.',
    });
    const id = inquiry.id;
    const atSeeker = collect(seeker, id);
    const atCounselor = collect(counselor, id);
    await counselor.chat.takeOver(id);
    const sent: DecryptedMessage[] = [];
    const texts = (list: DecryptedMessage[]) => list.filter((m) => m.seq > 2).map((m) => m.text);

    // Live before anything breaks.
    for (const text of ['Hallo, ich bin es.', 'Seit Monaten jeden Abend.'])
      sent.push(await seeker.chat.send(id, text));
    await expect.poll(() => texts(atCounselor)).toEqual(sent.map((m) => m.text));

    // Crash 1: the seeker's message is stored and acknowledged; the counselor's copy is
    // on the wire (written by the server, held in the network) when the process dies.
    counselorNet.pauseSockets();
    const onTheWire = await seeker.chat.send(id, 'Diese Nachricht ist unterwegs, als der Server stirbt.');
    sent.push(onTheWire);
    await waitUntil('the counselor’s copy is on the wire', () =>
      counselorNet.held().includes('chat:message'),
    );
    await crash(server, [seekerNet, counselorNet]);
    expect(atCounselor.some((m) => m.seq === onTheWire.seq)).toBe(false);

    // While no server runs: sending fails at once, clearly, and is not stored.
    await waitUntil('both clients noticed', () => !seeker.chat.connected && !counselor.chat.connected);
    const outage = await seeker.chat.send(id, 'Während des Ausfalls').then(
      () => undefined,
      (error: Error) => error,
    );
    expect(outage).toBeInstanceOf(Error);
    console.info(`sending during the outage: ${outage!.name}: ${outage!.message}`);

    server = await startServerProcess({ port, env });
    await expect
      .poll(() => texts(atCounselor), { timeout: 10_000, interval: 20 })
      .toEqual(sent.map((m) => m.text));

    await waitUntil('both clients are back', () => seeker.chat.connected && counselor.chat.connected);

    // Crash 2: this time the acknowledgement is lost as well (both directions held):
    // the SDK sends the same message again after reconnecting, the server stores it once.
    seekerNet.pauseSockets();
    counselorNet.pauseSockets();
    const resending = seeker.chat.send(id, 'Die Bestätigung geht verloren.').then(
      (message) => ({ message, error: undefined, at: performance.now() }),
      (error: Error) => ({ message: undefined, error, at: performance.now() }),
    );
    const counselorResending = counselor.chat.send(id, 'Auch meine Bestätigung geht verloren.').then(
      (message) => ({ message, error: undefined, at: performance.now() }),
      (error: Error) => ({ message: undefined, error, at: performance.now() }),
    );
    await waitUntil(
      'message and acknowledgement are on the wire',
      () => seekerNet.held().includes('"ok":true') && counselorNet.held().split('"ok":true').length === 2,
    );
    const storedRows = await database.db
      .selectFrom('messages')
      .select(['seq', 'client_message_id', 'sender_id'])
      .where('conversation_id', '=', id)
      .where('seq', '>', sent.at(-1)!.seq)
      .orderBy('seq')
      .execute();
    expect(storedRows).toHaveLength(2);
    const stored = storedRows.find((r) => r.sender_id === seeker.session!.account.id)!;
    const storedReply = storedRows.find((r) => r.sender_id === counselor.session!.account.id)!;
    await crash(server, [seekerNet, counselorNet]);
    const restartedAt = performance.now();
    server = await startServerProcess({ port, env });
    const [resent, counselorResent] = await Promise.all([resending, counselorResending]);
    expect(resent.error).toBeUndefined();
    expect(counselorResent.error).toBeUndefined();
    expect(resent.message).toMatchObject({ seq: Number(stored.seq), text: 'Die Bestätigung geht verloren.' });
    expect(resent.message!.clientMessageId).toBe(stored.client_message_id);
    expect(counselorResent.message).toMatchObject({
      seq: Number(storedReply.seq),
      text: 'Auch meine Bestätigung geht verloren.',
    });
    expect(counselorResent.message!.clientMessageId).toBe(storedReply.client_message_id);
    sent.push(...[resent.message!, counselorResent.message!].sort((a, b) => a.seq - b.seq));
    console.info(
      `acknowledgements lost: the SDKs' resends were answered ${Math.round(resent.at - restartedAt)} ms (seeker) and ` +
        `${Math.round(counselorResent.at - restartedAt)} ms (counselor) after the restart began; each stored once`,
    );
    await expect
      .poll(() => texts(atCounselor), { timeout: 10_000, interval: 20 })
      .toEqual(sent.map((m) => m.text));

    // After both restarts: live in both directions again.
    sent.push(await seeker.chat.send(id, 'Seid ihr wieder da?'));
    await expect.poll(() => texts(atCounselor)).toEqual(sent.map((m) => m.text));
    sent.push(await counselor.chat.send(id, 'Ja, wir sind wieder da.'));
    await expect.poll(() => texts(atSeeker)).toEqual(sent.map((m) => m.text));

    // Exactly once, in order, on both sides; the same as the stored history.
    const history = (await counselor.chat.history(id, { after: 0, limit: 100 })).messages;
    expect(history.filter((m) => m.kind === 'message').map((m) => m.text)).toEqual([
      'Ich möchte über mein Trinken sprechen.',
      ...sent.map((m) => m.text),
    ]);
    for (const received of [atSeeker, atCounselor]) {
      const seqs = received.map((m) => m.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(received.filter((m) => m.seq > 2).map((m) => [m.seq, m.text])).toEqual(
        history.filter((m) => m.seq > 2).map((m) => [m.seq, m.text]),
      );
      expect(received.every((m) => !m.error)).toBe(true);
    }
    const copies = await database.db
      .selectFrom('messages')
      .select(({ fn }) => ['client_message_id', fn.countAll<string>().as('n')])
      .where('conversation_id', '=', id)
      .where('client_message_id', 'is not', null)
      .groupBy('client_message_id')
      .having(({ fn }) => fn.countAll(), '>', 1)
      .execute();
    expect(copies).toEqual([]);
    // Both SDKs noticed each crash and came back by themselves.
    expect(connection.seeker.filter((c) => !c).length).toBeGreaterThanOrEqual(2);
    expect(connection.counselor.filter((c) => c).length).toBeGreaterThanOrEqual(2);
    expect(seeker.chat.connected && counselor.chat.connected).toBe(true);
    // That the counselor's resend was answered at once (not after the 10 s acknowledgement
    // timeout) needs the server to listen for a staff socket's events from the moment it
    // connects. Events emitted the instant the connection is there are all answered:
    for (let i = 0; i < 20; i++) {
      const raw = connectSocket(`${server.url}/chat`, {
        transports: ['websocket'],
        extraHeaders: counselor.api.socketHeaders(),
        reconnection: false,
      });
      const answer = await new Promise<unknown>((resolve) =>
        raw.once('connect', () =>
          raw
            .timeout(2000)
            .emitWithAck('chat:receipt', { conversationId: id, readSeq: 1 })
            .then(resolve, resolve),
        ),
      );
      raw.close();
      expect(answer).toEqual({ ok: true });
    }
    expect(counselorResent.at - restartedAt).toBeLessThan(8000);
    console.info(`restart test took ${Math.round(performance.now() - started)} ms`);
    await server.stop();
  }, 60_000);

  it.skipIf(!redisUrl)(
    'TWO PROCESSES with Redis: help seeker on one, counselor on the other — queue, take-over, messages, typing and receipts in real time',
    async () => {
      const redisEnv = { ...env, REDIS_URL: redisUrl! };
      const [portA, portB] = [await freePort(), await freePort()];
      const [processA, processB] = await Promise.all([
        startServerProcess({ port: portA, env: redisEnv }),
        startServerProcess({ port: portB, env: redisEnv }),
      ]);
      const seeker = await loginSeeker(processA.url, accounts.pairSeeker);
      const counselor = await loginStaff(processB.url, accounts.pairCounselor);
      await Promise.all([seeker.chat.connect(), counselor.chat.connect()]);
      const seekerId = seeker.session!.account.id;
      const counselorId = counselor.session!.account.id;

      // A new inquiry on A appears in the counselor's queue on B, decrypted there.
      const text = 'Ich habe Schulden und weiß nicht weiter.';
      const added = nextEvent(counselor.chat, 'queueAdded', (item) => item.firstText === text);
      const inquiry = await seeker.chat.startInquiry({ centerId, topic: 'schuldnerberatung', text });
      expect(await added).toMatchObject({ id: inquiry.id, seekerId, status: 'waiting' });
      const id = inquiry.id;

      // Taken over on B: the seeker on A sees it.
      const seekerSeesTaken = nextEvent(
        seeker.chat,
        'conversation',
        (c) => c.id === id && 'status' in c && c.status === 'active',
      );
      const taken = nextEvent(seeker.chat, 'message', (m) => m.conversationId === id && m.event === 'taken');
      await counselor.chat.takeOver(id);
      expect(await seekerSeesTaken).toMatchObject({ counselorId });
      expect(await taken).toMatchObject({ seq: 2, senderId: counselorId });

      // Messages both ways, each received on the other process, decrypted.
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const toCounselor = nextEvent(counselor.chat, 'message', (m) => m.text === `Frage ${i}`);
        const t0 = performance.now();
        const sent = await seeker.chat.send(id, `Frage ${i}`);
        expect(await toCounselor).toMatchObject({ seq: sent.seq, senderId: seekerId });
        latencies.push(performance.now() - t0);
        const toSeeker = nextEvent(seeker.chat, 'message', (m) => m.text === `Antwort ${i}`);
        const t1 = performance.now();
        const answer = await counselor.chat.send(id, `Antwort ${i}`);
        expect(await toSeeker).toMatchObject({ seq: answer.seq, senderId: counselorId });
        latencies.push(performance.now() - t1);
      }

      // Typing, both ways across the processes.
      const seekerSeesTyping = nextEvent(seeker.chat, 'typing', (t) => t.conversationId === id);
      counselor.chat.typing(id, true);
      expect(await seekerSeesTyping).toEqual({ conversationId: id, accountId: counselorId, typing: true });
      const counselorSeesTyping = nextEvent(counselor.chat, 'typing', (t) => t.conversationId === id);
      seeker.chat.typing(id, false);
      expect(await counselorSeesTyping).toEqual({ conversationId: id, accountId: seekerId, typing: false });

      // Read receipts, both ways.
      const lastSeq = 2 + 10;
      // (Delivery receipts go out by themselves when a message arrives, and a receipt that
      // moves nothing is not sent: each side waits for the other's read mark itself.)
      const counselorSeesRead = nextEvent(
        counselor.chat,
        'receipt',
        (r) => r.accountId === seekerId && r.readSeq === lastSeq,
      );
      await seeker.chat.markRead(id, lastSeq);
      expect(await counselorSeesRead).toMatchObject({ deliveredSeq: lastSeq, readSeq: lastSeq });
      const question = await seeker.chat.send(id, 'Noch eine Frage');
      const seekerSeesRead = nextEvent(
        seeker.chat,
        'receipt',
        (r) => r.accountId === counselorId && r.readSeq === question.seq,
      );
      await counselor.chat.markRead(id, question.seq);
      expect(await seekerSeesRead).toEqual({
        conversationId: id,
        accountId: counselorId,
        deliveredSeq: question.seq,
        readSeq: question.seq,
      });

      latencies.sort((a, b) => a - b);
      console.info(
        `two processes: send → received on the other process, ${latencies.length} messages: ` +
          `median ${latencies[latencies.length >> 1]!.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
      );
      await Promise.all([processA.stop(), processB.stop()]);
    },
    60_000,
  );
});
