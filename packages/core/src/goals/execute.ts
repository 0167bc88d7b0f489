// The execute-goal / retry-goal work: plan with the orchestrator (or fall back to one step), then run the steps in
// order, each seeing the previous output; a failed step is retried with exponential backoff until maxAttempts.
// Every read and write goes through the goal's tenant's GoalStore (store.ts).
import type { Goal, GoalStep } from '@trellis/db';
import { sql } from 'drizzle-orm';
import type { Executor, ServiceContext } from '../context';
import { jobId } from '../jobs/queue';
import { cancelInFlightRuns } from '../runs/control';
import { executeRun, type RunOptions } from '../runs/pipeline';
import type { Runtime } from '../runtime';
import { parsePlan, planPrompt } from './plan';
import type { PlannedGoal, StoredGoalPlan } from './schemas';
import { GoalStore } from './store';

export type GoalTrigger = 'execute' | 'retry';
export type GoalJobResult =
  | { handled: false }
  | {
      handled: true;
      outcome: 'skipped' | 'completed' | 'retrying' | 'failed' | 'cancelled';
      status: Goal['status'];
    };

const cancelled: GoalJobResult = { handled: true, outcome: 'cancelled', status: 'CANCELLED' };

/** The first retry comes after `baseMs` (TRELLIS_GOAL_RETRY_BASE_MS, default 1000), doubling each time. */
export function goalRetryDelayMs(failures: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, failures - 1);
}

/** Updates the goal while it is still RUNNING (not cancelled meanwhile); false when it no longer is. */
async function updateRunningGoal(ctx: ServiceContext, goalId: string, set: Parameters<GoalStore['update']>[1]) {
  return (await GoalStore.of(ctx).update(goalId, set, ['RUNNING'])) !== null;
}

/**
 * One agent run for the goal (tagged with it, so cancelling the goal cancels the run); a run that could not even
 * start (unknown agent, budget refused) is a failed run without id.
 */
async function runAgent(ctx: ServiceContext, agentSlug: string, input: string, tag: RunOptions['goal']) {
  // A cancel that lands before the run is recorded cannot find it, so the run checks the goal once it is: one of
  // the two always sees the other.
  const beforeExecute = async (run: { id: string }) => {
    if (!tag) return;
    const goalStopped = sql`not ${GoalStore.of(ctx).runningCondition(tag.goalId)}`;
    // Best effort: if this fails, the run simply goes ahead. A run cancelled here is aborted as it starts.
    await ctx.db
      .transaction((tx) => cancelInFlightRuns(tx, ctx, { runId: run.id }, 'The goal was cancelled', goalStopped))
      .catch(() => undefined);
  };
  try {
    const run = await executeRun(ctx, agentSlug, { input }, { goal: tag, beforeExecute, entry: 'goal' });
    return { runId: run.id, ok: run.status === 'COMPLETED', output: run.outputText ?? '', error: run.error };
  } catch (e) {
    return { runId: null, ok: false, output: '', error: e instanceof Error ? e.message : String(e) };
  }
}

/** Asks the orchestrator for a plan, stores it with its steps; an invalid reply becomes one delegated step. */
async function planGoal(ctx: ServiceContext, g: Goal, stored: StoredGoalPlan): Promise<void> {
  const { agents } = stored;
  const orchestrator = g.orchestratorAgentId ?? 'assistant';
  const reply = await runAgent(ctx, orchestrator, planPrompt(g.inputText, agents), { goalId: g.id, stepNumber: null });
  const planned: PlannedGoal = (reply.ok ? parsePlan(reply.output, agents) : null) ?? {
    reasoning: `Fallback: the orchestrator ${reply.ok ? 'did not answer a valid plan' : `failed (${reply.error})`}; the whole goal is delegated to '${agents[0]}'.`,
    steps: [{ agentSlug: agents[0], input: g.inputText }],
  };
  const plan: StoredGoalPlan = { ...planned, agents, orchestratorRunId: reply.runId };
  await ctx.db.transaction(async (tx) => {
    const store = GoalStore.of(ctx, tx);
    await store.update(g.id, { plan });
    await store.insertSteps(g.id, planned.steps);
  });
}

const withContext = (input: string, previous: GoalStep | undefined) =>
  previous
    ? `${input}\n\nContext — output of the previous step (${previous.agentSlug}):\n${previous.outputText ?? ''}`
    : input;

export interface GoalFailure {
  /** The step whose attempt failed (its `attempts` counting this one); absent when planning was interrupted. */
  step?: GoalStep;
  runId?: string | null;
  error: string;
}

/**
 * Records a failed attempt: the step FAILED and the goal's failure in one write (a reader never sees one without the
 * other), then a retry-goal after backoff while the step (or, for planning, the goal) has attempts left, else the
 * goal FAILED. Shared by the steps' own failures and by crash recovery (recovery.ts).
 */
