import os from 'node:os';
import { ApiClient, createCredentials } from '@beratung/shared';
import { credentialColumns } from '../src/accounts/accounts.service';
import { PasswordHasher, SERVER_HASH_LIMITS } from '../src/security/password-hasher';
import { benchApp, benchDatabase, percentile } from './bench-server';
import type { Row } from './run';

/**
 * Login throughput over HTTP: the server's share of a login (prelogin + verifying the
 * Argon2id hash of authKey in worker threads + creating the session). The client's
 * own Argon2id derivation (64 MiB, 3 passes) runs on the user's device and is timed
 * separately, once.
 */
export async function benchLogin(database: { name: string; url?: string }, seconds: number): Promise<Row[]> {
  const handle = await benchDatabase(database.url);
  const users = 50;
  const started = Date.now();
  const { material } = await createCredentials('Bench-Passwort-2026!');
  const clientDeriveMs = Date.now() - started;
  const hasher = new PasswordHasher(1);
  const authHash = await hasher.hash(material.authKey);
  await hasher.close();
  await handle.db
    .insertInto('accounts')
    .values(
      Array.from({ length: users }, (_, i) => ({
        kind: 'seeker' as const,
        login: `bench-${i}`,
        display_name: `bench-${i}`,
        ...credentialColumns(material, authHash),
        recovery: JSON.stringify(null),
      })),
    )
    .execute();
  const workers = String(os.availableParallelism());
  const server = await benchApp(handle, {
    RATE_LIMIT_LOGIN_PER_NAME: '1000000',
    RATE_LIMIT_LOGIN_PER_CLIENT: '1000000',
    HASH_WORKERS: workers,
  });
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const concurrency = 8;
  let i = 0;
  const loop = async () => {
    while (Date.now() < deadline) {
      const login = `bench-${i++ % users}`;
      const t0 = performance.now();
      // A fresh SDK client per login: no cookie carried over, as for a new device.
      await new ApiClient({ baseUrl: server.url }).post('/api/auth/login', {
        login,
        authKey: material.authKey,
      });
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (Date.now() - t0) / 1000;
  await server.close();
  await handle.close();
  latencies.sort((a, b) => a - b);
  const limits = `server Argon2id m=${SERVER_HASH_LIMITS.memlimit / 1024 / 1024} MiB t=${SERVER_HASH_LIMITS.opslimit}, ${workers} hash workers`;
  const rows: Row[] = [
    {
      benchmark: 'login throughput (HTTP)',
      database: database.name,
      figure: `${(latencies.length / elapsed).toFixed(1)} logins/s`,
      detail: `${limits}; ${concurrency} concurrent; p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
    },
  ];
  if (!database.url) {
    rows.push({
      benchmark: 'client key derivation',
      database: '-',
      figure: `${clientDeriveMs} ms`,
      detail:
        'Argon2id 64 MiB, 3 passes (libsodium wasm in Node) + key generation and wrapping; on the device, once per registration',
    });
  }
  return rows;
}
