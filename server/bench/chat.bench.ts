/**
 * The chat under load (issue 5, "Proof: bench"): many open Socket.IO connections on one
 * server process (and on two with Redis), while help seekers and counselors write to
 * each other through the real SDK — end-to-end encrypted on one side, decrypted on the
 * other. Measured: delivery latency (send() called → the receiver's SDK hands the
 * decrypted message to its listener), messages per second, and the server's memory per
 * connection.
 *
 * The server runs as a child process (`src/index.ts`, as `npm run start:server` runs it)
 * so its CPU and memory are its own. Accounts and sessions are written to the database
 * directly: an Argon2id login costs 64 MiB and a good part of a second by design (the
 * login benchmark measures it), and thousands of them are not what this measures. The
 * active clients are full SDK clients holding real key pairs behind the real trust chain
 * (platform key → certified center admin → team key); the other connections are plain
 * Socket.IO clients, each logged in as an account of its own, that stay idle — held by a
 * child process (bench/idle-connections.ts), so their garbage and timers do not stall the
 * clients whose latency is measured.
 *
 * Sizes (flags after `npm run bench --`, or environment variables):
 *   --chat-connections 1000,5000   BENCH_CHAT_CONNECTIONS  connections per scenario
 *   --chat-rate 500                BENCH_CHAT_RATE         messages per second offered
 *   --chat-pairs 100               BENCH_CHAT_PAIRS        conversations that write
 *   --chat-counselors 10           BENCH_CHAT_COUNSELORS   counselors sharing them
 *   --chat-seconds 10              BENCH_CHAT_SECONDS      measuring window per scenario
 *   --chat-warm-up 5               BENCH_CHAT_WARM_UP      seconds of load before the window
 *   --chat-redis auto              BENCH_CHAT_REDIS        auto (when reachable), off, only
 *   BENCH_CHAT_POOL                the server's DATABASE_POOL_SIZE (default: the server's own)
 * BENCH_CHAT_CPU_PROFILE=DIR writes a V8 CPU profile of each server process into DIR;
 * BENCH_CHAT_NODE_ARGS adds node flags to the server processes (`--trace-gc`, say) and
 * BENCH_CHAT_SERVER_OUTPUT=FILE keeps what they printed; BENCH_CHAT_TRACE=FILE writes every
 * message's send time, acknowledgement and delivery latency.
 * Each connection is a file descriptor in this process and one in the server: the soft
 * limit (`ulimit -n`) must exceed the largest count plus some room; it is checked first.
 */
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import {
  BeratungClient,
  generateIdentity,
  generatePlatformSigningKey,
  getSodium,
  newKdfParams,
  publicIdentity,
  wrapIdentity,
  type Identity,
} from '@beratung/shared';
import type { Db } from '../src/db/database';
import { credentialColumns } from '../src/accounts/accounts.service';
import { grantPlatformKey } from '../src/accounts/provision';
import { randomToken, sha256 } from '../src/security/secrets';
import { freePort } from '../test/support/app';
import { startServerProcess, type ServerProcess } from '../test/support/server-process';
import { machineCpu, processCpuMs } from '../../media/bench/proc';
import { benchDatabase, percentile } from './bench-server';
import { inBatches } from './in-batches';
import type { Row } from './run';

const ORIGIN = 'http://bench.localhost';
const COOKIE = 'beratung_sid';
/** A typical chat line: about 100 bytes of text. */
const FILLER = ' — ich schreibe, wie es mir heute geht, und frage, was ich als Nächstes tun kann.';
/**
 * Unacknowledged sends per conversation before the driver stops offering more: an
 * overloaded server then shows as latency and "not offered", not as thousands of
 * parallel HTTP connections from this one process.
 */
const MAX_OUTSTANDING_PER_PAIR = 4;

interface ChatBenchOptions {
  connections: number[];
  rate: number;
  pairs: number;
  counselors: number;
  seconds: number;
  warmUpSeconds: number;
  redis: 'auto' | 'off' | 'only';
}

function option(flag: string, envName: string, fallback: string): string {
  const args = process.argv;
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1]! : (process.env[envName] ?? fallback);
}

