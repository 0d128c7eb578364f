import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const secret = 's'.repeat(40);

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env, '/');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no ConfigError');
}

describe('media configuration', () => {
  it('has working defaults for development, with a secret kept in DATA_DIR', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-config-'));
    const config = loadConfig({ DATA_DIR: dataDir }, '/');
    expect(config).toMatchObject({
      MEDIA_PORT: 3001,
      MEDIA_CONTROL_HOST: '127.0.0.1',
      MEDIA_CONTROL_PORT: 3002,
      MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
      MEDIA_UDP_LISTEN_ADDRESS: '0.0.0.0',
      MEDIA_UDP_PORT_MIN: 40000,
      MEDIA_UDP_PORT_MAX: 40999,
      MEDIA_ALLOWED_ORIGINS: ['http://localhost:3000'],
      publicUrl: null,
      turn: null,
    });
    expect(config.secret.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(path.join(dataDir, 'media-secret'), 'utf8')).toBe(config.secret);
    expect(loadConfig({ DATA_DIR: dataDir }, '/').secret).toBe(config.secret);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every setting', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        MEDIA_SECRET: secret,
        MEDIA_PORT: '4001',
        MEDIA_PUBLIC_URL: 'wss://media.beratung.example/signal',
        MEDIA_ALLOWED_ORIGINS: 'https://beratung.example, https://admin.beratung.example/',
        MEDIA_ANNOUNCED_ADDRESS: '203.0.113.7',
        MEDIA_UDP_PORT_MIN: '50000',
        MEDIA_UDP_PORT_MAX: '50100',
        MEDIA_TURN_URLS:
          'turn:turn.beratung.example:3478?transport=udp,turns:turn.beratung.example:443?transport=tcp',
        MEDIA_TURN_SECRET: 't'.repeat(20),
      },
      '/',
    );
    expect(config).toMatchObject({
      secret,
      MEDIA_PORT: 4001,
      publicUrl: 'wss://media.beratung.example/signal',
      MEDIA_ALLOWED_ORIGINS: ['https://beratung.example', 'https://admin.beratung.example'],
      MEDIA_ANNOUNCED_ADDRESS: '203.0.113.7',
      turn: {
        urls: [
          'turn:turn.beratung.example:3478?transport=udp',
          'turns:turn.beratung.example:443?transport=tcp',
        ],
        secret: 't'.repeat(20),
        ttlSeconds: 43200,
      },
    });
  });

  it('names every bad value', () => {
    const message = problems({
      MEDIA_SECRET: 'short',
      MEDIA_PORT: 'abc',
      MEDIA_ANNOUNCED_ADDRESS: 'media.example',
      MEDIA_UDP_PORT_MIN: '80',
      MEDIA_PUBLIC_URL: 'http://not-a-websocket',
      MEDIA_TURN_URLS: 'stun:stun.example',
    });
    for (const name of [
      'MEDIA_SECRET',
      'MEDIA_PORT',
      'MEDIA_ANNOUNCED_ADDRESS',
      'MEDIA_UDP_PORT_MIN',
      'MEDIA_PUBLIC_URL',
      'MEDIA_TURN_URLS',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('needs a port range with more than one port', () => {
    expect(
      problems({ MEDIA_SECRET: secret, MEDIA_UDP_PORT_MIN: '41000', MEDIA_UDP_PORT_MAX: '41000' }),
    ).toContain('MEDIA_UDP_PORT_MAX: must be greater than MEDIA_UDP_PORT_MIN');
  });

  it('needs a secret in production and a TURN secret with TURN URLs', () => {
    expect(problems({ NODE_ENV: 'production' })).toContain('MEDIA_SECRET: is required in production');
    expect(problems({ MEDIA_SECRET: secret, MEDIA_TURN_URLS: 'turn:turn.example:3478' })).toContain(
      'MEDIA_TURN_SECRET',
    );
  });
});
