// Goals through the API: create (validates the agents, records the goal QUEUED and sends execute-goal), list, read
// with steps, and cancel. Everything is scoped to the context's tenant.
import { agentRun, type Goal, type GoalStep, goal, goalStep } from '@trellis/db';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getAgent } from '../agents/service';
import { recordAudit } from '../audit/record';
import type { ServiceContext } from '../context';
import { conflict, invalidInput, notFound, TrellisError } from '../errors';
import { jobId } from '../jobs/queue';
import { cancelInFlightRuns, cancelledBy } from '../runs/control';
import { type GoalCreateInput, goalCreateSchema, type StoredGoalPlan } from './schemas';

export type GoalDetail = Goal & { steps: GoalStep[] };

/** The agent's id, or a 400 naming `field` when this tenant has no such agent. */
async function agentIdOf(ctx: ServiceContext, idOrSlug: string, field: string): Promise<string> {
  try {
    return (await getAgent(ctx, idOrSlug)).id;
  } catch (e) {
    if (!(e instanceof TrellisError && e.code === 'NOT_FOUND')) throw e;
    const message = `${field}: unknown agent '${idOrSlug}'`;
    throw invalidInput(`Invalid request: ${message}`, { issues: [{ path: field, message, code: 'custom' }] });
  }
}

export async function createGoal(ctx: ServiceContext, raw: GoalCreateInput): Promise<Goal> {
  const body = goalCreateSchema.parse(raw);
  const orchestratorAgentId = await agentIdOf(ctx, body.orchestrator, 'orchestrator');
  for (const slug of body.agents) await agentIdOf(ctx, slug, 'agents');
  const plan: StoredGoalPlan = { steps: [], agents: [...new Set(body.agents)] };
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(goal)
      .values({
        tenantId: ctx.tenantId,
        orchestratorAgentId,
        title: body.title,
        inputText: body.input,
        status: 'QUEUED',
        plan,
        maxAttempts: body.maxAttempts,
        createdBy: ctx.actor.id,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'goal.create', entityType: 'goal', entityId: created.id, after: created });
    return created;
  });
  // Sent once the goal is committed; the job id is the goal's, so a repeated send can never start it twice.
  await ctx.runtime.jobs?.send(
    'execute-goal',
    { tenantId: ctx.tenantId, goalId: row.id },
    { id: jobId('execute-goal', row.id) },
  );
  return row;
}

export async function listGoals(ctx: ServiceContext): Promise<Goal[]> {
  return ctx.db
    .select()
    .from(goal)
    .where(eq(goal.tenantId, ctx.tenantId))
    .orderBy(desc(goal.createdAt), desc(goal.id))
    .limit(200);
}

/** The goal's row, or null when this tenant has none with that id. */
export async function findGoal(ctx: ServiceContext, goalId: string): Promise<Goal | null> {
  const [row] = await ctx.db
    .select()
    .from(goal)
    .where(and(eq(goal.id, goalId), eq(goal.tenantId, ctx.tenantId)));
  return row ?? null;
}

export async function goalSteps(ctx: ServiceContext, goalId: string): Promise<GoalStep[]> {
  return ctx.db
    .select()
    .from(goalStep)
    .where(and(eq(goalStep.goalId, goalId), eq(goalStep.tenantId, ctx.tenantId)))
    .orderBy(asc(goalStep.stepNumber));
}

export async function getGoal(ctx: ServiceContext, goalId: string): Promise<GoalDetail> {
  const row = await findGoal(ctx, goalId);
  if (!row) throw notFound('Goal', goalId);
  return { ...row, steps: await goalSteps(ctx, goalId) };
}

/**
 * Cancels a QUEUED or RUNNING goal: no further step starts, a scheduled retry does nothing, and the run of the step
 * in flight is cancelled (its model call aborted). 409 when the goal already finished.
 */
export async function cancelGoal(ctx: ServiceContext, goalId: string): Promise<GoalDetail> {
  const reason = cancelledBy(ctx);
  await ctx.db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(goal)
      .set({ status: 'CANCELLED', error: reason, completedAt: ctx.clock(), nextRetryAt: null })
      .where(and(eq(goal.id, goalId), eq(goal.tenantId, ctx.tenantId), inArray(goal.status, ['QUEUED', 'RUNNING'])))
      .returning();
    if (!cancelled) {
      const existing = await findGoal({ ...ctx, db: tx }, goalId);
      if (!existing) throw notFound('Goal', goalId);
      throw conflict(`Goal ${goalId} already finished (${existing.status})`, { status: existing.status });
    }
    await tx
      .update(goalStep)
      .set({ status: 'CANCELLED', error: reason, completedAt: ctx.clock() })
      .where(and(eq(goalStep.goalId, goalId), inArray(goalStep.status, ['QUEUED', 'RUNNING'])));
    await recordAudit(tx, ctx, { action: 'goal.cancel', entityType: 'goal', entityId: goalId, after: cancelled });
    return cancelInFlightRuns(tx, ctx, sql`${agentRun.metadata}->'goal'->>'goalId' = ${goalId}`, reason);
  });
  return getGoal(ctx, goalId);
}
