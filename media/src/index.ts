import { createMediaApp } from './app';
import { ConfigError, loadConfig } from './config';

/** Entry point of the media service: wires the real dependencies and handles signals. */
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
  const app = createMediaApp(config);
  // werift runs much of its work in promises nobody awaits; one that fails must not end
  // every call of this process.
  process.on('unhandledRejection', (reason) => app.logger.error({ err: reason }, 'unhandled rejection'));
  let urls;
  try {
    urls = await app.listen();
  } catch (error) {
    app.logger.fatal({ err: error }, 'cannot listen');
    process.exit(3);
  }
  const { signallingUrl, controlUrl } = urls;
  app.logger.info(
    {
      signallingUrl,
      controlUrl,
      announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS,
      udpPorts: `${config.MEDIA_UDP_PORT_MIN}-${config.MEDIA_UDP_PORT_MAX}`,
      turn: config.turn ? config.turn.urls : 'off',
      registerWith: config.MEDIA_REGISTER_URL ?? 'off',
    },
    'Beratung media service listening',
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
