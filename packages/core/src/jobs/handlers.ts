// The job handlers: each validates its payload with the schema from names.ts and calls one service. Handlers are
// idempotent, because pg-boss retries a failed job and re-delivers one whose worker died.
import type { Db } from '@trellis/db';
import type { JobResult, PgBoss } from 'pg-boss';
import { systemContext } from '../context';
import { checkBudget } from '../costs/budget-check';
import { type RunCostResult, recordRunCost, recordRunCosts } from '../costs/run-cost';
import { executeGoal } from '../goals/execute';
import { alertGuardrailEvent } from '../guardrails/alerts';
import { ingestDocument } from '../knowledge/ingest';
import { handleApproval, promoteProposal } from '../learning/approval';
import { checkExperiment } from '../learning/checker';
import { runExperimentStep } from '../learning/gate';
import { afterEvaluation, afterRunCounted } from '../learning/hooks';
import { generateProposal } from '../learning/proposals';
import { learningMetricsDaily, scheduledBackstop, sweepExperiments } from '../learning/schedule';
import { beginSession, extractSignals } from '../learning/sessions';
import { recordSignals } from '../learning/signals';
import { embedThreadMessages } from '../memory/semantic-recall';
import { exportRunTrace, otlpSettings } from '../observability/otlp';
import { refreshDerivedColumns } from '../rollups/apply-run';
import { rollupDaily } from '../rollups/daily';
import type { Runtime } from '../runtime';
import { applyEvaluation, scoreRun } from '../scorers/evaluate';
import { executeTestSuite } from '../testing/service';
import { executeWorkflowRun } from '../workflows/execute';
import type { JobLog } from './log';
import {
  type JobName,
  type JobPayload,
  jobNames,
  jobPayloadSchemas,
  jobWorkerSettings,
  parseJobPayload,
} from './names';
import { cleanupJobs } from './pg-boss-queue';
import { type JobQueue, jobId, logSendFailure } from './queue';

export interface HandlerDeps {
  db: Db;
  runtime: Runtime;
  jobs: JobQueue;
  boss: PgBoss;
  log: JobLog;
}

type Handler<N extends JobName> = (payload: JobPayload<N>, deps: HandlerDeps) => Promise<unknown>;

