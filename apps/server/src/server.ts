// Assembles a running Trellis from configuration: database (migrated), runtime, the job system (pg-boss; its worker
// in-process unless TRELLIS_WORKER=off), auth with per-organization seeding, and the Hono app. Used by main.ts, the
// CLI and the tests.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  announce,
  createRuntime,
  type JobSystem,
  jobLog,
  loadConfig,
  type Runtime,
  seedOrganization,
  startChangeListener,
  startJobSystem,
  type TrellisConfig,
} from '@trellis/core';
import { type DatabaseHandle, enableVectorSearch, openDatabase } from '@trellis/db';
import { createApp } from './app';
import { type Auth, createAuth } from './auth';
import { createRateLimitCounters } from './http/rate-limit';
import { type RateLimitSync, startRateLimitSync } from './http/rate-limit-sync';
import { createMailer } from './mail';
import { authSecret } from './secret';

export const VERSION = '0.1.0';

export interface Trellis {
  config: TrellisConfig;
  database: DatabaseHandle;
  runtime: Runtime;
  jobs: JobSystem;
  auth: Auth;
  app: ReturnType<typeof createApp>;
  /** Shares this process's rate-limit counts with the other web processes (PostgreSQL only). */
  rateLimitSync?: RateLimitSync;
  close(options?: CloseOptions): Promise<void>;
}

export interface CloseOptions {
  /** Let runs in flight finish for up to this long before cancelling them (default 0: cancel at once). */
  drainMs?: number;
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
  const secret = authSecret(env.BETTER_AUTH_SECRET, env.DATA_DIR);
  const runtime = createRuntime(config, { secret });
  if (database.rowSecurity === 'bypassed') {
    jobLog(env.LOG_LEVEL, 'database').warn(
      'DATABASE_URL connects as a superuser or a BYPASSRLS role: PostgreSQL skips row-level security, so only the application keeps organizations apart. Connect as an ordinary role that owns the database (SECURITY.md).',
    );
  }
  runtime.vectorSearch = await enableVectorSearch(database.db);
  if (!runtime.vectorSearch)
    jobLog(env.LOG_LEVEL, 'knowledge').warn(
      'pgvector is not installed on this PostgreSQL: knowledge bases search by full text alone (a superuser may run CREATE EXTENSION vector; Trellis adds its column at the next start).',
    );
  const changes = await startChangeListener(database, runtime, (e) =>
    jobLog(env.LOG_LEVEL).error('change listener', e),
  );
  const jobs = await startJobSystem({
    database,
    runtime,
    worker: env.TRELLIS_WORKER,
    leaseSeconds: env.TRELLIS_RUN_LEASE_SECONDS,
    log: jobLog(env.LOG_LEVEL),
  });
  const rateLimits = createRateLimitCounters();
  const rateLimitSync =
    database.kind === 'postgres'
      ? startRateLimitSync(database.db, Object.values(rateLimits), {
          onError: (e) => jobLog(env.LOG_LEVEL, 'rate limits').error('sharing the counts failed', e),
        })
      : undefined;
  const baseURL = env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT}`;
  const trustedOrigins = [baseURL, `http://127.0.0.1:${env.PORT}`];
  const auth = createAuth({
    db: database.db,
    secret,
    baseURL,
    trustedOrigins,
    quiet: env.LOG_LEVEL === 'silent',
    signInMaxFailures: env.SIGN_IN_MAX_FAILURES,
    signInFailures: rateLimits.signInFailures,
    mailer: createMailer(env),
    requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
    providers: env,
    onApiKeyChanged: () => announce(database.db, runtime.applyChange, { kind: 'apiKeys' }),
    onOrganizationCreated: async (tenantId) => {
      await seedOrganization({
        db: database.forTenant(tenantId),
        tenantId,
        actor: { type: 'system', id: 'seed' },
        clock: () => new Date(),
        runtime,
      });
    },
  });
  const app = createApp({ database, auth, runtime, version: VERSION, trustedOrigins, rateLimits });
  return {
    config,
    database,
    runtime,
    jobs,
    auth,
    app,
    rateLimitSync,
    close: async (how: CloseOptions = {}) => {
      // Runs in flight may finish for up to `drainMs` (the HTTP server stopped accepting first); the rest are
      // cancelled, and record themselves (and send their run-completed job) before the job system stops.
      const drainUntil = Date.now() + (how.drainMs ?? 0);
      while (runtime.inFlight.size && Date.now() < drainUntil) await sleep(50);
      for (const controller of runtime.inFlight.values()) controller.abort();
      for (let waited = 0; runtime.inFlight.size && waited < 5000; waited += 50) await sleep(50);
      await runtime.settled();
      await runtime.mcp.close();
      rateLimitSync?.stop();
      await changes.stop();
      await jobs.stop();
      if (!options.database) await database.close();
    },
  };
}