export function chatBenchOptions(): ChatBenchOptions {
  return {
    connections: option('--chat-connections', 'BENCH_CHAT_CONNECTIONS', '1000,5000').split(',').map(Number),
    rate: Number(option('--chat-rate', 'BENCH_CHAT_RATE', '500')),
    pairs: Number(option('--chat-pairs', 'BENCH_CHAT_PAIRS', '100')),
    counselors: Number(option('--chat-counselors', 'BENCH_CHAT_COUNSELORS', '10')),
    seconds: Number(option('--chat-seconds', 'BENCH_CHAT_SECONDS', '10')),
    // A server's first seconds under load include compiling its hot paths: in traces, a
    // stall of about 100 ms came about 2 s into the load, once per server start.
    warmUpSeconds: Number(option('--chat-warm-up', 'BENCH_CHAT_WARM_UP', '5')),
    redis: option('--chat-redis', 'BENCH_CHAT_REDIS', 'auto') as ChatBenchOptions['redis'],
  };
}

/** The soft limit of open files of this process (children inherit it). */
function openFileLimit(): number {
  try {
    const line = fs
      .readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Infinity;
  }
}

async function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname);
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.write('PING\r\n');
    });
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

// --- accounts, sessions and the trust chain, written directly ---

interface BenchAccount {
  id: string;
  token: string;
  identity?: Identity;
}

async function credentialsFor(identity: Identity) {
  const sodium = await getSodium();
  // Wrapped under a random key nobody keeps: the account has keys but no password.
  const material = {
    kdf: await newKdfParams(),
    authKey: '',
    ...(await publicIdentity(identity)),
    wrappedKeys: await wrapIdentity(identity, sodium.randombytes_buf(sodium.crypto_secretbox_KEYBYTES)),
  };
  return credentialColumns(material, '$bench$no-password-login');
}

async function createAccounts(
  db: Db,
  specs: Array<{ kind: 'seeker' | 'staff'; login: string; platformAdmin?: boolean; withKeys: boolean }>,
): Promise<BenchAccount[]> {
  const shared = await credentialsFor(await generateIdentity());
  const accounts: BenchAccount[] = [];
  for (let i = 0; i < specs.length; i += 500) {
    const chunk = specs.slice(i, i + 500);
    const identities = await Promise.all(chunk.map((s) => (s.withKeys ? generateIdentity() : undefined)));
    const values = await Promise.all(
      chunk.map(async (spec, j) => ({
        kind: spec.kind,
        login: spec.login,
        display_name: spec.login,
        email: spec.kind === 'staff' ? spec.login : null,
        is_platform_admin: spec.platformAdmin ?? false,
        ...(identities[j] ? await credentialsFor(identities[j]) : shared),
        recovery: JSON.stringify(null),
      })),
    );
    const rows = await db.insertInto('accounts').values(values).returning('id').execute();
    const now = new Date();
    const sessions = rows.map((row) => ({ accountId: row.id, token: randomToken() }));
    await db
      .insertInto('sessions')
      .values(
        sessions.map((s) => ({
          id_hash: sha256(s.token),
          account_id: s.accountId,
          stage: 'full' as const,
          csrf_token: randomToken(24),
          created_at: now,
          last_seen_at: now,
          idle_timeout_seconds: 24 * 3600,
          expires_at: new Date(now.getTime() + 24 * 3600 * 1000),
        })),
      )
      .execute();
    sessions.forEach((s, j) => accounts.push({ id: s.accountId, token: s.token, identity: identities[j] }));
  }
  return accounts;
}

/** A full SDK client for an account whose session was made in the database. */
async function sdkClient(baseUrl: string, account: BenchAccount): Promise<BeratungClient> {
  const client = new BeratungClient({ baseUrl, nodeOrigin: ORIGIN });
  // The cookie the login response would have set, kept where the SDK keeps cookies.
  (client.api as unknown as { cookies: Map<string, string> }).cookies.set(COOKIE, account.token);
  client.identity = account.identity;
  if (!(await client.currentSession())) throw new Error('bench session was not accepted');
  return client;
}

