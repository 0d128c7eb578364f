import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessageId } from '../src/mail/mail-sender';
import { startTestServer, type TestServer } from './support/app';
import { dateIn, seedBookingCenter } from './support/booking-center';
import { startSmtpCatcher, type ReceivedMail, type SmtpCatcher } from './support/smtp-catcher';

/**
 * "Each mail is sent exactly once, even with two server processes and across restarts."
 * Real server processes (`src/index.ts`, with their job runner) send real booking mails
 * from one PostgreSQL database to a real SMTP server on loopback. PGlite is one process
 * only, so this runs with `npm run test:services` (DATABASE_URL set) and is skipped otherwise.
 */
const postgresUrl = process.env.DATABASE_URL;
const PUBLIC_URL = 'https://beratung.example.org';
const DOMAIN = 'beratung.example.org';
/**
 * The mail job sends up to 10 mails a round, one round a second, and each mail opens an
 * SMTP connection whose greeting smtp-server (like many real servers) holds back 100 ms:
 * about 5 mails a second per process. These numbers keep each test near 15 seconds.
 */
const PAIR_MAILS = 100;
const RESTART_MAILS = 40;

interface SenderProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe.skipIf(!postgresUrl)('mail delivery across server processes (PostgreSQL)', () => {
  let server: TestServer;
  let smtp: SmtpCatcher;
  let databaseUrl: string;
  let serviceId: string;
  /** Bookable starts, each as often as it has counselors; the same start is far apart. */
  let starts: string[];
  let onAccepted: ((mail: ReceivedMail) => void) | undefined;
  const running = new Set<ChildProcess>();
  const dataDirs: string[] = [];

  beforeAll(async () => {
    // The app in this process books (its jobs are off, so it sends nothing).
    server = await startTestServer();
    ({ serviceId } = await seedBookingCenter(server));
    const { slots } = await server.client().booking.slots({ serviceId, from: dateIn(30), to: dateIn(45) });
    const once = slots.map((s) => s.start);
    starts = [...once, ...once, ...once];
    smtp = await startSmtpCatcher({ onAccepted: (mail) => onAccepted?.(mail) });
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(server.db);
    const url = new URL(postgresUrl!);
    url.pathname = `/${rows[0]!.name}`;
    databaseUrl = url.toString();
  }, 60_000);

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await smtp?.close();
    await server?.close();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** `npm run start:server` as production runs it, on the test database, mailing to the catcher. */
  function startSenderProcess(name: string): SenderProcess {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-mail-'));
    dataDirs.push(dataDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '3',
      // The EHLO name tells the SMTP server which process a mail came from.
      SMTP_URL: `${smtp.url}/?name=${name}`,
      PUBLIC_URL,
      DEMO_DATA: 'false',
      SERVE_APPS: 'false',
      HASH_WORKERS: '1',
      LOG_LEVEL: 'warn',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env,
    });
    running.add(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
    return { child, output: () => output, exited };
  }

  async function stop(sender: SenderProcess): Promise<void> {
    sender.child.kill('SIGTERM');
    const { code } = await sender.exited;
    expect(code, sender.output()).toBe(0);
  }

  /** Books `count` appointments with distinct contact addresses; their confirmations are queued. */
  async function bookWithMails(count: number, tag: string): Promise<Map<string, string>> {
    const recipients = Array.from({ length: count }, (_, i) => `${tag}-${i}@example.org`);
    const booking = server.client().booking;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < count) {
          const email = recipients[next++]!;
          const start = starts.shift();
          if (!start) throw new Error('no bookable start left');
          await booking.book({ serviceId, start, contact: { name: 'Test', email }, locale: 'de' });
        }
      }),
    );
    const rows = await server.db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'status'])
      .where('to_address', 'in', recipients)
      .execute();
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    return new Map(rows.map((r) => [r.to_address, r.id]));
  }

  async function sentCount(rowIds: Iterable<string>): Promise<number> {
    const row = await server.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', 'in', [...rowIds])
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const receivedFor = (rows: Map<string, string>) =>
    smtp.received.filter((mail) => mail.recipients.some((to) => rows.has(to)));

  it(`two server processes on one database send each of ${PAIR_MAILS} booking mails exactly once`, async () => {
    const rows = await bookWithMails(PAIR_MAILS, 'pair');
    const first = startSenderProcess('sender-a');
    const second = startSenderProcess('sender-b');
    await waitUntil('all rows are sent', async () => (await sentCount(rows.values())) === PAIR_MAILS, 40_000);
    await Promise.all([stop(first), stop(second)]);

    const received = receivedFor(rows);
    expect(received).toHaveLength(PAIR_MAILS);
    // Counted by recipient (one per row) and by Message-ID: each exactly once.
    expect(new Set(received.map((m) => m.recipients.join(','))).size).toBe(PAIR_MAILS);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(PAIR_MAILS);
    for (const mail of received) {
      expect(mail.recipients).toHaveLength(1);
      expect(mail.messageId).toBe(outboxMessageId(rows.get(mail.recipients[0]!)!, DOMAIN));
      // The real confirmation mail ("Terminbestätigung: …", as an RFC 2047 encoded word).
      expect(mail.subject).toMatch(/^=\?UTF-8\?Q\?Terminbest=C3=A4tigung/);
    }
    // Both processes really sent: the rows were shared out, not drained by one of them.
    const byProcess = { a: 0, b: 0 };
    for (const mail of received) byProcess[mail.clientName === 'sender-a' ? 'a' : 'b']++;
    console.info(`two processes: sender-a sent ${byProcess.a}, sender-b sent ${byProcess.b}, 0 twice`);
    expect(byProcess.a).toBeGreaterThan(0);
    expect(byProcess.b).toBeGreaterThan(0);
  }, 60_000);

  it('after a SIGKILL between the SMTP answer and COMMIT, a restart loses nothing; the in-flight mail comes twice with one Message-ID', async () => {
    const rows = await bookWithMails(RESTART_MAILS, 'restart');
    const killAfter = 15;
    const first = startSenderProcess('sender-killed');
    let accepted = 0;
    // The SMTP server has just answered 250 to the 15th mail: the sender has not recorded it yet.
    onAccepted = (mail) => {
      if (!mail.recipients.some((to) => rows.has(to))) return;
      if (++accepted === killAfter) setImmediate(() => first.child.kill('SIGKILL'));
    };
    expect((await first.exited).signal).toBe('SIGKILL');
    onAccepted = undefined;

    // Measured, not assumed: mails the SMTP server has that the database does not call sent.
    const receivedAtKill = receivedFor(rows).length;
    const recordedAtKill = await sentCount(rows.values());
    const inFlight = receivedAtKill - recordedAtKill;
    // One process sends one mail at a time, so at most one can be in flight.
    expect(inFlight).toBeGreaterThanOrEqual(0);
    expect(inFlight).toBeLessThanOrEqual(1);

    const second = startSenderProcess('sender-restarted');
    await waitUntil(
      'all rows are sent',
      async () => (await sentCount(rows.values())) === RESTART_MAILS,
      40_000,
    );
    await stop(second);

    const received = receivedFor(rows);
    const copies = new Map<string, ReceivedMail[]>();
    for (const mail of received) {
      const to = mail.recipients[0]!;
      copies.set(to, [...(copies.get(to) ?? []), mail]);
    }
    // None lost: every row reached the SMTP server, with the Message-ID of its row.
    expect(copies.size).toBe(RESTART_MAILS);
    for (const [to, mails] of copies) {
      for (const mail of mails) expect(mail.messageId).toBe(outboxMessageId(rows.get(to)!, DOMAIN));
    }
    // The only duplicates are the rows in flight at the kill, each sent exactly twice.
    const duplicated = [...copies.values()].filter((mails) => mails.length > 1);
    expect(duplicated).toHaveLength(inFlight);
    expect(duplicated.every((mails) => mails.length === 2)).toBe(true);
    expect(received).toHaveLength(RESTART_MAILS + inFlight);
    console.info(
      `restart: killed after ${receivedAtKill} accepted mails with ${recordedAtKill} recorded as sent ` +
        `(${inFlight} in flight); after the restart ${duplicated.length} mail(s) arrived twice, ` +
        `each time with the same Message-ID`,
    );
  }, 60_000);
});
