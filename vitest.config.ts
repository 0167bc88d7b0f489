// Test runner configuration. Every test file runs in its own fork on a fresh database copied from a template
// built once per run: the `pglite` project always runs; with TEST_DATABASE_URL set, the `postgres` project runs
// the same database suites again on that PostgreSQL server; the `browser` project drives the workspace UI in
// Chromium (its tests skip themselves where Chromium is not installed).
import { defineConfig } from 'vitest/config';

const include = ['apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts'];
const browserSuites = ['apps/web/e2e/**/*.test.ts'];
const databaseSuites = ['apps/server/test/**/*.test.ts', 'packages/core/src/**/*.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    env: { MASTRA_TELEMETRY_DISABLED: '1' },
    projects: [
      { extends: true, test: { name: 'pglite', include, env: { TRELLIS_TEST_DB: 'pglite' } } },
      {
        extends: true,
        test: {
          name: 'browser',
          include: browserSuites,
          env: { TRELLIS_TEST_DB: 'pglite' },
          // Added to the root globalSetup (the database template) by `extends`.
          globalSetup: ['apps/web/e2e/global-setup.ts'],
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true, test: { name: 'postgres', include: databaseSuites, env: { TRELLIS_TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});
