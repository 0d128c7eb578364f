import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BeratungClient, verifyCenterKeyChain, type CenterKeyChain } from '@beratung/shared';
import { DEMO_ACCOUNTS } from '../src/demo/seed-demo';
import { freePort } from './support/app';

/**
 * The server as `npm run start:server` runs it: a real process on the embedded PGlite
 * in a fresh DATA_DIR, with the demo data, restarted, and locked against a second process.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-start-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startServer(port: number): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'info',
    SERVE_APPS: 'false',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: path.resolve(__dirname, '..'),
    env,
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitReady(url: string, exited: Promise<number | null>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 300 && !done; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready');
}

describe('npm run start:server on a fresh data directory', () => {
  it('loads the demo data once, keeps it across restarts, and refuses a second process', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = startServer(port);
    await waitReady(url, first.exited);
    expect(first.output()).toContain('demo data loaded');
    expect(first.output()).not.toContain(DEMO_ACCOUNTS.seeker.password);

    // The demo seeker logs in; the first demo center's team key verifies against the platform key.
    const client = new BeratungClient({ baseUrl: url, nodeOrigin: url });
    await client.login(DEMO_ACCOUNTS.seeker.pseudonym, DEMO_ACCOUNTS.seeker.password);
    expect(client.identity).toBeDefined();
    const config = await client.config();
    expect(config.platformSignPublicKey).toMatch(/^[\w-]{43}$/);
    const admin = new BeratungClient({ baseUrl: url, nodeOrigin: url });
    expect(
      (await admin.login(DEMO_ACCOUNTS.centerAdmin.email, DEMO_ACCOUNTS.centerAdmin.password)).stage,
    ).toBe('mfa_setup');
    const centerId = admin.session!.account.memberships[0]!.centerId;
    const chain = await client.api.get<CenterKeyChain>(`/api/centers/${centerId}/key-chain`);
    const verified = await verifyCenterKeyChain(config.platformSignPublicKey!, chain);
    expect(verified.memberList?.members).toHaveLength(2);

    // A second process on the same data directory refuses to start, with a clear message.
    const second = startServer(await freePort());
    expect(await second.exited).toBe(3);
    expect(second.output()).toContain('is in use by another process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // Restart: the data is still there and the demo data is not loaded again.
    const third = startServer(port);
    await waitReady(url, third.exited);
    expect(third.output()).not.toContain('demo data loaded');
    const again = new BeratungClient({ baseUrl: url, nodeOrigin: url });
    await again.login(DEMO_ACCOUNTS.seeker.pseudonym, DEMO_ACCOUNTS.seeker.password);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 120_000);

  it('stops with a clear message on a bad setting', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: 'zehn', DATA_DIR: dataDir };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: path.resolve(__dirname, '..'),
      env,
    });
    running.push(child);
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('Invalid configuration');
    expect(output).toContain('PORT');
  }, 60_000);
});
