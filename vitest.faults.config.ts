import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`, issue 14): kills, disk full, HTTP faults, hostile files, canary scans.
 * Its own config so `npm test` neither runs it nor waits for it; test/faults/setup.ts seeds it, bounds its time and
 * prints the counts line (API in test/faults/counts.ts). Servers are started by the files that need them.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: { name: 'faults', include: ['test/faults/**/*.test.ts'], globalSetup: ['test/faults/setup.ts'] },
      },
    ],
  },
});
