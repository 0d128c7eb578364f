import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './database';
import { migrate } from './migrate';

/**
 * A fresh, migrated database for one test file or benchmark: an in-memory PGlite
 * without `serverUrl`, else a new database on that PostgreSQL server, dropped on close.
 */
export async function openScratchDatabase(
  serverUrl: string | undefined,
  options: { prefix: string; poolSize?: number },
): Promise<DatabaseHandle> {
  if (!serverUrl) {
    const handle = await openDatabase({});
    await migrate(handle.db);
    return handle;
  }
  const name = `${options.prefix}_${randomBytes(6).toString('hex')}`;
  await runOnServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: options.poolSize });
  await migrate(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await runOnServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
