import v8 from 'node:v8';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { DataDirLockedError } from './db/lock-file';
import { seedDemoData } from './demo/seed-demo';
import { PasswordHasher } from './security/password-hasher';

/** Entry point: wires the real dependencies and handles signals; nothing else. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  // Read by V8 at each full collection, so setting it before the first one is enough.
  if (config.HEAP_GROWTH_PERCENT > 0)
    v8.setFlagsFromString(`--heap-growing-percent=${config.HEAP_GROWTH_PERCENT}`);
  // Otherwise V8 learns from the burst of connections at start that objects made where
  // messages are read live long, and puts every later message's rows and frames straight
  // into the old generation: a full collection every 35-40 s under load (ADR 0011).
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  let app;
  try {
    app = await createApp(config);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(3);
    }
    throw error;
  }
  if (config.DEMO_DATA) {
    const hasher = new PasswordHasher(1);
    try {
      await seedDemoData(app.database.db, hasher, {
        dataDir: config.dataDir,
        configuredPlatformKey: config.PLATFORM_SIGN_PUBLIC_KEY,
        logger: app.logger,
      });
    } finally {
      await hasher.close();
    }
  }
  const { url } = await app.listen();
  app.logger.info(
    { url, database: app.database.kind, dataDir: config.DATABASE_URL ? undefined : config.dataDir },
    'Beratung server listening',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
