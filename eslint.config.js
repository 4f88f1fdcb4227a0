// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Named exports only (ARCHITECTURE.md, house habit 2).',
        },
      ],
    },
  },
  {
    // core and pipeline are pure: no drivers, no I/O
    files: ['src/core/**/*.ts', 'src/pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:child_process'],
              message: 'core and pipeline do no I/O',
            },
            {
              group: [
                '**/ingest/**',
                '**/interfaces/**',
                '**/eval/**',
                '**/lexicons/**',
                '**/store/**',
                '**/queue/**',
              ],
              message: 'core and pipeline do not import outer layers',
            },
          ],
        },
      ],
    },
  },
);
