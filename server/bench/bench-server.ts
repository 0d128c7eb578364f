import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { createApp, type App } from '../src/app';
import type { DatabaseHandle } from '../src/db/database';
import { openScratchDatabase } from '../src/db/scratch-database';

/** A fresh database for one benchmark: in-memory PGlite, or a new database on the server. */
export function benchDatabase(url?: string): Promise<DatabaseHandle> {
  return openScratchDatabase(url, { prefix: 'beratung_bench', poolSize: 20 });
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
