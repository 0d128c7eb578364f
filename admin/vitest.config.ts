import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Unit tests of the pure parts; browser tests have their own config. */
export default defineConfig({
  resolve: { alias: { '@common': fileURLToPath(new URL('../client/src/common', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
  },
});
