// Budgets: monthly limits per agent and per organization. A hard limit is enforced before a run starts by reserving
// the run's worst-case cost inside a transaction that locks the policy, so concurrent runs cannot overshoot:
// spent = cost of the period's finished runs + reservations of runs still in flight. No policy never blocks.
import {
  agentCostDaily,
  agentRun,
  type BudgetPolicy,
  type BudgetScope,
  budgetPolicy,
  budgetReservation,
} from '@trellis/db';
import { and, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-store';
import { announce } from '../cache/changes';
import type { Executor, ServiceContext, Tx } from '../context';
import { TrellisError } from '../errors';
import { logSendFailure } from '../jobs/queue';

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
export function budgetPeriod(at: Date) {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { period: start.toISOString().slice(0, 7), start, end };
}

const inFlight = ['QUEUED', 'RUNNING'] as const;

/**
 * Spend of a scope in the period: finished runs' cost plus the reservations of runs still in flight. The finished
 * runs' cost is the daily cost rollups of the period's days plus the finished runs they do not hold yet (not counted
 * by run-completed yet, or without an agent) — both small reads, however many runs the month has.
 */
export async function spendOf(db: Executor, tenantId: string, agentId: string | null, at: Date) {
  const { period, start, end } = budgetPeriod(at);
  const scope: BudgetScope = agentId ? 'agent' : 'tenant';
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const counted = db
    .select({ usd: sql`coalesce(sum(${agentCostDaily.totalCostUsd}), 0)` })
    .from(agentCostDaily)
    .where(
      and(
        eq(agentCostDaily.tenantId, tenantId),
        agentId ? eq(agentCostDaily.agentId, agentId) : undefined,
        gte(agentCostDaily.date, day(start)),
        lt(agentCostDaily.date, day(end)),
      ),
    );
  // The same predicate as agent_run_uncounted_index, so this reads the index.
  const uncounted = db
    .select({ usd: sql`coalesce(sum(${agentRun.costUsd}), 0)` })
    .from(agentRun)
    .where(
      and(
        eq(agentRun.tenantId, tenantId),
        agentId ? eq(agentRun.agentId, agentId) : undefined,
        gte(agentRun.createdAt, start),
        lt(agentRun.createdAt, end),
        sql`(${agentRun.countedAt} is null or ${agentRun.agentId} is null) and ${agentRun.status} in ('COMPLETED', 'FAILED', 'CANCELLED')`,
      ),
    );
  // The run's status is looked up by its key for each open reservation (a scalar subquery the planner cannot turn
  // into a scan of every in-flight run: that index holds each finished run until vacuum).
  const runStatus = sql`(select ${agentRun.status} from ${agentRun} where ${agentRun.id} = ${budgetReservation.runId})`;
  const heldInFlight = db
    .select({ usd: sql`coalesce(sum(${budgetReservation.amountUsd}), 0)` })
    .from(budgetReservation)
    .where(
      and(
        eq(budgetReservation.tenantId, tenantId),
        eq(budgetReservation.scope, scope),
        agentId ? eq(budgetReservation.agentId, agentId) : undefined,
        eq(budgetReservation.period, period),
        eq(budgetReservation.status, 'reserved'),
        inArray(runStatus, [...inFlight]),
      ),
    );
  // One statement, one snapshot: a run counted, or finishing, between separate reads would be counted twice or not
  // at all (run-completed marks a run counted in the transaction that adds it to the rollups).
  const result = await db.execute<{ spent: number | string; held: number | string }>(
    sql`select (${counted})::float8 + (${uncounted})::float8 as spent, (${heldInFlight})::float8 as held`,
  );
  const row = (result as unknown as { rows: { spent: number | string; held: number | string }[] }).rows[0];
  return { period, spentUsd: Number(row.spent), reservedUsd: Number(row.held) };
}

function policyWhere(tenantId: string, agentId: string | null) {
  return and(
    eq(budgetPolicy.tenantId, tenantId),
    agentId ? eq(budgetPolicy.agentId, agentId) : isNull(budgetPolicy.agentId),
  );
}

/** The tenant's budget policies that cover an agent's runs (its own and the organization's), or the org's alone. */
export async function budgetPolicies(db: Executor, tenantId: string, agentId: string | null): Promise<BudgetPolicy[]> {
  return db
    .select()
    .from(budgetPolicy)
    .where(
      and(
        eq(budgetPolicy.tenantId, tenantId),
        agentId ? or(eq(budgetPolicy.agentId, agentId), isNull(budgetPolicy.agentId)) : isNull(budgetPolicy.agentId),
      ),
    );
}

export async function getBudget(ctx: ServiceContext, agentId: string | null) {
  const [policy] = await ctx.db.select().from(budgetPolicy).where(policyWhere(ctx.tenantId, agentId));
  const spend = await spendOf(ctx.db, ctx.tenantId, agentId, ctx.clock());
  const used = spend.spentUsd + spend.reservedUsd;
  return {
    scope: (agentId ? 'agent' : 'tenant') as BudgetScope,
    policy: policy ?? null,
    ...spend,
    remainingUsd: policy ? Math.max(0, policy.monthlyLimitUsd - used) : null,
    usedPct: policy && policy.monthlyLimitUsd > 0 ? (used / policy.monthlyLimitUsd) * 100 : null,
  };
}

export async function putBudget(ctx: ServiceContext, agentId: string | null, raw: BudgetPut) {
  const input = budgetPutSchema.parse(raw);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(budgetPolicy).where(policyWhere(ctx.tenantId, agentId)).for('update');
    const [after] = await tx
      .insert(budgetPolicy)
      .values({ tenantId: ctx.tenantId, agentId, ...input })
      .onConflictDoUpdate({
        target: [budgetPolicy.tenantId, budgetPolicy.agentId],
        set: { ...input, updatedAt: new Date() },
      })
      .returning();
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
    const [before] = await tx.delete(budgetPolicy).where(policyWhere(ctx.tenantId, agentId)).returning();
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
  metadata: { scope: policy.agentId ? 'agent' : 'tenant', agentId: policy.agentId },
});

