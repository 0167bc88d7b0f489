// One CostEvent per finished run (the run-completed job and its repair): inserted at most once — `runId` is unique
// and the insert does nothing on conflict — and, only when this call inserted it, added to the daily rollups in the
// same transaction, so a job delivered twice never counts a cost twice. The event carries the run's createdAt, so a
// run's cost lands on the run's UTC day in every rollup.
import { type AgentRun, agentRun, type CostEvent, costEvent } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { applyRunToRollups } from '../rollups/apply-run';
import { costForUsage } from './prices';

export const finishedRunStatuses = ['COMPLETED', 'FAILED', 'CANCELLED'] as const;

export type RunCostResult =
  | { outcome: 'recorded' | 'duplicate'; event: CostEvent; agentId: string | null }
  | { outcome: 'not-finished' | 'missing' };

const round10 = (usd: number) => Math.round(usd * 1e10) / 1e10;

/**
 * The run's prompt/completion split at today's price, scaled to the cost the run was charged (the price may have
 * changed since); by token share when the model has no price now.
 */
async function costSplit(ctx: ServiceContext, run: AgentRun) {
  const total = run.costUsd;
  if (total === 0) return { promptCostUsd: 0, completionCostUsd: 0 };
  const now = await costForUsage(ctx, run.modelProvider ?? '', run.modelName ?? '', run);
  const tokens = run.promptTokens + run.completionTokens;
  const promptShare = now.costUsd > 0 ? now.promptCostUsd / now.costUsd : tokens > 0 ? run.promptTokens / tokens : 1;
  const promptCostUsd = round10(total * promptShare);
  return { promptCostUsd, completionCostUsd: round10(total - promptCostUsd) };
}

/** Records the cost event of a finished run of this tenant and updates the rollups; idempotent. */
export async function recordRunCost(ctx: ServiceContext, runId: string): Promise<RunCostResult> {
  return ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .select()
      .from(agentRun)
      .where(and(eq(agentRun.tenantId, ctx.tenantId), eq(agentRun.id, runId)))
      .limit(1);
    if (!run) return { outcome: 'missing' as const };
    if (!(finishedRunStatuses as readonly string[]).includes(run.status)) return { outcome: 'not-finished' as const };
    const split = await costSplit({ ...ctx, db: tx }, run);
    const [inserted] = await tx
      .insert(costEvent)
      .values({
        tenantId: ctx.tenantId,
        runId: run.id,
        agentId: run.agentId,
        provider: run.modelProvider ?? 'unknown',
        modelName: run.modelName ?? 'unknown',
        promptTokens: run.promptTokens,
        completionTokens: run.completionTokens,
        cachedTokens: run.cachedTokens,
        reasoningTokens: run.reasoningTokens,
        totalTokens: run.totalTokens,
        ...split,
        costUsd: run.costUsd,
        createdAt: run.createdAt,
      })
      .onConflictDoNothing({ target: costEvent.runId })
      .returning();
    if (inserted) {
      if (run.agentId) await applyRunToRollups(tx, { ...run, agentId: run.agentId }, inserted);
      return { outcome: 'recorded' as const, event: inserted, agentId: run.agentId };
    }
    const [existing] = await tx
      .select()
      .from(costEvent)
      .where(and(eq(costEvent.tenantId, ctx.tenantId), eq(costEvent.runId, run.id)))
      .limit(1);
    return { outcome: 'duplicate' as const, event: existing, agentId: run.agentId };
  });
}
