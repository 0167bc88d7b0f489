// Budgets: monthly limits per agent and per organization. A hard limit is enforced before a run starts by reserving
// the run's worst-case cost inside a transaction that locks the policy, so concurrent runs cannot overshoot:
// spent = cost of the period's finished runs + reservations of runs still in flight. No policy never blocks.
// Reads and writes go through the tenant's BudgetStore (budget-store.ts).
import type { BudgetPolicy } from '@trellis/db';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-store';
import { announce } from '../cache/changes';
import type { Executor, ServiceContext, Tx } from '../context';
import { TrellisError } from '../errors';
import { logSendFailure } from '../jobs/queue';
import { type BudgetPeriod, BudgetStore, budgetScope } from './budget-store';

export const budgetPutSchema = z
  .object({
    enabled: z.boolean().default(true),
    monthlyLimitUsd: z.number().min(0).max(10_000_000),
    alertAtPct: z.int().min(1).max(100).default(80),
    hardLimit: z.boolean().default(false),
  })
  .strict();
export type BudgetPut = z.input<typeof budgetPutSchema>;

/** The calendar month (UTC) a moment falls in, as 'YYYY-MM', with its bounds. */
export function budgetPeriod(at: Date): BudgetPeriod {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { period: start.toISOString().slice(0, 7), start, end };
}

/** Spend of a scope in the month of `at`: finished runs' cost plus the reservations of runs still in flight. */
export function spendOf(db: Executor, tenantId: string, agentId: string | null, at: Date) {
  return new BudgetStore(db, tenantId).spend(agentId, budgetPeriod(at));
}

export async function getBudget(ctx: ServiceContext, agentId: string | null) {
  const store = BudgetStore.of(ctx);
  const policy = await store.policy(agentId);
  const spend = await store.spend(agentId, budgetPeriod(ctx.clock()));
  const used = spend.spentUsd + spend.reservedUsd;
  return {
    scope: budgetScope(agentId),
    policy: policy ?? null,
    ...spend,
    remainingUsd: policy ? Math.max(0, policy.monthlyLimitUsd - used) : null,
    usedPct: policy && policy.monthlyLimitUsd > 0 ? (used / policy.monthlyLimitUsd) * 100 : null,
  };
}

export async function putBudget(ctx: ServiceContext, agentId: string | null, raw: BudgetPut) {
  const input = budgetPutSchema.parse(raw);
  await ctx.db.transaction(async (tx) => {
    const store = BudgetStore.of(ctx, tx);
    const before = await store.policy(agentId, { lock: true });
    const after = await store.upsertPolicy(agentId, input);
    await recordAudit(tx, ctx, { ...budgetEntity(after), action: 'budget.update', before, after });
    await announce(tx, ctx.runtime.applyChange, { kind: 'budgets', tenantId: ctx.tenantId });
  });
  // A limit lowered below what is already spent alerts now, not at the next run.
  await ctx.runtime.jobs
    ?.send('budget-check', { tenantId: ctx.tenantId, agentId, costUsd: 0 })
    .catch(logSendFailure('budget-check'));
  return getBudget(ctx, agentId);
}

export async function deleteBudget(ctx: ServiceContext, agentId: string | null) {
  return ctx.db.transaction(async (tx) => {
    const before = await BudgetStore.of(ctx, tx).deletePolicy(agentId);
    if (!before) return { deleted: false };
    await recordAudit(tx, ctx, { ...budgetEntity(before), action: 'budget.delete', before });
    await announce(tx, ctx.runtime.applyChange, { kind: 'budgets', tenantId: ctx.tenantId });
    return { deleted: true };
  });
}

/** The audit entity of a policy: the budget, with its scope. */
const budgetEntity = (policy: BudgetPolicy) => ({
  entityType: 'budget' as const,
  entityId: policy.id,
  metadata: { scope: budgetScope(policy.agentId), agentId: policy.agentId },
});

/**
 * The enabled policies over an agent's runs (its own and the organization's), from the process's cache (dropped
 * whenever any process changes a policy): a run under no policy records itself without a budget transaction.
 */
export async function enabledPoliciesFor(ctx: ServiceContext, agentId: string | null): Promise<BudgetPolicy[]> {
  return ctx.runtime.caches.budgets.get(ctx.tenantId, agentId ?? '', async () =>
    (await BudgetStore.of(ctx).policies(agentId)).filter((p) => p.enabled),
  );
}

/**
 * Inside the transaction that records the run: lock every enabled policy over this run (the agent's and the
 * organization's, in one statement and a fixed order), and with a hard limit refuse when spent + in flight + this
 * run's worst case exceeds the limit; otherwise reserve the worst case (computed only when a policy exists). Throws
 * BUDGET_EXCEEDED naming the scope, limit, spend and period. Returns whether anything was reserved.
 */
export async function reserveBudget(
  tx: Tx,
  ctx: ServiceContext,
  run: { id: string; agentId: string | null },
  worstCase: () => Promise<number>,
): Promise<boolean> {
  const store = BudgetStore.of(ctx, tx);
  const policies = await store.lockEnabledPolicies(run.agentId);
  if (!policies.length) return false;
  const worstCaseUsd = await worstCase();
  const month = budgetPeriod(ctx.clock());
  for (const policy of policies) {
    if (!policy.hardLimit) continue;
    const scope = budgetScope(policy.agentId);
    const spend = await store.spend(policy.agentId, month);
    if (spend.spentUsd + spend.reservedUsd + worstCaseUsd > policy.monthlyLimitUsd) {
      throw new TrellisError(
        'BUDGET_EXCEEDED',
        `The ${scope === 'agent' ? "agent's" : "organization's"} monthly budget of $${policy.monthlyLimitUsd} would be exceeded`,
        {
          details: {
            scope,
            limitUsd: policy.monthlyLimitUsd,
            spentUsd: spend.spentUsd,
            reservedUsd: spend.reservedUsd,
            requiredUsd: worstCaseUsd,
            period: month.period,
          },
        },
      );
    }
  }
  await store.reserve(run.id, policies, month.period, worstCaseUsd);
  return true;
}
