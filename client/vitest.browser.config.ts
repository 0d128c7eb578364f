import { defineConfig } from 'vitest/config';

/**
 * Headless Chromium against the real server (its test harness serves client/dist):
 * build first (`npm run test:browser -w client` does).
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