export async function recordGoalFailure(
  db: Executor,
  runtime: Runtime,
  g: Goal,
  { step, runId, error }: GoalFailure,
): Promise<GoalJobResult> {
  const failures = g.attempts + 1;
  const attempts = step ? step.attempts : failures;
  const now = new Date();
  const startAfter =
    attempts < g.maxAttempts
      ? new Date(now.getTime() + goalRetryDelayMs(attempts, runtime.config.env.TRELLIS_GOAL_RETRY_BASE_MS))
      : null;
  const recorded = await db.transaction(async (tx) => {
    const store = new GoalStore(tx, g.tenantId);
    // Only a goal still RUNNING fails or retries: a cancelled one stays cancelled (its step was cancelled with it).
    const updated = await store.update(
      g.id,
      startAfter
        ? { attempts: failures, error, nextRetryAt: startAfter }
        : { attempts: failures, error, status: 'FAILED', completedAt: now, nextRetryAt: null },
      ['RUNNING'],
    );
    if (step) {
      const set = updated ? { status: 'FAILED' as const, error, completedAt: now } : {};
      if (updated || runId) await store.updateStep(step.id, { ...set, ...(runId === undefined ? {} : { runId }) });
    }
    return !!updated;
  });
  if (!recorded) return cancelled;
  if (!startAfter) return { handled: true, outcome: 'failed', status: 'FAILED' };
  await sendRetry(runtime, g.tenantId, g.id, failures, startAfter);
  return { handled: true, outcome: 'retrying', status: 'RUNNING' };
}

/** The retry-goal job after the goal's `failures`-th failure; its id makes a repeated send a no-op. */
export async function sendRetry(runtime: Runtime, tenantId: string, goalId: string, failures: number, at: Date) {
  await runtime.jobs?.send(
    'retry-goal',
    { tenantId, goalId },
    { id: jobId('retry-goal', `${goalId}:${failures}`), startAfter: at },
  );
}

/** Runs the steps not completed yet, in order; stops at the first failure (retry scheduled or goal failed). */
async function runSteps(ctx: ServiceContext, g: Goal): Promise<GoalJobResult> {
  const store = GoalStore.of(ctx);
  let previous: GoalStep | undefined;
  for (const step of await store.steps(g.id)) {
    if (step.status === 'COMPLETED') {
      previous = step;
      continue;
    }
    const attempts = step.attempts + 1;
    // Starts the step only while the goal still runs: a cancelled goal starts nothing more.
    const started = await store.startStep(g.id, step.id, {
      status: 'RUNNING',
      attempts,
      startedAt: ctx.clock(),
      error: null,
    });
    if (!started) return cancelled;
    const input = withContext(step.inputText, previous);
    const run = await runAgent(ctx, step.agentSlug, input, { goalId: g.id, stepNumber: step.stepNumber });
    if (run.ok) {
      await store.updateStep(step.id, {
        status: 'COMPLETED',
        runId: run.runId,
        outputText: run.output,
        completedAt: ctx.clock(),
      });
      previous = { ...step, outputText: run.output };
      continue;
    }
    const error = `Step ${step.stepNumber} (${step.agentSlug}) failed: ${run.error ?? 'unknown error'}`;
    return recordGoalFailure(ctx.db, ctx.runtime, g, { step: { ...step, attempts }, runId: run.runId, error });
  }
  const completed = await updateRunningGoal(ctx, g.id, {
    status: 'COMPLETED',
    result: previous?.outputText ?? null,
    error: null,
    completedAt: ctx.clock(),
  });
  return completed ? { handled: true, outcome: 'completed', status: 'COMPLETED' } : cancelled;
}

/**
 * Handles one delivery of execute-goal or retry-goal. Idempotent: a duplicate delivery finds nothing to claim and
 * does nothing; completed steps are never rerun. An unexpected error fails the goal rather than leaving it RUNNING.
 */
export async function executeGoal(
  ctx: ServiceContext,
  goalId: string,
  trigger: GoalTrigger = 'execute',
): Promise<GoalJobResult> {
  const store = GoalStore.of(ctx);
  const existing = await store.find(goalId);
  if (!existing) return { handled: false };
  const g = await store.claim(goalId, trigger, ctx.clock());
  if (!g) return { handled: true, outcome: 'skipped', status: existing.status };
  // While it executes here, the supervisor renews the goal's lease; if this process dies, another recovers it.
  ctx.runtime.inFlightGoals.add(goalId);
  try {
    const stored = g.plan as StoredGoalPlan;
    if (!stored.steps.length) await planGoal(ctx, g, stored);
    return await runSteps(ctx, g);
  } catch (e) {
    const error = `Goal execution failed: ${e instanceof Error ? e.message : String(e)}`;
    const failed = await updateRunningGoal(ctx, goalId, {
      status: 'FAILED',
      error,
      completedAt: ctx.clock(),
      nextRetryAt: null,
    });
    return failed ? { handled: true, outcome: 'failed', status: 'FAILED' } : cancelled;
  } finally {
    ctx.runtime.inFlightGoals.delete(goalId);
  }
}
