import { defineConfig } from 'vitest/config';

/**
 * Three projects so that a unit file run alone starts no server:
 *   unit         test/unit, test/contract — no global setup, nothing listens
 *   integration  test/integration — real MLflow 3.x/2.x and moto_server from global setup
 *   e2e          test/e2e — the app in Chromium (web mode) against the real MLflow servers
 * `npm test` runs all three; `npx vitest run test/unit/x.test.ts` only matches the unit project, so its
 * global setup (none) is all that runs.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    // A beforeAll that seeds a store and exports bundles must hold on a loaded machine (CI shares its cores).
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          hookTimeout: 300_000,
          globalSetup: ['test/setup/moto-server.ts', 'test/setup/mlflow-server.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The app in Debian's Chromium (playwright-core) against web mode and the real MLflow server.
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          globalSetup: ['test/setup/renderer-build.ts', 'test/setup/mlflow3-server.ts'],
        },
      },
    ],
  },
});
