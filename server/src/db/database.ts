import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGlitePool } from './pglite-pool';
import { lockDataDir } from './lock-file';
import { prepareMarkedStatements } from './prepared';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * For writes whose loss in a crash is harmless (read receipts): its commits do not
   * wait for the WAL flush (`synchronous_commit = off` for its connections), so such a
   * write is one statement instead of a transaction that sets it. PGlite: `db` itself.
   */
  relaxed: Db;
  /** The embedded database itself, for what only PGlite can do (dump its files). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;
const keepText = (value: string) => value;

/**
 * Same values from both drivers: int8 as a number (counts, sequences); `date` as its
 * 'YYYY-MM-DD' text, since a calendar date has no time zone (as a JS Date, PGlite gives
 * UTC midnight and node-postgres local midnight).
 */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === DATE) return keepText;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it the embedded PGlite is used. */
  url?: string;
  /** Directory for PGlite's files; `undefined` keeps the embedded database in memory. */
  dataDir?: string;
  poolSize?: number;
  /** A PGlite data directory to start from (a `dumpDataDir` tarball); in memory only. */
  loadDataDir?: Blob;
  /** An idle pooled connection failed (server restart, terminated backend); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: pgTypes });
    // Without a listener, node-postgres rethrows such an error and the process dies.
    pool.on('error', (error) => options.onIdleError?.(error));
    prepareMarkedStatements(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const relaxedPool = new pg.Pool({
      connectionString: options.url,
      max: Math.max(2, Math.ceil((options.poolSize ?? 10) / 4)),
      types: pgTypes,
      options: '-c synchronous_commit=off',
    });
    relaxedPool.on('error', (error) => options.onIdleError?.(error));
    prepareMarkedStatements(relaxedPool);
    const relaxed = new Kysely<DB>({ dialect: new PostgresDialect({ pool: relaxedPool }) });
    return {
      db,
      relaxed,
      kind: 'postgres',
      close: async () => {
        await Promise.all([db.destroy(), relaxed.destroy()]);
      },
    };
  }
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  try {
    const pglite = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, 'pgdata') : undefined,
      loadDataDir: options.dataDir ? undefined : options.loadDataDir,
      extensions: { btree_gist, pg_trgm },
      parsers: { [DATE]: keepText },
    });
    const pool = new PGlitePool(pglite);
    // The adapter has the shape of pg.Pool that the dialect uses (connect/query/release/end).
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
    return {
      db,
      relaxed: db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
