import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/support/database';
import { loadMigrations, migrate } from './migrate';
import type { DatabaseHandle } from './database';
import { TOPIC_TREE } from '@beratung/shared/topics';

describe(`migrations on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('applies every migration once and is a no-op the second time', async () => {
    const versions = await sql<{
      version: string;
    }>`select version from schema_migrations order by version`.execute(handle.db);
    expect(versions.rows.map((row) => row.version)).toEqual(loadMigrations().map((m) => m.version));
    expect(await migrate(handle.db)).toEqual([]);
  });

  it('has the extensions the booking and finder rely on', async () => {
    const extensions = await sql<{ extname: string }>`select extname from pg_extension`.execute(handle.db);
    expect(extensions.rows.map((row) => row.extname)).toEqual(
      expect.arrayContaining(['btree_gist', 'pg_trgm']),
    );
  });

  it('seeds the topic taxonomy the apps use (shared/src/topics.ts)', async () => {
    const rows = await handle.db.selectFrom('topics').select(['key', 'parent_key']).execute();
    const seeded = rows.map((row) => `${row.parent_key ?? ''}/${row.key}`).sort();
    const shared = TOPIC_TREE.flatMap((main) => [
      `/${main.key}`,
      ...main.children.map((child) => `${main.key}/${child}`),
    ]).sort();
    expect(seeded).toEqual(shared);
  });
});
