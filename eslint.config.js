import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'Only electron/ may import electron (it downloads its binary on import).' };
const noSqlite = { name: 'better-sqlite3', message: 'SQL lives in core/store only.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.venv-services/**', 'coverage/**', 'renderer/dist/**', 'test-results/**', '.tmp/**', '.demo-workspace/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron, noSqlite] }],
    },
  },
  {
    files: ['core/store/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noSqlite] }] },
  },
  {
    files: ['core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...(/* store may use sqlite */ [])],
          patterns: [{ group: ['react', 'react-dom', '**/renderer/**', '**/electron/**', '**/cli/**', '**/server/**'], message: 'core/ is plain Node: no UI, no hosts.' }],
        },
      ],
    },
  },
  {
    files: ['core/**'],
    ignores: ['core/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noSqlite],
          patterns: [{ group: ['react', 'react-dom', '**/renderer/**', '**/electron/**', '**/cli/**', '**/server/**'], message: 'core/ is plain Node: no UI, no hosts.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noSqlite],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no node:* modules.' },
            { group: ['**/core/store/**', '**/core/collect*/**', '**/core/export/**'], message: 'The renderer may import core/api only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
);