interface World {
  seekers: BenchAccount[];
  counselors: BenchAccount[];
  idle: BenchAccount[];
  /** conversation i: seekers[i] with counselors[i % counselors] */
  conversations: string[];
}

async function seed(
  db: Db,
  options: ChatBenchOptions,
  idleCount: number,
  platform: { publicKey: string; secretKey: Uint8Array },
) {
  const center = await db
    .insertInto('centers')
    .values({ organisation: 'Bench e. V.', name: 'Chat-Benchmark-Stelle', offers_online_chat: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('center_topics').values({ center_id: center.id, topic_key: 'suchtberatung' }).execute();
  const staff = await createAccounts(db, [
    { kind: 'staff', login: 'platform@bench.local', platformAdmin: true, withKeys: true },
    { kind: 'staff', login: 'admin@bench.local', withKeys: true },
    ...Array.from({ length: options.counselors }, (_, i) => ({
      kind: 'staff' as const,
      login: `counselor-${i}@bench.local`,
      withKeys: true,
    })),
  ]);
  const [platformAdmin, centerAdmin, ...counselors] = staff as [
    BenchAccount,
    BenchAccount,
    ...BenchAccount[],
  ];
  await db
    .insertInto('memberships')
    .values([
      { account_id: centerAdmin.id, center_id: center.id, role: 'center_admin' as const },
      ...counselors.map((c) => ({ account_id: c.id, center_id: center.id, role: 'counselor' as const })),
    ])
    .execute();
  await grantPlatformKey(db, platformAdmin.id, platformAdmin.identity!, platform);
  const seekers = await createAccounts(
    db,
    Array.from({ length: options.pairs }, (_, i) => ({
      kind: 'seeker' as const,
      login: `bench-writer-${i}`,
      withKeys: true,
    })),
  );
  const idle = await createAccounts(
    db,
    Array.from({ length: idleCount }, (_, i) => ({
      kind: 'seeker' as const,
      login: `bench-idle-${i}`,
      withKeys: false,
    })),
  );
  return {
    counselors,
    seekers,
    idle,
    /** The trust chain and the conversations, through the SDK against a running server. */
    async conversations(url: string): Promise<string[]> {
      const platformClient = await sdkClient(url, platformAdmin);
      const adminClient = await sdkClient(url, centerAdmin);
      const pending = await platformClient.pendingCertificates();
      await platformClient.certifyPendingAdmin(pending.find((p) => p.accountId === centerAdmin.id)!);
      await adminClient.publishTeamKey(center.id);
      const counselorClients = await Promise.all(counselors.map((c) => sdkClient(url, c)));
      const ids: string[] = new Array(seekers.length);
      await inBatches(
        seekers.map((s, i) => ({ s, i })),
        8,
        async ({ s, i }) => {
          const seeker = await sdkClient(url, s);
          const view = await seeker.chat.startInquiry({
            centerId: center.id,
            topic: 'alkohol',
            text: `Anfrage ${i}${FILLER}`,
          });
          await counselorClients[i % counselorClients.length]!.chat.takeOver(view.id);
          ids[i] = view.id;
        },
      );
      return ids;
    },
  };
}

// --- measuring ---

async function serverMemory(server: ServerProcess): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: value('process_resident_memory_bytes'), heap: value('nodejs_heap_size_used_bytes') };
}

/**
 * The server's event-loop delay since its previous /metrics scrape (prom-client resets the
 * histogram on each scrape), in ms: where a latency tail comes from a blocked loop.
 */
async function serverLoopDelay(server: ServerProcess): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p99: value('nodejs_eventloop_lag_p99_seconds'), max: value('nodejs_eventloop_lag_max_seconds') };
}

/** HTTP requests the server answered so far, by route pattern (its /metrics). */
async function requestsByRoute(server: ServerProcess): Promise<Map<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const [, route, n] of text.matchAll(/^http_requests_total\{[^}]*route="([^"]*)"[^}]*\} (\S+)/gm))
    counts.set(route!, (counts.get(route!) ?? 0) + Number(n));
  return counts;
}

