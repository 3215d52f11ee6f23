import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Who may import whom (docs/developing.md, "Layers"). Each rule names the layer it protects; a violation fails
 * `npm run lint` with the message below it.
 *
 *   renderer/            → core/api/contract only (runs in a browser sandbox)
 *   cli/ server/ electron/ (hosts) → core/api only (the contract and createCore)
 *   core/                → never a host, never React, never electron
 *   core/** below api    → never core/api (errors, context and the evidence model live lower)
 *   core/store           → only the ground floor (util, evidence, log, sign); SQL and better-sqlite3 stay here
 *   above core/store     → store-reads / store-writes only, never repos, migrations or the raw handle
 *   core/util            → nothing else of core
 */
const noElectron = { name: 'electron', message: 'Only electron/ may import electron (it downloads its binary on import).' };
const noSqlite = { name: 'better-sqlite3', message: 'SQL lives in core/store only.' };
const hostsAndUi = {
  group: ['react', 'react-dom', '**/renderer/**', '**/electron/**', '**/cli/**', '**/server/**'],
  message: 'core/ is plain Node: no UI, no hosts.',
};
const coreInternals = {
  regex: '(^|/)core/(?!api(/index(\\.ts)?)?$)(?!api/contract(/|$))',
  message: 'Hosts go through the contract: import core/api (createCore, the contract, its types) and nothing else of core/.',
};
const onlyContract = {
  regex: '(^|/)core/(?!api/contract(/|$))',
  message: 'The renderer may import core/api/contract only (it runs in a browser sandbox).',
};
const apiFromBelow = {
  regex: '^(\\.\\./)+(core/)?api(/|$)',
  message: 'A lower layer never imports core/api: errors are in core/util/errors, the context in core/context.',
};
const aboveStore = {
  regex: '^(\\.\\./)+(api|collector-runtime|collectors|diff|import|export|report|families|http|criteria|verify|context|vendors|manual)(/|$)',
  message: 'core/store sits below every use case: it may import only core/util, core/evidence, core/log and core/sign.',
};
const aboveUtil = {
  regex: '^\\.\\./',
  message: 'core/util is the ground floor: it imports nothing else of core.',
};

const storeInternals = {
  regex: '(^|/)store/(repos|migrations)(/|$)|(^|/)store/(handle|database|statements)$',
  message:
    'Above core/store, read through store/store-reads and write through store/store-writes: the SQLite handle, repos and migrations stay inside.',
};

const restrict = (paths, patterns = []) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.venv-services/**',
      'coverage/**',
      'renderer/dist/**',
      'out/**',
      'test-results/**',
      '.tmp/**',
      '.demo-workspace/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...restrict([noElectron, noSqlite]),
    },
  },
  { files: ['core/**'], rules: restrict([noElectron, noSqlite], [hostsAndUi, apiFromBelow, storeInternals]) },
  { files: ['core/api/**'], rules: restrict([noElectron, noSqlite], [hostsAndUi, storeInternals]) },
  { files: ['core/store/**'], rules: restrict([noElectron], [hostsAndUi, apiFromBelow, aboveStore]) },
  { files: ['core/util/**'], rules: restrict([noElectron, noSqlite], [hostsAndUi, aboveUtil]) },
  { files: ['cli/**', 'server/**', 'bin/**'], rules: restrict([noElectron, noSqlite], [coreInternals]) },
  { files: ['electron/**'], rules: restrict([noSqlite], [coreInternals]) },
  {
    files: ['renderer/**'],
    // The Vite config runs in Node at build time; it is not part of the sandboxed renderer.
    ignores: ['renderer/vite.config.ts'],
    rules: restrict(
      [noElectron, noSqlite],
      [{ group: ['node:*'], message: 'The renderer runs in a browser sandbox: no node:* modules.' }, onlyContract],
    ),
  },
  { files: ['test/**', 'bench/**'], rules: restrict([noElectron]) },
);
