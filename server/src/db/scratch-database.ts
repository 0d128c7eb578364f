import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './database';
import { loadMigrations, migrate } from './migrate';

/**
 * A fresh, migrated database for one test file or benchmark: an in-memory PGlite
 * without `serverUrl`, else a new database on that PostgreSQL server, dropped on close.
 */
export async function openScratchDatabase(
  serverUrl: string | undefined,
  options: { prefix: string; poolSize?: number },
): Promise<DatabaseHandle> {
  if (!serverUrl) return openMigratedPglite();
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

const TEMPLATE_PREFIX = 'beratung-pglite-migrated-';

/**
 * Where the migrated PGlite data directory of these migrations and this PGlite version
 * is kept between processes. Creating a PGlite database runs initdb inside WebAssembly
 * (3–5 s on a 2-core machine); starting from the migrated directory takes under half
 * of that, and every test file and benchmark opens one.
 */
function templatePath(): string {
  const hash = createHash('sha256');
  hash.update(pgliteVersion());
  for (const migration of loadMigrations()) hash.update(migration.version).update(migration.sql);
  return path.join(os.tmpdir(), `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}.tar`);
}

/** PGlite's exports map hides its package.json: find the one above its entry point. */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
}

async function openMigratedPglite(): Promise<DatabaseHandle> {
  const template = templatePath();
  if (fs.existsSync(template)) {
    const handle = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(template)]) });
    await migrate(handle.db); // nothing to do, unless the file was not what its name says
    return handle;
  }
  const handle = await openDatabase({});
  await migrate(handle.db);
  await saveTemplate(handle, template);
  return handle;
}

/** Writes the directory atomically (another process may be doing the same) and drops stale ones. */
async function saveTemplate(handle: DatabaseHandle, template: string): Promise<void> {
  if (!handle.pglite) return;
  try {
    const dump = await handle.pglite.dumpDataDir('none');
    const partial = `${template}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, template);
    for (const file of fs.readdirSync(os.tmpdir())) {
      const stale = path.join(os.tmpdir(), file);
      if (file.startsWith(TEMPLATE_PREFIX) && stale !== template && !file.endsWith('.partial'))
        fs.rmSync(stale, { force: true });
    }
  } catch {
    // only a cache: the next process creates the database the slow way again
  }
}