async function requestsOf(processes: ServerProcess[], route: string): Promise<number> {
  const all = await Promise.all(processes.map(requestsByRoute));
  return all.reduce((total, counts) => total + (counts.get(route) ?? 0), 0);
}

const VIEW_ROUTE = '/api/conversations/:conversationId';
const HISTORY_ROUTE = '/api/conversations/:conversationId/messages';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens idle connections, each as its own account, in a child process of their own
 * (bench/idle-connections.ts); resolves when every one is ready.
 */
async function holdIdle(url: string, accounts: BenchAccount[]): Promise<{ stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./idle-connections.ts', import.meta.url)),
      `${url}/chat`,
      ORIGIN,
      COOKIE,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin.write(`${accounts.map((a) => a.token).join('\n')}\n\n`);
  const answer = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    void exited.then((code) => resolve(`failed: exited with ${code}`));
  });
  if (answer !== `ready ${accounts.length}`) {
    child.kill();
    throw new Error(`idle connections: ${answer}`);
  }
  return {
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}

interface Pair {
  id: string;
  seeker: BeratungClient;
  counselor: BeratungClient;
  sent: number;
}

interface LoadResult {
  latencies: number[];
  acks: number[];
  sent: number;
  delivered: number;
  lost: number;
  duplicates: number;
  failed: number;
  skipped: number;
  seconds: number;
  /** Messages sent in warm-up and window together. */
  all: number;
  /** What went wrong, by kind: the SDK's error events ("error sync:CODE") and failed sends ("send CODE"). */
  problems: Map<string, number>;
}

/**
 * Sends messages over the pairs, alternating the direction within each conversation,
 * for a warm-up and then the measuring window; latency is taken at the receiver for
 * messages sent in the window.
 * - open loop (`rate`): that many messages a second are offered whatever the latency
 *   (as independent people would write), the figure for "p99 at N messages/s";
 * - closed loop (`rate` undefined): each conversation sends its next message as soon as
 *   the previous one is acknowledged: the most this setup gets through.
 */
