// Every background job of Trellis (SPEC §10): its name, the zod schema of its payload, its queue settings and, for
// scheduled jobs, its cron. Senders and handlers both import from here; nothing else names a job.
import { z } from 'zod';
import { learningConfig } from '../learning/config';

const id = z.string().min(1).max(200);
const day = z.iso.date();

export const jobPayloadSchemas = {
  /** A run reached COMPLETED, FAILED or CANCELLED: record its cost event, update the rollups, check the budget. */
  'run-completed': z
    .object({
      runId: id,
      tenantId: id,
      /** The run finished after it was failed as INTERRUPTED: its recorded cost is replaced by the real one. */
      reconcile: z.boolean().optional(),
      /** The run is to be scored by its agent's scorers (score-run follows once it is counted). */
      score: z.boolean().optional(),
      /** The learning experiment that routed the run (its checker follows). */
      experimentId: id.optional(),
    })
    .strict(),
  /**
   * Compare a scope's spend with its budget policy and raise alerts (logic: costs/budget-check.ts). Sent when a
   * policy is saved; a finished run is checked inside its run-completed job.
   */
  'budget-check': z
    .object({ tenantId: id, agentId: id.nullable(), runId: id.optional(), costUsd: z.number().min(0) })
    .strict(),
  /** Score a finished run with its agent's scorers and store the scores (evaluation-completed follows). */
  'score-run': z.object({ tenantId: id, runId: id }).strict(),
  /** A run's scorers finished: update the quality rollups, check the EVAL alert threshold. */
  'evaluation-completed': z.object({ tenantId: id, runId: id, evaluationId: id }).strict(),
  /** A guardrail blocked, modified or flagged a run (the event is stored with the run): raise its alert. */
  'guardrail-event': z.object({ tenantId: id, eventId: id, runId: id.optional() }).strict(),
  /** Run a test suite: each case as a TEST run of the suite's version, judged and recorded. */
  'run-test-suite': z.object({ tenantId: id, suiteRunId: id }).strict(),
  /** learningSignalDetector: what a finished run, its scores or its feedback say about the agent (learning/signals.ts). */
  'learning-signal-detect': z
    .object({ tenantId: id, runId: id, source: z.enum(['run', 'evaluation', 'feedback']) })
    .strict(),
  /** Scheduled backstop (every 6 hours): a session for every learning agent with unconsumed signals. */
  'learning-scheduled-trigger': z.object({}).strict(),
  /** learningSessionStart: a session begins analysing. */
  'learning-session-start': z.object({ tenantId: id, sessionId: id }).strict(),
  /** learningSignalExtraction: the session takes its signals and summarises their patterns. */
  'learning-signal-extraction': z.object({ tenantId: id, sessionId: id }).strict(),
  /** learningProposalGeneration: the proposer turns the patterns into a proposal. */
  'learning-proposal-generation': z.object({ tenantId: id, sessionId: id }).strict(),
  /** learningExperimentRun: a proposal's candidate passes the test-suite gate and starts its shadow experiment. */
  'learning-experiment-run': z.object({ tenantId: id, proposalId: id }).strict(),
  /** experimentEvaluationChecker: one experiment after a run of it, or (scheduled, every 15 minutes) every one. */
  'learning-experiment-check': z.object({ tenantId: id.optional(), experimentId: id.optional() }).strict(),
  /** learningApprovalHandler: an approval (a person's or automatic) takes effect. */
  'learning-approval': z.object({ tenantId: id, approvalId: id }).strict(),
  /** learningVersionPromotion: an approved candidate becomes the agent's new version. */
  'learning-version-promotion': z.object({ tenantId: id, proposalId: id }).strict(),
  /** dailyMetricsRollup: learning metrics per agent and day (`from`..`to`, default yesterday and today). */
  'learning-metrics-daily': z.object({ from: day.optional(), to: day.optional() }).strict(),
  /** Plan a goal into steps and run them (goal orchestration). */
  'execute-goal': z.object({ tenantId: id, goalId: id }).strict(),
  /** Retry a failed goal with backoff. */
  'retry-goal': z.object({ tenantId: id, goalId: id }).strict(),
  /**
   * Run a workflow run's steps (workflows/execute.ts). With `lease` (sent by recovery: the run's lease as it found it
   * stale), resume a RUNNING run whose process stopped, from the steps it had not completed.
   */
  'execute-workflow': z.object({ tenantId: id, workflowRunId: id, lease: z.iso.datetime().optional() }).strict(),
  /** Embed a memory thread's remembered messages that have none yet (semantic recall; memory/semantic-recall.ts). */
  'memory-embed': z.object({ tenantId: id, threadId: z.string().min(1).max(200) }).strict(),
  /** Read, chunk, embed and index one knowledge-base document (knowledge/ingest.ts); idempotent per document. */
  'knowledge-ingest': z.object({ tenantId: id, documentId: id }).strict(),
  /** Refresh one agent-day's rollup ratios and percentiles from the raw rows (debounced after run-completed). */
  'rollup-refresh': z.object({ agentId: id, date: day }).strict(),
  /** Scheduled: recompute the daily rollups of `from`..`to` (UTC days; default yesterday and today) from raw rows. */
  'rollup-daily': z.object({ from: day.optional(), to: day.optional() }).strict(),
  /** Scheduled: apply pg-boss's retention to finished jobs now. Trellis's own data is permanent. */
  cleanup: z.object({}).strict(),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.output<(typeof jobPayloadSchemas)[N]>;
export const jobNames = Object.keys(jobPayloadSchemas) as JobName[];

/** Queue settings per job (pg-boss queue options). Retries back off exponentially from `retryDelay` seconds. */
export interface JobQueueSettings {
  retryLimit: number;
  retryDelay: number;
  /** Seconds a job may stay active at most before pg-boss retries it, however alive its worker. */
  expireInSeconds: number;
  /**
   * A worker refreshes its active jobs' heartbeat every half of this; a job whose heartbeat is older (its worker
   * died: kill -9, a lost machine) is retried by the next monitor pass (JOB_MONITOR_SECONDS): within half a minute of a crash
   * rather than at the end of `expireInSeconds`.
   */
  heartbeatSeconds: number;
  /** 'singleton': at most one active job at a time. */
  policy: 'standard' | 'singleton';
}

/** How a worker takes a queue's jobs (pg-boss work options, not stored with the queue). */
export interface JobWorkerSettings {
  /**
   * How often an idle worker looks for due jobs. A new job wakes the worker at once (LISTEN/NOTIFY), but a deferred
   * one (startAfter) is only found by this poll, so a queue of deferred jobs polls often.
   */
  pollSeconds: number;
  /** Handlers that run for minutes (a goal): taken one job per worker rather than in batches. */
  longRunning?: boolean;
}

/** pg-boss's smallest heartbeat. */
const heartbeatSeconds = 10;
const event: JobQueueSettings = {
  retryLimit: 5,
  retryDelay: 2,
  expireInSeconds: 120,
  heartbeatSeconds,
  policy: 'standard',
};
const maintenance: JobQueueSettings = {
  retryLimit: 3,
  retryDelay: 60,
  expireInSeconds: 1800,
  heartbeatSeconds,
  policy: 'singleton',
};

export const jobQueueSettings: Record<JobName, JobQueueSettings> = {
  'run-completed': event,
  'budget-check': event,
  'score-run': event,
  'evaluation-completed': event,
  'guardrail-event': event,
  'run-test-suite': { ...event, expireInSeconds: 900 },
  'learning-signal-detect': event,
  'learning-scheduled-trigger': maintenance,
  'learning-session-start': event,
  'learning-signal-extraction': { ...event, expireInSeconds: 600 },
  'learning-proposal-generation': { ...event, expireInSeconds: 600 },
  'learning-experiment-run': event,
  'learning-experiment-check': event,
  'learning-approval': event,
  'learning-version-promotion': event,
  'learning-metrics-daily': maintenance,
  'execute-goal': { ...event, expireInSeconds: 900 },
  'retry-goal': { ...event, expireInSeconds: 900 },
  'execute-workflow': { ...event, expireInSeconds: 1800 },
  'knowledge-ingest': { ...event, retryLimit: 2, expireInSeconds: 1800 },
  'memory-embed': event,
  'rollup-refresh': event,
  'rollup-daily': maintenance,
  cleanup: maintenance,
};

const batched: JobWorkerSettings = { pollSeconds: 10 };
const goalWork: JobWorkerSettings = { pollSeconds: 10, longRunning: true };

export const jobWorkerSettings: Record<JobName, JobWorkerSettings> = {
  'run-completed': batched,
  'budget-check': batched,
  'score-run': batched,
  'evaluation-completed': batched,
  'guardrail-event': batched,
  'run-test-suite': goalWork,
  'learning-signal-detect': batched,
  'learning-scheduled-trigger': batched,
  'learning-session-start': batched,
  // A proposer model may take a while: one job per worker, so it never holds up the others.
  'learning-signal-extraction': goalWork,
  'learning-proposal-generation': goalWork,
  // Deferred jobs (the gate's re-checks, a check at the end of its 2-second slot) are found by the poll: every 2 s, so
  // a check follows its slot within one more slot and an idle queue costs one fetch per 2 s.
  'learning-experiment-run': { pollSeconds: 2 },
  'learning-experiment-check': { pollSeconds: 2 },
  'learning-approval': batched,
  'learning-version-promotion': batched,
  'learning-metrics-daily': batched,
  'execute-goal': goalWork,
  // A goal's retry is deferred by its backoff: poll every second so it starts close to when it is due.
  'retry-goal': { ...goalWork, pollSeconds: 1 },
  'execute-workflow': goalWork,
  // Embedding a long document takes a while: one job per worker; a document waits at most a second to start.
  'knowledge-ingest': { ...goalWork, pollSeconds: 1 },
  'memory-embed': batched,
  // Debounced into the next slot, i.e. deferred: poll every second.
  'rollup-refresh': { pollSeconds: 1 },
  'rollup-daily': batched,
  cleanup: batched,
};

/** Cron expressions (UTC) of the scheduled jobs. */
export const jobSchedules: Partial<Record<JobName, string>> = {
  'rollup-daily': '15 0 * * *',
  cleanup: '30 3 * * *',
  'learning-scheduled-trigger': learningConfig.schedules.backstop,
  'learning-experiment-check': learningConfig.schedules.checker,
  'learning-metrics-daily': learningConfig.schedules.metrics,
};

/** Validates `payload` for `name`; throws a ZodError naming the bad field. */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobPayloadSchemas[name].parse(payload) as JobPayload<N>;
}
