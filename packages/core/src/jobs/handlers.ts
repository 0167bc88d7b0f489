// The job handlers: each validates its payload with the schema from names.ts and calls one service. Handlers are
// idempotent, because pg-boss retries a failed job and re-delivers one whose worker died.
import type { Db } from '@trellis/db';
import type { JobResult, PgBoss } from 'pg-boss';
import { systemContext } from '../context';
import { checkBudget } from '../costs/budget-check';
import { recordRunCost } from '../costs/run-cost';
import { executeGoal } from '../goals/execute';
import { exportRunTrace, otlpSettings } from '../observability/otlp';
import { rollupDaily } from '../rollups/daily';
import type { Runtime } from '../runtime';
import type { JobLog } from './log';
import { type JobName, type JobPayload, jobNames, jobQueueSettings, parseJobPayload } from './names';
import { cleanupJobs } from './pg-boss-queue';
import { type JobQueue, jobId } from './queue';

export interface HandlerDeps {
  db: Db;
  runtime: Runtime;
  jobs: JobQueue;
  boss: PgBoss;
  log: JobLog;
}

type Handler<N extends JobName> = (payload: JobPayload<N>, deps: HandlerDeps) => Promise<unknown>;

/** A job that is part of SPEC §10 but whose service is not built yet: validated, logged, completed. */
const notBuilt =
  <N extends JobName>(name: N): Handler<N> =>
  async (_payload, { log }) => {
    log.warn(`${name}: no handler logic yet; job completed without effect`);
    return { handled: false };
  };

export const jobHandlers: { [N in JobName]: Handler<N> } = {
  'run-completed': async ({ runId, tenantId, reconcile }, { db, runtime, jobs, log }) => {
    const ctx = systemContext(db, runtime, tenantId);
    const result = await recordRunCost(ctx, runId, { reconcile });
    if (result.outcome === 'recorded' || result.outcome === 'duplicate' || result.outcome === 'reconciled') {
      const payload = { tenantId, agentId: result.agentId, runId, costUsd: result.event.costUsd };
      await jobs.send('budget-check', payload, { id: jobId('budget-check', reconcile ? `${runId}:late` : runId) });
    }
    // Optional OTLP export: never fails the job (a failure is logged, and the trace stays in the database).
    const otlp = otlpSettings(runtime.config.env);
    const exported = otlp && (await exportRunTrace(ctx, runId, otlp));
    if (exported && exported.outcome === 'failed') log.warn(`run-completed: OTLP export failed: ${exported.reason}`);
    return { outcome: result.outcome, ...(exported ? { otlp: exported.outcome } : {}) };
  },
  'budget-check': (payload, { db, runtime }) => checkBudget(systemContext(db, runtime, payload.tenantId), payload),
  'evaluation-completed': notBuilt('evaluation-completed'),
  'guardrail-event': notBuilt('guardrail-event'),
  // Goal orchestration (goals/execute.ts): a goal that does not exist answers `{ handled: false }`.
  'execute-goal': ({ tenantId, goalId }, { db, runtime }) =>
    executeGoal(systemContext(db, runtime, tenantId), goalId, 'execute'),
  'retry-goal': ({ tenantId, goalId }, { db, runtime }) =>
    executeGoal(systemContext(db, runtime, tenantId), goalId, 'retry'),
  'rollup-daily': (payload, { db, runtime }) => rollupDaily(db, runtime, payload),
  cleanup: (_payload, { boss }) => cleanupJobs(boss),
};

/** Runs one job's handler on its raw data (what the worker does; tests call it to deliver a job by hand). */
export async function handleJob<N extends JobName>(name: N, data: unknown, deps: HandlerDeps): Promise<unknown> {
  return jobHandlers[name](parseJobPayload(name, data), deps);
}

/**
 * Registers a pg-boss worker for every job: batches of up to 10, fetched back to back while batches come back full
 * (new jobs wake the worker through LISTEN/NOTIFY), each job settled on its own so one failure retries only that job.
 * PGlite has one connection, so `concurrency` is 1 there.
 */
export async function registerHandlers(boss: PgBoss, deps: HandlerDeps, concurrency: number): Promise<void> {
  const options = {
    batchSize: 10,
    burstWhenBatchFull: true,
    perJobResults: true,
    localConcurrency: concurrency,
  } as const;
  for (const name of jobNames) {
    // With LISTEN/NOTIFY active pg-boss polls at the notify interval (a backstop), otherwise at the base one.
    const { pollSeconds } = jobQueueSettings[name];
    const polling = { notifyPollingIntervalSeconds: pollSeconds, pollingIntervalSeconds: Math.min(2, pollSeconds) };
    await boss.work(name, { ...options, ...polling }, async (jobs) => {
      const results: JobResult[] = [];
      for (const job of jobs) {
        try {
          const output = await handleJob(name, job.data, deps);
          results.push({ id: job.id, status: 'completed', output: output ?? {} });
        } catch (e) {
          deps.log.error(`${name} job ${job.id} failed (attempt ${job.retryCount + 1})`, e);
          results.push({
            id: job.id,
            status: 'failed',
            output: { message: e instanceof Error ? e.message : String(e) },
          });
        }
      }
      return results;
    });
  }
}