async function drive(
  pairs: Pair[],
  rate: number | undefined,
  warmUpSeconds: number,
  seconds: number,
): Promise<LoadResult> {
  const inFlight = new Map<
    string,
    { t0: number; measured: boolean; delivered: boolean; acked: boolean; ack?: number; delivery?: number }
  >();
  const result: LoadResult = {
    latencies: [],
    acks: [],
    sent: 0,
    delivered: 0,
    lost: 0,
    duplicates: 0,
    failed: 0,
    skipped: 0,
    seconds,
    all: 0,
    problems: new Map(),
  };
  const problem = (kind: string) => result.problems.set(kind, (result.problems.get(kind) ?? 0) + 1);
  const clients = new Set(pairs.flatMap((p) => [p.seeker, p.counselor]));
  const errorOffs = [...clients].map((client) =>
    client.chat.on('error', (error) => problem(`error ${error.event}:${error.code}`)),
  );
  const offs = [...clients].map((client) =>
    client.chat.on('message', (message) => {
      if (!message.text?.startsWith('bench ') || message.senderId === client.session!.account.id) return;
      const key = message.text.slice(6, message.text.indexOf(' ', 6));
      const entry = inFlight.get(key);
      if (!entry) return;
      if (entry.delivered) {
        result.duplicates++;
        return;
      }
      entry.delivered = true;
      entry.delivery = performance.now() - entry.t0;
      if (entry.measured) {
        result.latencies.push(entry.delivery);
        result.delivered++;
      }
    }),
  );
  let outstanding = 0;
  let counter = 0;
  const start = performance.now();
  const total = warmUpSeconds + seconds;
  const elapsed = () => (performance.now() - start) / 1000;

  const sendOne = (pair: Pair): Promise<void> => {
    const sender = pair.sent++ % 2 === 0 ? pair.seeker : pair.counselor;
    const key = String(++counter);
    const measured = elapsed() >= warmUpSeconds;
    const t0 = performance.now();
    const entry: { t0: number; measured: boolean; delivered: boolean; acked: boolean; ack?: number } = {
      t0,
      measured,
      delivered: false,
      acked: false,
    };
    inFlight.set(key, entry);
    if (measured) result.sent++;
    result.all++;
    outstanding++;
    return sender.chat
      .send(pair.id, `bench ${key} ${FILLER}`)
      .then(
        () => {
          entry.acked = true;
          entry.ack = performance.now() - t0;
          if (measured) result.acks.push(entry.ack);
        },
        (error: unknown) => {
          result.failed++;
          problem(
            `send ${(error as { code?: string }).code ?? `${(error as Error).name} (${(error as Error).message.slice(0, 80)})`}`,
          );
          inFlight.delete(key);
        },
      )
      .finally(() => outstanding--);
  };

  if (rate === undefined) {
    await Promise.all(
      pairs.map(async (pair) => {
        while (elapsed() < total) await sendOne(pair);
      }),
    );
  } else {
    let issued = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        if (elapsed() >= total) {
          clearInterval(tick);
          resolve();
          return;
        }
        const due = Math.floor(elapsed() * rate) - issued;
        for (let i = 0; i < due; i++) {
          issued++;
          if (outstanding >= MAX_OUTSTANDING_PER_PAIR * pairs.length) {
            if (elapsed() >= warmUpSeconds) result.skipped++;
            continue;
          }
          void sendOne(pairs[issued % pairs.length]!);
        }
      }, 5);
    });
  }
  // Let what is on its way arrive (at most 60 s), then count what was stored (acknowledged)
  // but never reached the other side.
  const until = performance.now() + 60_000;
  while (performance.now() < until && (outstanding > 0 || [...inFlight.values()].some((e) => !e.delivered)))
    await sleep(20);
  result.lost = [...inFlight.values()].filter((e) => e.acked && !e.delivered).length;
  for (const off of [...offs, ...errorOffs]) off();
  // BENCH_CHAT_TRACE=FILE: every message as "sent at (ms into the run), ack ms, delivery ms",
  // to see whether a latency tail is spread out (queueing) or bunched in time (stalls).
  const trace = process.env.BENCH_CHAT_TRACE;
  if (trace)
    fs.appendFileSync(
      trace,
      `# started at ${new Date(performance.timeOrigin + start).toISOString()}\n` +
        [...inFlight.values()]
          .map(
            (e) =>
              `${(e.t0 - start).toFixed(1)} ${e.ack?.toFixed(1) ?? '-'} ${e.delivery?.toFixed(1) ?? '-'}\n`,
          )
          .join(''),
    );
  result.latencies.sort((a, b) => a - b);
  result.acks.sort((a, b) => a - b);
  return result;
}

// --- scenarios ---

interface Scenario {
  connections: number;
  processes: 1 | 2;
  redisUrl?: string;
}

