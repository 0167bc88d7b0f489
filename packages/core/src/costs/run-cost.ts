// One CostEvent per finished run (the run-completed job and its repair): inserted at most once — `runId` is unique
// and the insert does nothing on conflict — and, only when this call inserted it, added to the daily rollups in the
// same transaction, so a job delivered twice never counts a cost twice. A run that finished after being failed as
// INTERRUPTED has its event reconciled instead. The event carries the run's createdAt, so a
// run's cost lands on the run's UTC day in every rollup.
import { type AgentRun, agentRun, type CostEvent, costEvent } from '@trellis/db';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, ServiceContext } from '../context';
import { applyRunToRollups, dayOf, refreshDerivedColumns } from '../rollups/apply-run';
import { recomputeRollups } from '../rollups/recompute';
import { settleBudget } from './budget';
import { costForUsage } from './prices';

export const finishedRunStatuses = ['COMPLETED', 'FAILED', 'CANCELLED'] as const;

export type RunCostResult =
  | { outcome: 'recorded' | 'duplicate' | 'reconciled'; event: CostEvent; agentId: string | null }
  | { outcome: 'not-finished' | 'missing' };

const round10 = (usd: number) => Math.round(usd * 1e10) / 1e10;

/**
 * The run's prompt/completion split: as the executor priced it (in the run's metadata); for runs recorded without
 * it, at today's price scaled to the cost the run was charged, or by token share when the model has no price now.
 */
async function costSplit(ctx: ServiceContext, run: AgentRun) {
  const total = run.costUsd;
  if (total === 0) return { promptCostUsd: 0, completionCostUsd: 0 };
  const recorded = (run.metadata as { promptCostUsd?: unknown } | null)?.promptCostUsd;
  if (typeof recorded === 'number' && recorded >= 0 && recorded <= total) {
    return { promptCostUsd: recorded, completionCostUsd: round10(total - recorded) };
  }
  const now = await costForUsage(ctx, run.modelProvider ?? '', run.modelName ?? '', run);
  const tokens = run.promptTokens + run.completionTokens;
  const promptShare = now.costUsd > 0 ? now.promptCostUsd / now.costUsd : tokens > 0 ? run.promptTokens / tokens : 1;
  const promptCostUsd = round10(total * promptShare);
  return { promptCostUsd, completionCostUsd: round10(total - promptCostUsd) };
}

/** The cost event's values for a run: its model, tokens and cost, filed under the run's createdAt. */
async function eventValues(ctx: ServiceContext, run: AgentRun) {
  return {
    provider: run.modelProvider ?? 'unknown',
    modelName: run.modelName ?? 'unknown',
    promptTokens: run.promptTokens,
    completionTokens: run.completionTokens,
    cachedTokens: run.cachedTokens,
    reasoningTokens: run.reasoningTokens,
    totalTokens: run.totalTokens,
    ...(await costSplit(ctx, run)),
    costUsd: run.costUsd,
    createdAt: run.createdAt,
  };
}

export interface RecordRunCostOptions {
  /**
   * The run finished for real after it had been failed as INTERRUPTED and counted: overwrite its cost event with
   * what the run now says and recompute its agent's rollups for that day (the counted outcome changed too).
   */
  reconcile?: boolean;
}

/** The run is in its agent's rollups: budget spend stops reading it from the raw runs. */
const markCounted = (db: Executor, tenantId: string, runId: string) =>
  db
    .update(agentRun)
    .set({ countedAt: sql`now()` })
    .where(and(eq(agentRun.tenantId, tenantId), eq(agentRun.id, runId)));

/** How long the derived rollup columns of a busy agent-day may lag its counters. */
const REFRESH_DEBOUNCE_SECONDS = 5;

/** Refreshes the ratios and percentiles of the run's agent-day: debounced through the job queue, or now without one. */
async function refreshSoon(ctx: ServiceContext, agentId: string, runCreatedAt: Date) {
  const scope = { agentId, date: dayOf(runCreatedAt) };
  if (!ctx.runtime.jobs) return refreshDerivedColumns(ctx.db, scope);
  const debounce = { key: `${scope.agentId}:${scope.date}`, seconds: REFRESH_DEBOUNCE_SECONDS };
  await ctx.runtime.jobs.send('rollup-refresh', scope, { debounce });
}

/**
 * This transaction commits without waiting for the WAL flush: what it writes is derived from the durable run and
 * is rebuilt by rollup-daily if a crash of the PostgreSQL server loses it, so runs' own commits need not queue
 * behind it.
 */
const relaxDurability = (tx: Executor) => tx.execute(sql`set local synchronous_commit = off`);

/** Records the cost event of a finished run of this tenant and updates the rollups; idempotent. */
export async function recordRunCost(
  ctx: ServiceContext,
  runId: string,
  options: RecordRunCostOptions = {},
): Promise<RunCostResult> {
  const result = await ctx.db.transaction(async (tx) => {
    await relaxDurability(tx);
    const [run] = await tx
      .select()
      .from(agentRun)
      .where(and(eq(agentRun.tenantId, ctx.tenantId), eq(agentRun.id, runId)))
      .limit(1);
    if (!run) return { outcome: 'missing' as const };
    if (!(finishedRunStatuses as readonly string[]).includes(run.status)) return { outcome: 'not-finished' as const };
    // Its reservation (if a budget made one) is settled at the actual cost; once the run finished, spend no longer
    // counts the reservation, so settling here — not on the request path — changes no budget decision.
    await settleBudget(tx, ctx.tenantId, run.id, run.costUsd);
    const values = await eventValues({ ...ctx, db: tx }, run);
    const [inserted] = await tx
      .insert(costEvent)
      .values({ tenantId: ctx.tenantId, runId: run.id, agentId: run.agentId, ...values })
      .onConflictDoNothing({ target: costEvent.runId })
      .returning();
    if (inserted) {
      if (run.agentId) {
        await applyRunToRollups(tx, { ...run, agentId: run.agentId }, inserted);
        await markCounted(tx, ctx.tenantId, run.id);
      }
      return { outcome: 'recorded' as const, event: inserted, agentId: run.agentId };
    }
    const eventKey = and(eq(costEvent.tenantId, ctx.tenantId), eq(costEvent.runId, run.id));
    if (options.reconcile) {
      const [updated] = await tx.update(costEvent).set(values).where(eventKey).returning();
      return { outcome: 'reconciled' as const, event: updated, agentId: run.agentId, day: dayOf(run.createdAt) };
    }
    const [existing] = await tx.select().from(costEvent).where(eventKey).limit(1);
    return { outcome: 'duplicate' as const, event: existing, agentId: run.agentId };
  });
  // Also after a duplicate: the delivery that recorded the event may have died before it sent the refresh.
  if (result.outcome !== 'reconciled' && 'event' in result && result.agentId) {
    await refreshSoon(ctx, result.agentId, result.event.createdAt);
  }
  if (result.outcome !== 'reconciled') return result;
  // Outside the transaction: the recompute takes the exclusive rollup lock in its own. A crash in between is
  // repaired by the job's retry (both steps are idempotent) or by rollup-daily.
  const { day, ...reconciled } = result;
  if (reconciled.agentId) {
    await recomputeRollups(ctx.db, { from: day, to: day, agentId: reconciled.agentId });
    // Counted again only once the rollups hold the new cost: until then budget spend reads it from the run.
    await markCounted(ctx.db, ctx.tenantId, runId);
  }
  return reconciled;
}