/**
 * The enabled policies over an agent's runs (its own and the organization's), from the process's cache (dropped
 * whenever any process changes a policy): a run under no policy records itself without a budget transaction.
 */
export async function enabledPoliciesFor(ctx: ServiceContext, agentId: string | null): Promise<BudgetPolicy[]> {
  return ctx.runtime.caches.budgets.get(ctx.tenantId, agentId ?? '', async () =>
    (await budgetPolicies(ctx.db, ctx.tenantId, agentId)).filter((p) => p.enabled),
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
  const policies = await tx
    .select()
    .from(budgetPolicy)
    .where(
      and(
        eq(budgetPolicy.tenantId, ctx.tenantId),
        run.agentId
          ? or(eq(budgetPolicy.agentId, run.agentId), isNull(budgetPolicy.agentId))
          : isNull(budgetPolicy.agentId),
        eq(budgetPolicy.enabled, true),
      ),
    )
    .orderBy(sql`${budgetPolicy.agentId} nulls last`)
    .for('update');
  if (!policies.length) return false;
  const worstCaseUsd = await worstCase();
  const now = ctx.clock();
  const { period } = budgetPeriod(now);
  for (const policy of policies) {
    if (!policy.hardLimit) continue;
    const scope: BudgetScope = policy.agentId ? 'agent' : 'tenant';
    const spend = await spendOf(tx, ctx.tenantId, policy.agentId, now);
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
            period,
          },
        },
      );
    }
  }
  await tx.insert(budgetReservation).values(
    policies.map((policy) => ({
      tenantId: ctx.tenantId,
      runId: run.id,
      agentId: policy.agentId,
      scope: (policy.agentId ? 'agent' : 'tenant') as BudgetScope,
      period,
      amountUsd: worstCaseUsd,
    })),
  );
  return true;
}

/** After the run: its reservations become settled at the actual cost. */
/** Settles the reservations of finished runs at their actual cost, in one statement. */
export async function settleBudgets(tx: Tx, runs: { tenantId: string; runId: string; amountUsd: number }[]) {
  if (!runs.length) return;
  const r = budgetReservation;
  await tx.execute(sql`update ${r} set status = 'settled', amount_usd = v.amount_usd, updated_at = now()
    from json_to_recordset(${JSON.stringify(runs.map((x) => ({ tenant_id: x.tenantId, run_id: x.runId, amount_usd: x.amountUsd })))}::json)
      as v(tenant_id text, run_id text, amount_usd float8)
    where ${r.tenantId} = v.tenant_id and ${r.runId} = v.run_id`);
}