export const jobHandlers: { [N in JobName]: Handler<N> } = {
  'run-completed': async (payload, deps) => {
    const ctx = systemContext(deps.db, deps.runtime, payload.tenantId);
    const result = await recordRunCost(ctx, payload.runId, { reconcile: payload.reconcile });
    return (await afterCounted(deps, [{ payload, result }]))[0];
  },
  // Sent when a budget policy changes (a lowered limit may already be crossed); runs check inside run-completed.
  'budget-check': (payload, { db, runtime }) => checkBudget(systemContext(db, runtime, payload.tenantId), payload),
  'score-run': ({ tenantId, runId }, { db, runtime }) => scoreRun(systemContext(db, runtime, tenantId), runId),
  'evaluation-completed': async ({ tenantId, evaluationId, runId }, { db, runtime }) => {
    const ctx = systemContext(db, runtime, tenantId);
    const applied = await applyEvaluation(ctx, evaluationId);
    await afterEvaluation(ctx, runId);
    return applied;
  },
  'guardrail-event': ({ tenantId, eventId }, { db, runtime }) =>
    alertGuardrailEvent(systemContext(db, runtime, tenantId), eventId),
  'run-test-suite': ({ tenantId, suiteRunId }, { db, runtime }) =>
    executeTestSuite(systemContext(db, runtime, tenantId), suiteRunId),
  // Continuous learning (learning/): the ten functions of SPEC §19, each idempotent.
  'learning-signal-detect': ({ tenantId, runId, source }, { db, runtime }) =>
    recordSignals(systemContext(db, runtime, tenantId), runId, source),
  'learning-scheduled-trigger': (_payload, { db, runtime }) => scheduledBackstop(db, runtime),
  'learning-session-start': ({ tenantId, sessionId }, { db, runtime }) =>
    beginSession(systemContext(db, runtime, tenantId), sessionId),
  'learning-signal-extraction': ({ tenantId, sessionId }, { db, runtime }) =>
    extractSignals(systemContext(db, runtime, tenantId), sessionId),
  'learning-proposal-generation': ({ tenantId, sessionId }, { db, runtime }) =>
    generateProposal(systemContext(db, runtime, tenantId), sessionId),
  'learning-experiment-run': ({ tenantId, proposalId }, { db, runtime }) =>
    runExperimentStep(systemContext(db, runtime, tenantId), proposalId),
  'learning-experiment-check': ({ tenantId, experimentId }, { db, runtime }) =>
    tenantId && experimentId
      ? checkExperiment(systemContext(db, runtime, tenantId), experimentId)
      : sweepExperiments(db, runtime),
  'learning-approval': ({ tenantId, approvalId }, { db, runtime }) =>
    handleApproval(systemContext(db, runtime, tenantId), approvalId),
  'learning-version-promotion': ({ tenantId, proposalId }, { db, runtime }) =>
    promoteProposal(systemContext(db, runtime, tenantId), proposalId),
  'learning-metrics-daily': (payload, { db }) => learningMetricsDaily(db, payload),
  // Goal orchestration (goals/execute.ts): a goal that does not exist answers `{ handled: false }`.
  'execute-goal': ({ tenantId, goalId }, { db, runtime }) =>
    executeGoal(systemContext(db, runtime, tenantId), goalId, 'execute'),
  'retry-goal': ({ tenantId, goalId }, { db, runtime }) =>
    executeGoal(systemContext(db, runtime, tenantId), goalId, 'retry'),
  // Workflows (workflows/execute.ts): a run that does not exist answers `{ handled: false }`.
  'execute-workflow': ({ tenantId, workflowRunId, lease }, { db, runtime }) =>
    executeWorkflowRun(systemContext(db, runtime, tenantId), workflowRunId, lease ? new Date(lease) : undefined),
  // Knowledge bases (knowledge/ingest.ts): a document that no longer exists answers `{ handled: false }`.
  'knowledge-ingest': ({ tenantId, documentId }, { db, runtime }) =>
    ingestDocument(systemContext(db, runtime, tenantId), documentId),
  'memory-embed': ({ tenantId, threadId }, { db, runtime }) =>
    embedThreadMessages(systemContext(db, runtime, tenantId), threadId),
  'rollup-refresh': async (payload, { db }) => {
    await refreshDerivedColumns(db, payload);
    return { refreshed: payload };
  },
  'rollup-daily': (payload, { db, runtime }) => rollupDaily(db, runtime, payload),
  cleanup: (_payload, { boss }) => cleanupJobs(boss),
};

/**
 * What follows counting runs: the budget check — here rather than as its own job (one job per run, not two), once per
 * tenant and agent of the batch, idempotent too (an alert is raised once per threshold and period) — and the optional
 * OTLP export of each trace, which never fails the job (a failure is logged; the trace stays in the database).
 */
async function afterCounted(
  { db, runtime, log, jobs }: HandlerDeps,
  counted: { payload: JobPayload<'run-completed'>; result: RunCostResult }[],
) {
  // Spend is read whole, so checking after the last run of each tenant and agent covers the ones before it.
  const checks = new Map<string, JobPayload<'budget-check'>>();
  for (const { payload, result } of counted) {
    if (!('event' in result)) continue;
    const { tenantId, runId } = payload;
    checks.set(`${tenantId}|${result.agentId}`, {
      tenantId,
      agentId: result.agentId,
      runId,
      costUsd: result.event.costUsd,
    });
  }
  const budgets = new Map(
    [...checks].map(([key, check]) => [
      key,
      checkBudget(systemContext(db, runtime, check.tenantId), check, { cachedPolicies: true }),
    ]),
  );
  const otlp = otlpSettings(runtime.config.env);
  const outputs = [];
  // Scoring follows counting, so the day's stats row exists when evaluation-completed writes its quality.
  for (const { payload } of counted)
    if (payload.score)
      await jobs
        .send(
          'score-run',
          { tenantId: payload.tenantId, runId: payload.runId },
          { id: jobId('score-run', payload.runId) },
        )
        .catch(logSendFailure('score-run'));
  for (const { payload, result } of counted)
    await afterRunCounted(systemContext(db, runtime, payload.tenantId), {
      runId: payload.runId,
      agentId: 'event' in result ? result.agentId : null,
      experimentId: payload.experimentId,
      scored: payload.score === true,
    });
  for (const { payload, result } of counted) {
    const budget = 'event' in result ? await budgets.get(`${payload.tenantId}|${result.agentId}`) : undefined;
    const exported = otlp && (await exportRunTrace(systemContext(db, runtime, payload.tenantId), payload.runId, otlp));
    if (exported && exported.outcome === 'failed') log.warn(`run-completed: OTLP export failed: ${exported.reason}`);
    outputs.push({
      outcome: result.outcome,
      ...(budget ? { budget } : {}),
      ...(exported ? { otlp: exported.outcome } : {}),
    });
  }
  return outputs;
}

