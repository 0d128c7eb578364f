import { defineConfig } from 'vitest/config';

/** Unit tests of the pure parts; browser tests have their own config. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
  },
});
