// Assembles a running Trellis from configuration: database (migrated), runtime, auth with per-organization
// seeding, and the Hono app. Used by main.ts, the CLI and the tests.
import { createRuntime, loadConfig, type Runtime, seedOrganization, type TrellisConfig } from '@trellis/core';
import { type DatabaseHandle, openDatabase } from '@trellis/db';
import { createApp } from './app';
import { type Auth, createAuth } from './auth';
import { authSecret } from './secret';

export const VERSION = '0.1.0';

export interface Trellis {
  config: TrellisConfig;
  database: DatabaseHandle;
  runtime: Runtime;
  auth: Auth;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export interface BuildOptions {
  env?: Record<string, string | undefined>;
  /** Use this database instead of opening one from the configuration (tests). */
  database?: DatabaseHandle;
}

export async function buildTrellis(options: BuildOptions = {}): Promise<Trellis> {
  const config = loadConfig(options.env ?? process.env);
  const { env } = config;
  if (env.MASTRA_TELEMETRY_DISABLED !== '0') process.env.MASTRA_TELEMETRY_DISABLED = '1';
  const database = options.database ?? (await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR }));
  const runtime = createRuntime(config);
  const baseURL = env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT}`;
  const auth = createAuth({
    db: database.db,
    secret: authSecret(env.BETTER_AUTH_SECRET, env.DATA_DIR),
    baseURL,
    trustedOrigins: [baseURL, `http://127.0.0.1:${env.PORT}`],
    quiet: env.LOG_LEVEL === 'silent',
    onOrganizationCreated: async (tenantId) => {
      await seedOrganization({
        db: database.db,
        tenantId,
        actor: { type: 'system', id: 'seed' },
        clock: () => new Date(),
        runtime,
      });
    },
  });
  const app = createApp({ database, auth, runtime, version: VERSION });
  return {
    config,
    database,
    runtime,
    auth,
    app,
    close: async () => {
      for (const controller of runtime.inFlight.values()) controller.abort();
      if (!options.database) await database.close();
    },
  };
}
