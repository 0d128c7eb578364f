import { defineConfig } from 'vitest/config';

/**
 * Headless Chromium against the real server (its test harness serves admin/dist):
 * build first (`npm run test:browser -w admin` does).
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // one Argon2id run per distinct test password in the SDK the tests drive (see the file)
    setupFiles: ['../scripts/test-support/derive-once.ts'],
    fileParallelism: false,
    // A page's first load compiles the app in Chromium: on a busy 2-core machine the
    // first title took more than the default second once (seeker.browser.test.ts).
    expect: { poll: { timeout: 10_000 } },
  },
});
