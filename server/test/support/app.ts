import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { BeratungClient } from '@beratung/shared';
import { loadConfig } from '../../src/config';
import { createApp, type App } from '../../src/app';
import type { DatabaseHandle } from '../../src/db/database';
import type { StaffRole } from '../../src/db/schema';
import { PasswordHasher } from '../../src/security/password-hasher';
import { provisionSeekerAccount, provisionStaffAccount } from '../../src/accounts/provision';
import { totpCode } from '../../src/accounts/totp';
import { createTestDatabase } from './database';

export interface TestServer {
  app: App;
  url: string;
  origin: string;
  db: DatabaseHandle['db'];
  dataDir: string;
  /** A fresh SDK client that behaves like a browser on our origin (cookies, Origin header). */
  client(): BeratungClient;
  createCenter(name?: string): Promise<string>;
  createStaff(input: {
    centerId?: string;
    role?: StaffRole;
    platformAdmin?: boolean;
    password?: string;
  }): Promise<{ accountId: string; email: string; password: string }>;
  createSeeker(input?: {
    pseudonym?: string;
    password?: string;
  }): Promise<{ accountId: string; pseudonym: string; password: string }>;
  /** Logs a staff member in, completing TOTP setup or verification as needed. */
  loginStaff(email: string, password: string): Promise<BeratungClient>;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let counter = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${counter++}`;

/** The whole app in-process on a random loopback port, on a fresh test database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-test-'));
  // A test may fix the port first (e.g. to tell the media service which origin to allow).
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: origin,
      DEMO_DATA: 'false',
      LOG_LEVEL: 'silent',
      HASH_WORKERS: '2',
      RATE_LIMIT_LOGIN_PER_CLIENT: '10000',
      RATE_LIMIT_REGISTER_PER_CLIENT: '10000',
      // Tests book from one loopback address (100 at once for one slot); the limits have their own test.
      RATE_LIMIT_SLOT_READS_PER_CLIENT: '100000',
      RATE_LIMIT_HOLDS_PER_CLIENT: '10000',
      RATE_LIMIT_BOOKINGS_PER_CLIENT: '10000',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...env,
    },
    dataDir,
  );
  const app = await createApp(config, { database, logger: pino({ level: 'silent' }), jobs: false });
  await app.listen();
  const hasher = new PasswordHasher(1);

  const server: TestServer = {
    app,
    url: origin,
    origin,
    db: database.db,
    dataDir,
    client: () => new BeratungClient({ baseUrl: origin, nodeOrigin: origin }),
    async createCenter(name = `Beratungsstelle ${unique()}`) {
      const center = await database.db
        .insertInto('centers')
        .values({ organisation: 'Testträger e. V.', name })
        .returning('id')
        .executeTakeFirstOrThrow();
      return center.id;
    },
    async createStaff({
      centerId,
      role = 'counselor',
      platformAdmin = false,
      password = 'Test-Passwort-2026!',
    }) {
      const email = `staff-${unique()}@test.beratung.local`;
      const { accountId } = await provisionStaffAccount(database.db, hasher, {
        email,
        displayName: `Staff ${unique()}`,
        password,
        platformAdmin,
        memberships: centerId ? [{ centerId, role }] : [],
      });
      return { accountId, email, password };
    },
    async createSeeker({ pseudonym = `Seeker-${unique()}`, password = 'Test-Passwort-2026!' } = {}) {
      const { accountId } = await provisionSeekerAccount(database.db, hasher, { pseudonym, password });
      return { accountId, pseudonym, password };
    },
    async loginStaff(email, password) {
      const client = server.client();
      const response = await client.login(email, password);
      if (response.stage === 'mfa_setup') {
        const { secret } = await client.setupMfa();
        totpSecrets.set(email, secret);
        await client.enableMfa(totpCode(secret, Date.now()));
      } else if (response.stage === 'mfa_pending') {
        const secret = totpSecrets.get(email);
        if (!secret) throw new Error(`No TOTP secret known for ${email}`);
        await client.verifyMfa(await nextUnusedCode(secret));
      }
      return client;
    },
    async close() {
      await app.stop();
      await hasher.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** TOTP secrets of staff set up by loginStaff, so a later login can answer the second factor. */
export const totpSecrets = new Map<string, string>();

/** A code is accepted once per 30-second step; tests that log in twice take the next step's code. */
async function nextUnusedCode(secret: string): Promise<string> {
  return totpCode(secret, Date.now() + 30_000);
}
