import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The call tests bind real UDP ports from one range; one file at a time keeps them
    // from competing for ports and for the two cores.
    fileParallelism: false,
  },
});
