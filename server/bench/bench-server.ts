import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { createApp, type App } from '../src/app';
import { openDatabase, type DatabaseHandle } from '../src/db/database';
import { migrate } from '../src/db/migrate';

/** A fresh database for one benchmark: in-memory PGlite, or a new database on the server. */
export async function benchDatabase(url?: string): Promise<DatabaseHandle> {
  if (!url) {
    const handle = await openDatabase({});
    await migrate(handle.db);
    return handle;
  }
  const name = `beratung_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ url: target.toString(), poolSize: 20 });
  await migrate(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** The real app on a loopback port, as `npm start` runs it (jobs off, logs off). */
export async function benchApp(
  database: DatabaseHandle,
  env: Record<string, string> = {},
): Promise<{ app: App; url: string; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beratung-bench-'));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'http://127.0.0.1',
      ...env,
    },
    dataDir,
  );
  const app = await createApp(config, { database, logger: pino({ level: 'silent' }), jobs: false });
  const { url } = await app.listen();
  return {
    app,
    url,
    close: async () => {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
