import { loadConfig, type Config } from '../config';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';

/**
 * The database the server would use (DATABASE_URL, else PGlite in DATA_DIR), validated
 * by the server's own configuration and migrated — for the command-line tools.
 */
export async function openConfiguredDatabase(
  config: Readonly<Config> = loadConfig(),
): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await migrate(handle.db);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
