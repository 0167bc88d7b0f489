// The execute-goal / retry-goal work: plan with the orchestrator (or fall back to one step), then run the steps in
// order, each seeing the previous output; a failed step is retried with exponential backoff until maxAttempts.
import { type Goal, type GoalStep, goal, goalStep } from '@trellis/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { jobId } from '../jobs/queue';
import { executeRun } from '../runs/executor';
import { parsePlan, planPrompt } from './plan';
import type { PlannedGoal, StoredGoalPlan } from './schemas';
import { goalSteps } from './service';

export type GoalTrigger = 'execute' | 'retry';
export type GoalJobResult =
  | { handled: false }
  | { handled: true; outcome: 'skipped' | 'completed' | 'retrying' | 'failed'; status: Goal['status'] };

/** The first retry comes after `baseMs` (TRELLIS_GOAL_RETRY_BASE_MS, default 1000), doubling each time. */
export function goalRetryDelayMs(failures: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, failures - 1);
}

const goalKey = (ctx: ServiceContext, goalId: string) => and(eq(goal.id, goalId), eq(goal.tenantId, ctx.tenantId));

async function updateGoal(ctx: ServiceContext, goalId: string, set: Partial<typeof goal.$inferInsert>) {
  await ctx.db.update(goal).set(set).where(goalKey(ctx, goalId));
}

async function updateStep(ctx: ServiceContext, stepId: string, set: Partial<typeof goalStep.$inferInsert>) {
  await ctx.db.update(goalStep).set(set).where(eq(goalStep.id, stepId));
}

/** One agent run; a run that could not even start (unknown agent, budget refused) is a failed run without id. */
async function runAgent(ctx: ServiceContext, agentSlug: string, input: string) {
  try {
    const run = await executeRun(ctx, agentSlug, { input });
    return { runId: run.id, ok: run.status === 'COMPLETED', output: run.outputText ?? '', error: run.error };
  } catch (e) {
    return { runId: null, ok: false, output: '', error: e instanceof Error ? e.message : String(e) };
  }
}

/** Takes the goal for this delivery: execute-goal only starts a QUEUED goal, retry-goal only a scheduled retry. */
async function claim(ctx: ServiceContext, goalId: string, trigger: GoalTrigger): Promise<Goal | null> {
  const where =
    trigger === 'execute'
      ? and(goalKey(ctx, goalId), eq(goal.status, 'QUEUED'))
      : and(goalKey(ctx, goalId), eq(goal.status, 'RUNNING'), isNotNull(goal.nextRetryAt));
  const set = trigger === 'execute' ? { status: 'RUNNING' as const, startedAt: ctx.clock() } : { nextRetryAt: null };
  const [row] = await ctx.db.update(goal).set(set).where(where).returning();
  return row ?? null;
}

/** Asks the orchestrator for a plan, stores it with its steps; an invalid reply becomes one delegated step. */
async function planGoal(ctx: ServiceContext, g: Goal, stored: StoredGoalPlan): Promise<void> {
  const { agents } = stored;
  const orchestrator = g.orchestratorAgentId ?? 'assistant';
  const reply = await runAgent(ctx, orchestrator, planPrompt(g.inputText, agents));
  const planned: PlannedGoal = (reply.ok ? parsePlan(reply.output, agents) : null) ?? {
    reasoning: `Fallback: the orchestrator ${reply.ok ? 'did not answer a valid plan' : `failed (${reply.error})`}; the whole goal is delegated to '${agents[0]}'.`,
    steps: [{ agentSlug: agents[0], input: g.inputText }],
  };
  const plan: StoredGoalPlan = { ...planned, agents, orchestratorRunId: reply.runId };
  await ctx.db.transaction(async (tx) => {
    await tx.update(goal).set({ plan }).where(goalKey(ctx, g.id));
    await tx
      .insert(goalStep)
      .values(
        planned.steps.map((s, i) => ({
          tenantId: ctx.tenantId,
          goalId: g.id,
          stepNumber: i + 1,
          agentSlug: s.agentSlug,
          inputText: s.input,
        })),
      )
      .onConflictDoNothing();
  });
}

const withContext = (input: string, previous: GoalStep | undefined) =>
  previous
    ? `${input}\n\nContext — output of the previous step (${previous.agentSlug}):\n${previous.outputText ?? ''}`
    : input;

/** Runs the steps not completed yet, in order; stops at the first failure (retry scheduled or goal failed). */
async function runSteps(ctx: ServiceContext, g: Goal): Promise<GoalJobResult> {
  let previous: GoalStep | undefined;
  for (const step of await goalSteps(ctx, g.id)) {
    if (step.status === 'COMPLETED') {
      previous = step;
      continue;
    }
    const attempts = step.attempts + 1;
    await updateStep(ctx, step.id, { status: 'RUNNING', attempts, startedAt: ctx.clock(), error: null });
    const run = await runAgent(ctx, step.agentSlug, withContext(step.inputText, previous));
    if (run.ok) {
      await updateStep(ctx, step.id, {
        status: 'COMPLETED',
        runId: run.runId,
        outputText: run.output,
        completedAt: ctx.clock(),
      });
      previous = { ...step, outputText: run.output };
      continue;
    }
    const error = `Step ${step.stepNumber} (${step.agentSlug}) failed: ${run.error ?? 'unknown error'}`;
    const failures = g.attempts + 1;
    const retry = attempts < g.maxAttempts;
    const startAfter = retry
      ? new Date(Date.now() + goalRetryDelayMs(attempts, ctx.runtime.config.env.TRELLIS_GOAL_RETRY_BASE_MS))
      : null;
    // The step's and the goal's failure are one write, so a reader never sees one without the other.
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(goalStep)
        .set({ status: 'FAILED', runId: run.runId, error, completedAt: ctx.clock() })
        .where(eq(goalStep.id, step.id));
      await tx
        .update(goal)
        .set(
          retry
            ? { attempts: failures, error, nextRetryAt: startAfter }
            : { attempts: failures, error, status: 'FAILED', completedAt: ctx.clock() },
        )
        .where(goalKey(ctx, g.id));
    });
    if (!retry || !startAfter) return { handled: true, outcome: 'failed', status: 'FAILED' };
    await ctx.runtime.jobs?.send(
      'retry-goal',
      { tenantId: ctx.tenantId, goalId: g.id },
      { id: jobId('retry-goal', `${g.id}:${failures}`), startAfter },
    );
    return { handled: true, outcome: 'retrying', status: 'RUNNING' };
  }
  await updateGoal(ctx, g.id, {
    status: 'COMPLETED',
    result: previous?.outputText ?? null,
    error: null,
    completedAt: ctx.clock(),
  });
  return { handled: true, outcome: 'completed', status: 'COMPLETED' };
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
  const [existing] = await ctx.db.select({ status: goal.status }).from(goal).where(goalKey(ctx, goalId));
  if (!existing) return { handled: false };
  const g = await claim(ctx, goalId, trigger);
  if (!g) return { handled: true, outcome: 'skipped', status: existing.status };
  try {
    const stored = g.plan as StoredGoalPlan;
    if (!stored.steps.length) await planGoal(ctx, g, stored);
    return await runSteps(ctx, g);
  } catch (e) {
    const error = `Goal execution failed: ${e instanceof Error ? e.message : String(e)}`;
    await updateGoal(ctx, goalId, { status: 'FAILED', error, completedAt: ctx.clock(), nextRetryAt: null });
    return { handled: true, outcome: 'failed', status: 'FAILED' };
  }
}
