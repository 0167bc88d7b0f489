// Test runner configuration: every *.test.ts under apps/ and packages/, each file in its own fork.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { MASTRA_TELEMETRY_DISABLED: '1' },
  },
});
