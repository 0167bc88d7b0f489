// Test runner configuration. Every test file runs in its own fork on a fresh database copied from a template
// built once per run: the `pglite` project always runs; with TEST_DATABASE_URL set, the `postgres` project runs
// the same database suites again on that PostgreSQL server; the `browser` project drives the workspace UI in
// Chromium (its tests skip themselves where Chromium is not installed).
import { defineConfig } from 'vitest/config';

const include = ['apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts'];
const browserSuites = ['apps/web/e2e/**/*.test.ts'];
const databaseSuites = ['apps/server/test/**/*.test.ts', 'packages/core/src/**/*.test.ts'];
/** Per project, not at the root: a root globalSetup runs once, for the root project, and provides one template
 * (PGlite) to every project — the postgres project would silently run on PGlite. */
const globalSetup = ['packages/testkit/src/global-setup.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { MASTRA_TELEMETRY_DISABLED: '1' },
    projects: [
      { extends: true, test: { name: 'pglite', include, env: { TRELLIS_TEST_DB: 'pglite' }, globalSetup } },
      {
        extends: true,
        test: {
          name: 'browser',
          include: browserSuites,
          env: { TRELLIS_TEST_DB: 'pglite' },
          globalSetup: [...globalSetup, 'apps/web/e2e/global-setup.ts'],
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true,
              test: { name: 'postgres', include: databaseSuites, env: { TRELLIS_TEST_DB: 'postgres' }, globalSetup },
            },
          ]
        : []),
    ],
  },
});