async function runScenario(
  scenario: Scenario,
  world: World,
  options: ChatBenchOptions,
  env: Record<string, string>,
  db: Db,
): Promise<Row[]> {
  const processes: ServerProcess[] = [];
  const idleHolders: Array<{ stop(): Promise<void> }> = [];
  const clients: BeratungClient[] = [];
  try {
    for (let i = 0; i < scenario.processes; i++) {
      processes.push(
        await startServerProcess({
          port: await freePort(),
          env: { ...env, ...(scenario.redisUrl ? { REDIS_URL: scenario.redisUrl } : {}) },
          nodeArgs: [
            '--max-old-space-size=4096',
            ...(process.env.BENCH_CHAT_CPU_PROFILE
              ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CHAT_CPU_PROFILE}`]
              : []),
            ...(process.env.BENCH_CHAT_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
          ],
        }),
      );
    }
    // Help seekers on the first process, counselors on the last (the same one without Redis).
    const seekerServer = processes[0]!;
    const counselorServer = processes.at(-1)!;
    const counselorClients = await Promise.all(
      world.counselors.map((c) => sdkClient(counselorServer.url, c)),
    );
    clients.push(...counselorClients);
    const lastSeqs = new Map(
      (
        await sql<{ id: string; last_seq: string }>`select id, last_seq from conversations`.execute(db)
      ).rows.map((r) => [r.id, Number(r.last_seq)]),
    );
    const pairs: Pair[] = [];
    await inBatches(
      world.seekers.map((s, i) => ({ s, i })),
      10,
      async ({ s, i }) => {
        const seeker = await sdkClient(seekerServer.url, s);
        clients.push(seeker);
        pairs[i] = {
          id: world.conversations[i]!,
          seeker,
          counselor: counselorClients[i % counselorClients.length]!,
          sent: 0,
        };
      },
    );
    await inBatches(clients, 10, (client) => client.chat.connect());
    for (const pair of pairs) {
      pair.seeker.chat.track(pair.id, lastSeqs.get(pair.id) ?? 0);
      pair.counselor.chat.track(pair.id, lastSeqs.get(pair.id) ?? 0);
    }
    // Both sides open their conversation as the apps do (its view, then the latest page of
    // history, decrypted): people write in a conversation they have open.
    const openStarted = performance.now();
    await inBatches(
      pairs.flatMap((pair) => [pair.seeker, pair.counselor].map((client) => ({ client, id: pair.id }))),
      20,
      async ({ client, id }) => {
        await client.chat.conversation(id);
        await client.chat.history(id, { limit: 20 });
      },
    );
    const openSeconds = (performance.now() - openStarted) / 1000;
    const sdkSockets = clients.length;
    const idleCount = Math.max(0, scenario.connections - sdkSockets);
    await sleep(1500);
    const before = await Promise.all(processes.map(serverMemory));
    const t0 = performance.now();
    const idle = world.idle.slice(0, idleCount);
    const half = Math.ceil(idle.length / processes.length);
    idleHolders.push(
      ...(await Promise.all(processes.map((p, i) => holdIdle(p.url, idle.slice(i * half, (i + 1) * half))))),
    );
    const connectSeconds = (performance.now() - t0) / 1000;
    await sleep(3000);
    const after = await Promise.all(processes.map(serverMemory));
    const sum = (list: Array<{ rss: number; heap: number }>, key: 'rss' | 'heap') =>
      list.reduce((total, m) => total + m[key], 0);
    const perConnection = (key: 'rss' | 'heap') =>
      idleCount > 0 ? (sum(after, key) - sum(before, key)) / idleCount / 1024 : NaN;

    const transactions = async () => {
      // PostgreSQL counts a statement outside a transaction as one; its counters lag up to a second.
      await sleep(1500);
      const { rows } = await sql<{
        n: string;
      }>`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`.execute(
        db,
      );
      return Number(rows[0]!.n);
    };
    const transactionsBefore = await transactions();
    const viewsBefore = await requestsOf(processes, VIEW_ROUTE);
    const historiesBefore = await requestsOf(processes, HISTORY_ROUTE);
    const cpuBefore = {
      servers: processes.map((p) => processCpuMs(p.child.pid!)),
      clients: process.cpuUsage(),
      machine: machineCpu(),
      at: performance.now(),
    };
    const unhandledBefore = unhandled.count;
    await Promise.all(processes.map(serverLoopDelay));
    const benchLoop = monitorEventLoopDelay({ resolution: 10 });
    benchLoop.enable();
    const load = await drive(pairs, options.rate, options.warmUpSeconds, options.seconds);
    benchLoop.disable();
    const serverLoop = await Promise.all(processes.map(serverLoopDelay));
    const unhandledDuring = unhandled.count - unhandledBefore;
    const wall = performance.now() - cpuBefore.at;
    const serverCpu = processes.reduce(
      (t, p, i) => t + processCpuMs(p.child.pid!) - cpuBefore.servers[i]!,
      0,
    );
    const clientUsage = process.cpuUsage(cpuBefore.clients);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1000;
    const machine = machineCpu();
    const machineBusy = (machine.busy - cpuBefore.machine.busy) / (machine.total - cpuBefore.machine.total);
    const perMessage = ((await transactions()) - transactionsBefore - 1) / load.all;
    const viewsPerMessage = ((await requestsOf(processes, VIEW_ROUTE)) - viewsBefore) / load.all;
    const historiesPerMessage = ((await requestsOf(processes, HISTORY_ROUTE)) - historiesBefore) / load.all;
    const peak = await Promise.all(processes.map(serverMemory));
    const saturated = await drive(pairs, undefined, 1, Math.min(5, options.seconds));
    const where =
      scenario.processes === 2
        ? `2 processes (help seekers on one, counselors on the other; idle split evenly)`
        : '1 process';
    const database = scenario.redisUrl ? 'PostgreSQL + Redis' : 'PostgreSQL';
    const label = `chat, ${scenario.connections.toLocaleString('en')} connections, ${where}`;
    const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
    return [
      {
        benchmark: `${label}: delivery p50 / p99`,
        database,
        figure: `${percentile(load.latencies, 50).toFixed(1)} / ${percentile(load.latencies, 99).toFixed(1)} ms`,
        detail:
          `send() → decrypted at the receiver; ${options.pairs} conversations (${options.pairs} help seekers, ` +
          `${options.counselors} counselors, SDK) + ${idleCount.toLocaleString('en')} idle sockets; ` +
          `database pool ${process.env.BENCH_CHAT_POOL ?? 'as the server sets it (twice the cores)'}; ` +
          `both sides opened their conversation first (view + last 20 messages; ${pairs.length * 2} in ${openSeconds.toFixed(1)} s); ` +
          `${options.rate} msg/s offered for ${options.seconds} s after ${options.warmUpSeconds} s warm-up; max ${load.latencies.at(-1)?.toFixed(0)} ms; ` +
          `acknowledged p50 / p99 ${percentile(load.acks, 50).toFixed(1)} / ${percentile(load.acks, 99).toFixed(1)} ms; ` +
          `event-loop delay p99 / max: server ${serverLoop.map((l) => `${l.p99.toFixed(0)} / ${l.max.toFixed(0)}`).join(', ')} ms, ` +
          `bench clients ${(benchLoop.percentile(99) / 1e6).toFixed(0)} / ${(benchLoop.max / 1e6).toFixed(0)} ms`,
      },
      {
        benchmark: `${label}: messages per second`,
        database,
        figure: `${Math.round(load.delivered / load.seconds)} /s`,
        detail:
          `${load.delivered} of ${load.sent} sent in the window delivered; lost ${load.lost}, duplicated ` +
          `${load.duplicates}, failed ${load.failed}, not offered (${MAX_OUTSTANDING_PER_PAIR * pairs.length} unacknowledged) ${load.skipped}; ` +
          `${unhandledDuring} unhandled rejections in the SDK; ` +
          (load.problems.size
            ? `problems: ${[...load.problems].map(([kind, n]) => `${kind} ${n}`).join(', ')}; `
            : '') +
          `per message: ${perMessage.toFixed(1)} database transactions or statements, ` +
          `${viewsPerMessage.toFixed(2)} GET conversation, ${historiesPerMessage.toFixed(2)} GET messages (catch-up); ` +
          `CPU during the load: server ${Math.round((serverCpu / wall) * 100)} %, bench clients ` +
          `${Math.round((clientCpu / wall) * 100)} % of a core, machine ${Math.round(machineBusy * 100)} % busy`,
      },
      {
        benchmark: `${label}: most messages per second`,
        database,
        figure: `${Math.round(saturated.delivered / saturated.seconds)} /s`,
        detail:
          `closed loop: each of the ${options.pairs} conversations sends its next message when the last one is ` +
          `acknowledged, ${saturated.seconds} s; delivery p50 / p99 ${percentile(saturated.latencies, 50).toFixed(1)} / ` +
          `${percentile(saturated.latencies, 99).toFixed(1)} ms; lost ${saturated.lost}, duplicated ${saturated.duplicates}, ` +
          `failed ${saturated.failed}`,
      },
      {
        benchmark: `${label}: server memory per connection`,
        database,
        figure: `${perConnection('rss').toFixed(1)} KiB RSS, ${perConnection('heap').toFixed(1)} KiB heap`,
        detail:
          `RSS ${mib(sum(before, 'rss'))} → ${mib(sum(after, 'rss'))} (${mib(sum(peak, 'rss'))} after the load), ` +
          `heap ${mib(sum(before, 'heap'))} → ${mib(sum(after, 'heap'))} for ${idleCount.toLocaleString('en')} idle ` +
          `connections, opened at ${Math.round(idleCount / connectSeconds)} /s`,
      },
    ];
  } finally {
    await Promise.all(idleHolders.map((holder) => holder.stop()));
    for (const client of clients) client.chat.disconnect();
    for (const p of processes) await p.stop();
    const output = process.env.BENCH_CHAT_SERVER_OUTPUT;
    if (output) for (const p of processes) fs.appendFileSync(output, p.output());
  }
}

/**
 * Rejections nobody handled (the SDK's background catch-up after a gap, for one): counted
 * and reported instead of ending the benchmark.
 */
const unhandled = { count: 0, last: '' };
const onUnhandled = (reason: unknown) => {
  unhandled.count++;
  unhandled.last =
    reason instanceof Error ? `${reason.message} ${String(reason.cause ?? '')}` : String(reason);
};

export async function benchChat(
  database: { name: string; url?: string },
  options: ChatBenchOptions = chatBenchOptions(),
): Promise<Row[]> {
  if (!database.url) {
    console.warn('chat bench: needs PostgreSQL (the server runs as separate processes); skipped on PGlite');
    return [];
  }
  const largest = Math.max(...options.connections);
  const limit = openFileLimit();
  if (limit < largest + 1_000)
    throw new Error(
      `chat bench: ${largest} connections need that many open files in this process and in the server, ` +
        `but the soft limit is ${limit}; raise it first (ulimit -n ${Math.max(65536, largest * 2)}) or pass ` +
        `--chat-connections with smaller counts`,
    );
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const withRedis = options.redis !== 'off' && (await redisReachable(redisUrl));
  if (!withRedis && options.redis !== 'off')
    console.warn(`chat bench: Redis not reachable at ${redisUrl}: one process only`);

  const platform = await generatePlatformSigningKey();
  process.on('unhandledRejection', onUnhandled);
  const handle = await benchDatabase(database.url);
  const rows: Row[] = [];
  let setupServer: ServerProcess | undefined;
  try {
    const { rows: current } = await sql<{ name: string }>`select current_database() as name`.execute(
      handle.db,
    );
    const url = new URL(database.url);
    url.pathname = `/${current[0]!.name}`;
    const env: Record<string, string> = {
      DATABASE_URL: url.toString(),
      // The server's own default (twice the cores) unless BENCH_CHAT_POOL says otherwise.
      ...(process.env.BENCH_CHAT_POOL ? { DATABASE_POOL_SIZE: process.env.BENCH_CHAT_POOL } : {}),
      PUBLIC_URL: ORIGIN,
      SECRET_KEY: randomToken(32),
      CHAT_MESSAGES_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      PLATFORM_SIGN_PUBLIC_KEY: platform.publicKey,
    };
    const seeded = await seed(handle.db, options, largest, platform);
    setupServer = await startServerProcess({ port: await freePort(), env });
    const conversations = await seeded.conversations(setupServer.url);
    await setupServer.stop();
    setupServer = undefined;
    const world: World = {
      seekers: seeded.seekers,
      counselors: seeded.counselors,
      idle: seeded.idle,
      conversations,
    };
    const scenarios: Scenario[] =
      options.redis === 'only'
        ? []
        : options.connections.map((connections) => ({ connections, processes: 1 }));
    if (withRedis) scenarios.push({ connections: largest, processes: 2, redisUrl });
    for (const scenario of scenarios) {
      console.warn(
        `chat bench: ${scenario.connections} connections, ${scenario.processes} process(es)` +
          `${scenario.redisUrl ? ' + Redis' : ''} …`,
      );
      rows.push(...(await runScenario(scenario, world, options, env, handle.db)));
    }
  } finally {
    await setupServer?.stop();
    await handle.close();
    process.off('unhandledRejection', onUnhandled);
    if (unhandled.count)
      console.warn(`chat bench: ${unhandled.count} unhandled rejections, last: ${unhandled.last}`);
  }
  return rows;
}
