// Goals through the API: create (validates the agents, records the goal QUEUED and sends execute-goal), list, read
// with steps, and cancel. Everything goes through the tenant's GoalStore (store.ts).
import type { Goal, GoalStep } from '@trellis/db';
import { getAgent } from '../agents/service';
import { recordAudit } from '../audit/audit-store';
import type { ServiceContext } from '../context';
import { conflict, invalidInput, notFound, TrellisError } from '../errors';
import { jobId } from '../jobs/queue';
import { cancelInFlightRuns, cancelledBy } from '../runs/control';
import { type GoalCreateInput, goalCreateSchema, type StoredGoalPlan } from './schemas';
import { GoalStore } from './store';

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
    const created = await GoalStore.of(ctx, tx).insert({
      orchestratorAgentId,
      title: body.title,
      inputText: body.input,
      status: 'QUEUED',
      plan,
      maxAttempts: body.maxAttempts,
      createdBy: ctx.actor.id,
    });
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

export function listGoals(ctx: ServiceContext): Promise<Goal[]> {
  return GoalStore.of(ctx).list();
}

/** The goal's row, or null when this tenant has none with that id. */
export function findGoal(ctx: ServiceContext, goalId: string): Promise<Goal | null> {
  return GoalStore.of(ctx).find(goalId);
}

export async function getGoal(ctx: ServiceContext, goalId: string): Promise<GoalDetail> {
  const store = GoalStore.of(ctx);
  const row = await store.find(goalId);
  if (!row) throw notFound('Goal', goalId);
  return { ...row, steps: await store.steps(goalId) };
}

/**
 * Cancels a QUEUED or RUNNING goal: no further step starts, a scheduled retry does nothing, and the run of the step
 * in flight is cancelled (its model call aborted). 409 when the goal already finished.
 */
export async function cancelGoal(ctx: ServiceContext, goalId: string): Promise<GoalDetail> {
  const reason = cancelledBy(ctx);
  await ctx.db.transaction(async (tx) => {
    const store = GoalStore.of(ctx, tx);
    const set = { status: 'CANCELLED' as const, error: reason, completedAt: ctx.clock(), nextRetryAt: null };
    const cancelled = await store.update(goalId, set, ['QUEUED', 'RUNNING']);
    if (!cancelled) {
      const existing = await store.find(goalId);
      if (!existing) throw notFound('Goal', goalId);
      throw conflict(`Goal ${goalId} already finished (${existing.status})`, { status: existing.status });
    }
    await store.cancelOpenSteps(goalId, reason, ctx.clock());
    await recordAudit(tx, ctx, { action: 'goal.cancel', entityType: 'goal', entityId: goalId, after: cancelled });
    return cancelInFlightRuns(tx, ctx, { goalId }, reason);
  });
  return getGoal(ctx, goalId);
}
