import type { DatabaseHandle } from '../../src/db/database';
import { openScratchDatabase } from '../../src/db/scratch-database';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a
 * new database on the PostgreSQL server named by DATABASE_URL (`npm run test:services`).
 */
export function createTestDatabase(): Promise<DatabaseHandle> {
  return openScratchDatabase(process.env.DATABASE_URL, { prefix: 'beratung_test' });
}
