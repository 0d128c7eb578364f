import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files wait on sockets, timers and child processes much of the time: two at
    // once keep both cores busy (each has its own database; ports are picked free).
    maxWorkers: 2,
    // one Argon2id run per distinct test password (see the file)
    setupFiles: ['../scripts/test-support/derive-once.ts'],
  },
});
