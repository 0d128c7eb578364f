import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from './database';
import { PREPARED, statementName } from './prepared';
import { createTestDatabase } from '../../test/support/database';

describe('prepared statements for marked queries', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  it('names marked texts only, one name per distinct text', () => {
    expect(statementName('select 1')).toBeUndefined();
    const first = statementName('/* prepared */ select $1::int');
    expect(first).toMatch(/^beratung_\d+$/);
    expect(statementName('/* prepared */ select $1::int')).toBe(first);
    expect(statementName('/* prepared */ select $1::text')).not.toBe(first);
  });

  it('gives the right rows on every run, with each run its own parameters', async () => {
    for (let i = 0; i < 8; i++) {
      const { rows } = await sql<{ n: number }>`${PREPARED} select ${i}::int * 2 as n`.execute(handle.db);
      expect(rows).toEqual([{ n: i * 2 }]);
    }
    const query = handle.db
      .selectFrom('topics')
      .modifyFront(PREPARED)
      .select('key')
      .where('key', '=', 'suchtberatung');
    expect(query.compile().sql).toContain('/* prepared */');
    for (let i = 0; i < 3; i++) expect(await query.execute()).toEqual([{ key: 'suchtberatung' }]);
  });

  it.skipIf(process.env.DATABASE_URL === undefined)(
    'prepares a marked statement once per PostgreSQL connection and leaves the rest unnamed',
    async () => {
      await handle.db.connection().execute(async (connection) => {
        for (let i = 0; i < 3; i++) {
          await sql`${PREPARED} select ${i}::int + 100 as marked`.execute(connection);
          await sql`select ${i}::int + 200 as unmarked`.execute(connection);
        }
        const { rows } = await sql<{
          statement: string;
        }>`select statement from pg_prepared_statements order by statement`.execute(connection);
        const statements = rows.map((r) => r.statement);
        expect(statements.filter((s) => s.includes('marked'))).toEqual([
          '/* prepared */ select $1::int + 100 as marked',
        ]);
      });
    },
  );
});
