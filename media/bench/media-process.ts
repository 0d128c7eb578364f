import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { processCpuMs, processRssBytes, sleep } from './proc';

const BENCH_SECRET = 'bench-media-secret-0123456789abcdefghijklmnop';
const mediaDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const running = new Set<ChildProcess>();
// A crashed bench must not leave media processes holding the UDP range.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface MediaProcess {
  pid: number;
  signallingUrl: string;
  controlUrl: string;
  portRange: [number, number];
  /** A request to the control API, as it answered. */
  control(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** CPU time (user + system) of the media process so far, in ms (from /proc). */
  cpuMs(): number;
  rssBytes(): number;
  /** GET /stats of the control API. */
  stats(): Promise<{ packetsForwarded: number; bytesForwarded: number; participants: number }>;
  createRoom(): Promise<string>;
  token(roomId: string, participantId: string): Promise<string>;
  closeRoom(roomId: string): Promise<void>;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: gone at once, without closing anything. */
  crash(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The media service as `npm run start -w media` runs it (`src/index.ts`), in a child
 * process of its own so that its CPU time and memory are its own: the bots and the
 * browsers that load it live elsewhere.
 */
export async function startMediaProcess(options: {
  udpPorts: [number, number];
  allowedOrigins?: string;
  /** The control API's shared secret (the server's MEDIA_SECRET). */
  secret?: string;
}): Promise<MediaProcess> {
  const secret = options.secret ?? BENCH_SECRET;
  const [port, controlPort] = [await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-media-bench-'));
  // BENCH_CALLS_CPU_PROFILE=DIR: a V8 CPU profile of the media process, written when it stops.
  const profileDir = process.env.BENCH_CALLS_CPU_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  // BENCH_CALLS_MEDIA_NODE_ARGS: more node flags for the media process (e.g. --trace-gc).
  profile.push(...(process.env.BENCH_CALLS_MEDIA_NODE_ARGS?.split(' ').filter(Boolean) ?? []));
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/index.ts'], {
    cwd: mediaDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      MEDIA_HOST: '127.0.0.1',
      MEDIA_PORT: String(port),
      MEDIA_CONTROL_PORT: String(controlPort),
      MEDIA_SECRET: secret,
      MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
      MEDIA_UDP_LISTEN_ADDRESS: '127.0.0.1',
      MEDIA_UDP_PORT_MIN: String(options.udpPorts[0]),
      MEDIA_UDP_PORT_MAX: String(options.udpPorts[1]),
      MEDIA_TOKEN_TTL_SECONDS: '600',
      MEDIA_ALLOWED_ORIGINS: options.allowedOrigins ?? 'http://localhost:3000',
      LOG_LEVEL: process.env.BENCH_CALLS_MEDIA_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      running.delete(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve();
    }),
  );
  const controlUrl = `http://127.0.0.1:${controlPort}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`media process exited before it was ready:\n${output}`);
    try {
      if ((await fetch(`${controlUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`media process not ready in 30 s:\n${output}`);
    }
    await sleep(100);
  }
  const request = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(controlUrl + route, {
      method,
      headers: { 'content-type': 'application/json', 'x-media-secret': secret },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const control = async (method: string, route: string, body?: unknown) => {
    const answer = await request(method, route, body);
    if (answer.status >= 400)
      throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const pid = child.pid!;
  return {
    pid,
    signallingUrl: `ws://127.0.0.1:${port}/signal`,
    controlUrl,
    portRange: options.udpPorts,
    control: request,
    cpuMs: () => processCpuMs(pid),
    rssBytes: () => processRssBytes(pid),
    stats: async () => {
      const body = await control('GET', '/stats');
      return {
        packetsForwarded: Number(body.packetsForwarded),
        bytesForwarded: Number(body.bytesForwarded),
        participants: Number(body.participants),
      };
    },
    createRoom: async () => String((await control('POST', '/rooms', {})).roomId),
    token: async (roomId, participantId) =>
      String((await control('POST', `/rooms/${roomId}/tokens`, { participantId })).token),
    closeRoom: async (roomId) => {
      await control('DELETE', `/rooms/${roomId}`);
    },
    output: () => output,
    async stop() {
      // BENCH_CALLS_MEDIA_LOG=FILE keeps what the media process logged.
      if (process.env.BENCH_CALLS_MEDIA_LOG) fs.appendFileSync(process.env.BENCH_CALLS_MEDIA_LOG, output);
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    async crash() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
