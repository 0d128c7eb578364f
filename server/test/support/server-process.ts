import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The server as production runs it (`npm run start:server`): `src/index.ts` in a child process. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything the process printed (stdout and stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends the signal and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const serverDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const running = new Set<ChildProcess>();
// Should this process end without cleaning up (a crash), its servers do not outlive it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `src/index.ts` on a loopback port with exactly the given settings (the parent's
 * DATABASE_URL, REDIS_URL and so on are not passed on unless listed), and resolves once
 * `/readyz` answers. Rejects with the process output when it exits or does not get ready.
 */
export async function startServerProcess(options: {
  port: number;
  env: Record<string, string>;
  readyTimeoutMs?: number;
  /** Extra arguments for node (e.g. `--max-old-space-size=4096`). */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-process-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SERVE_APPS: 'false',
    HASH_WORKERS: '1',
    LOG_LEVEL: 'warn',
    ...options.env,
    PORT: String(options.port),
  };
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/index.ts'], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((e) => (exit = e));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (exit)
      throw new Error(`server process exited (${JSON.stringify(exit)}) before it was ready:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server process not ready after ${options.readyTimeoutMs ?? 20_000} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    port: options.port,
    url,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (!exit) child.kill(signal);
      return exited;
    },
  };
}

/** Kills every server process this module started that still runs (for afterAll). */
export async function killServerProcesses(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
