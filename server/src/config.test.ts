import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dataDir = os.tmpdir();

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir }, '/');
    expect(config.PORT).toBe(3000);
    expect(config.DEMO_DATA).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.HEAP_GROWTH_PERCENT).toBe(100);
    expect(config.secretKey.length).toBeGreaterThanOrEqual(32);
    expect(config.allowedOrigins).toEqual(['http://localhost:3000']);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad value', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          DATA_DIR: dataDir,
          PORT: 'abc',
          DATABASE_URL: 'mysql://x',
          DEMO_DATA: 'vielleicht',
          SECRET_KEY: 'short',
          HEAP_GROWTH_PERCENT: '-5',
        },
        '/',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'DEMO_DATA', 'SECRET_KEY', 'HEAP_GROWTH_PERCENT'])
      expect(message).toContain(name);
  });

  it('uses Secure cookies behind https and adds extra CORS origins', () => {
    const config = loadConfig(
      {
        DATA_DIR: dataDir,
        PUBLIC_URL: 'https://beratung.example.org/',
        CORS_ORIGINS: 'https://a.example, https://b.example',
      },
      '/',
    );
    expect(config.secureCookies).toBe(true);
    expect(config.allowedOrigins).toEqual([
      'https://beratung.example.org',
      'https://a.example',
      'https://b.example',
    ]);
  });
});
