// One lint setup for every workspace. Boundaries: shared/ imports no app; the apps reach
// the server only through the SDK in shared/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/*.tsbuildinfo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@beratung/server*',
            '@beratung/media*',
            '@beratung/client*',
            '@beratung/admin*',
            '../../server/*',
          ],
        },
      ],
    },
  },
  {
    // The media service is its own process: it talks to the server over its control API only.
    files: ['media/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@beratung/server*', '@beratung/client*', '@beratung/admin*', '**/server/src/*'] },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}', 'admin/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['client/**/*.{ts,tsx}', 'admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@beratung/server*', '**/server/src/*'] }],
    },
  },
);