/** Runs one job's handler on its raw data (what the worker does; tests call it to deliver a job by hand). */
export async function handleJob<N extends JobName>(name: N, data: unknown, deps: HandlerDeps): Promise<unknown> {
  return jobHandlers[name](parseJobPayload(name, data), deps);
}

/** Settles one job: its handler's output, or the error that makes pg-boss retry it. */
async function settle(name: JobName, job: { id: string; data: unknown; retryCount: number }, deps: HandlerDeps) {
  try {
    const output = await handleJob(name, job.data, deps);
    return { id: job.id, status: 'completed', output: output ?? {} } satisfies JobResult;
  } catch (e) {
    deps.log.error(`${name} job ${job.id} failed (attempt ${job.retryCount + 1})`, e);
    const output = { message: e instanceof Error ? e.message : String(e) };
    return { id: job.id, status: 'failed', output } satisfies JobResult;
  }
}

/**
 * A batch of run-completed jobs counted together: one transaction for all of them (reconciles, which recompute a
 * day, go one by one). When the batch fails as a whole, each job is tried on its own, so one bad job fails alone.
 */
export async function settleRunsCompleted(
  jobs: { id: string; data: unknown; retryCount: number }[],
  deps: HandlerDeps,
): Promise<JobResult[]> {
  const plain: { job: (typeof jobs)[number]; payload: JobPayload<'run-completed'> }[] = [];
  const alone: typeof jobs = [];
  for (const job of jobs) {
    const parsed = jobPayloadSchemas['run-completed'].safeParse(job.data);
    if (parsed.success && !parsed.data.reconcile) plain.push({ job, payload: parsed.data });
    else alone.push(job);
  }
  const separately = (list: typeof jobs) => mapLimited(list, 1, (job) => settle('run-completed', job, deps));
  let batch: JobResult[];
  try {
    const results = await recordRunCosts(
      deps.db,
      deps.runtime,
      plain.map(({ payload }) => payload),
    );
    const outputs = await afterCounted(
      deps,
      plain.map(({ payload }, i) => ({ payload, result: results[i] })),
    );
    batch = plain.map(({ job }, i) => ({ id: job.id, status: 'completed', output: outputs[i] }));
  } catch {
    batch = await separately(plain.map(({ job }) => job));
  }
  return [...batch, ...(await separately(alone))];
}

/** Maps `items` through `fn` with at most `limit` in flight, keeping the order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * Registers a pg-boss worker for every job. Short jobs: one worker per queue fetching batches of up to 10, back to
 * back while batches come back full, the batch's jobs handled `concurrency` at a time — one worker, because a new
 * job's NOTIFY wakes every worker of its queue and each would run a fetch. Long-running jobs (goals): `concurrency`
 * workers taking one job each, so a long job never holds up the next. Each job is settled on its own, so one
 * failure retries only that job. PGlite has one connection, so `concurrency` is 1 there.
 */
export async function registerHandlers(boss: PgBoss, deps: HandlerDeps, concurrency: number): Promise<void> {
  for (const name of jobNames) {
    const { pollSeconds, longRunning } = jobWorkerSettings[name];
    const options = {
      batchSize: longRunning ? 1 : 10,
      localConcurrency: longRunning ? concurrency : 1,
      burstWhenBatchFull: true,
      perJobResults: true,
      // With LISTEN/NOTIFY active pg-boss polls at the notify interval (a backstop), otherwise at the base one.
      notifyPollingIntervalSeconds: pollSeconds,
      pollingIntervalSeconds: Math.min(2, pollSeconds),
    } as const;
    await boss.work(name, options, (jobs) =>
      name === 'run-completed' && jobs.length > 1
        ? settleRunsCompleted(jobs, deps)
        : mapLimited(jobs, concurrency, (job) => settle(name, job, deps)),
    );
  }
}
