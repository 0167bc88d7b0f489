// The budgets' data access. `BudgetStore` is bound to one tenant: its policies, its runs' reservations and its spend
// in a month, every statement naming the tenant (the run status looked up for a reservation included).
// `SystemBudgetStore` settles the reservations of runs of any tenants: the batched run-completed job's side, global
// on purpose.
import {
  agentCostDaily,
  agentRun,
  type BudgetPolicy,
  type BudgetScope,
  budgetPolicy,
  budgetReservation,
} from '@trellis/db';
import { and, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../context';
import { TenantStore } from '../tenant-store';

type PolicyValues = Omit<typeof budgetPolicy.$inferInsert, 'id' | 'tenantId' | 'agentId'>;

/** A calendar month (UTC) as 'YYYY-MM', with its bounds. */
export interface BudgetPeriod {
  period: string;
  start: Date;
  end: Date;
}

/** The scope of a budget (or a reservation) over `agentId`: the agent's, or the organization's without one. */
export const budgetScope = (agentId: string | null): BudgetScope => (agentId ? 'agent' : 'tenant');

const inFlight = ['QUEUED', 'RUNNING'] as const;
const day = (d: Date) => d.toISOString().slice(0, 10);

export class BudgetStore extends TenantStore {
  /** `where` for the policy of one scope: the agent's, or the organization's (no agent). */
  private policyKey(agentId: string | null): SQL {
    return and(
      eq(budgetPolicy.tenantId, this.tenantId),
      agentId ? eq(budgetPolicy.agentId, agentId) : isNull(budgetPolicy.agentId),
    ) as SQL;
  }

  /** `where` for the policies over an agent's runs (its own and the organization's), or the organization's alone. */
  private covering(agentId: string | null): SQL {
    return and(
      eq(budgetPolicy.tenantId, this.tenantId),
      agentId ? or(eq(budgetPolicy.agentId, agentId), isNull(budgetPolicy.agentId)) : isNull(budgetPolicy.agentId),
    ) as SQL;
  }

  /** The policy of one scope (locked for the transaction with `lock`). */
  async policy(agentId: string | null, options: { lock?: boolean } = {}): Promise<BudgetPolicy | undefined> {
    const query = this.db.select().from(budgetPolicy).where(this.policyKey(agentId));
    const [row] = options.lock ? await query.for('update') : await query;
    return row;
  }

  /** The policies over an agent's runs (its own and the organization's), or the organization's alone. */
  policies(agentId: string | null): Promise<BudgetPolicy[]> {
    return this.db.select().from(budgetPolicy).where(this.covering(agentId));
  }

  /** Locks the enabled policies over an agent's runs for the transaction, in a fixed order (the agent's first). */
  lockEnabledPolicies(agentId: string | null): Promise<BudgetPolicy[]> {
    return this.db
      .select()
      .from(budgetPolicy)
      .where(and(this.covering(agentId), eq(budgetPolicy.enabled, true)))
      .orderBy(sql`${budgetPolicy.agentId} nulls last`)
      .for('update');
  }

  /** Creates or replaces the policy of one scope; the row after. */
  async upsertPolicy(agentId: string | null, values: PolicyValues): Promise<BudgetPolicy> {
    const [row] = await this.db
      .insert(budgetPolicy)
      .values({ tenantId: this.tenantId, agentId, ...values })
      .onConflictDoUpdate({
        target: [budgetPolicy.tenantId, budgetPolicy.agentId],
        set: { ...values, updatedAt: new Date() },
      })
      .returning();
    return row;
  }

  /** Deletes the policy of one scope; the deleted row, if there was one. */
  async deletePolicy(agentId: string | null): Promise<BudgetPolicy | undefined> {
    const [row] = await this.db.delete(budgetPolicy).where(this.policyKey(agentId)).returning();
    return row;
  }

  /** Reserves `amountUsd` of the run under each policy, in the policy's scope. */
  reserve(runId: string, policies: BudgetPolicy[], period: string, amountUsd: number): Promise<unknown> {
    return this.db.insert(budgetReservation).values(
      policies.map((policy) => ({
        tenantId: this.tenantId,
        runId,
        agentId: policy.agentId,
        scope: budgetScope(policy.agentId),
        period,
        amountUsd,
      })),
    );
  }

  /**
   * Spend of a scope in the period: finished runs' cost plus the reservations of runs still in flight. The finished
   * runs' cost is the daily cost rollups of the period's days plus the finished runs they do not hold yet (not
   * counted by run-completed yet, or without an agent) — both small reads, however many runs the month has.
   */
  async spend(agentId: string | null, month: BudgetPeriod) {
    // One statement, one snapshot: a run counted, or finishing, between separate reads would be counted twice or not
    // at all (run-completed marks a run counted in the transaction that adds it to the rollups).
    const counted = this.countedSpend(agentId, month);
    const uncounted = this.uncountedSpend(agentId, month);
    const held = this.heldInFlight(agentId, month);
    const result = await this.db.execute<{ spent: number | string; held: number | string }>(
      sql`select (${counted})::float8 + (${uncounted})::float8 as spent, (${held})::float8 as held`,
    );
    const row = (result as unknown as { rows: { spent: number | string; held: number | string }[] }).rows[0];
    return { period: month.period, spentUsd: Number(row.spent), reservedUsd: Number(row.held) };
  }

  /** The cost of the period's days in the daily cost rollups. */
  private countedSpend(agentId: string | null, { start, end }: BudgetPeriod) {
    return this.db
      .select({ usd: sql`coalesce(sum(${agentCostDaily.totalCostUsd}), 0)` })
      .from(agentCostDaily)
      .where(
        and(
          eq(agentCostDaily.tenantId, this.tenantId),
          agentId ? eq(agentCostDaily.agentId, agentId) : undefined,
          gte(agentCostDaily.date, day(start)),
          lt(agentCostDaily.date, day(end)),
        ),
      );
  }

  /** The cost of the period's finished runs the rollups do not hold yet. */
  private uncountedSpend(agentId: string | null, { start, end }: BudgetPeriod) {
    // The same predicate as agent_run_uncounted_index, so this reads the index.
    return this.db
      .select({ usd: sql`coalesce(sum(${agentRun.costUsd}), 0)` })
      .from(agentRun)
      .where(
        and(
          eq(agentRun.tenantId, this.tenantId),
          agentId ? eq(agentRun.agentId, agentId) : undefined,
          gte(agentRun.createdAt, start),
          lt(agentRun.createdAt, end),
          sql`(${agentRun.countedAt} is null or ${agentRun.agentId} is null) and ${agentRun.status} in ('COMPLETED', 'FAILED', 'CANCELLED')`,
        ),
      );
  }

  /** The open reservations of the scope's runs still in flight in the period. */
  private heldInFlight(agentId: string | null, { period }: BudgetPeriod) {
    // The run's status is looked up by its key for each open reservation (a scalar subquery the planner cannot turn
    // into a scan of every in-flight run: that index holds each finished run until vacuum).
    const runStatus = sql`(select ${agentRun.status} from ${agentRun} where ${agentRun.id} = ${budgetReservation.runId} and ${agentRun.tenantId} = ${this.tenantId})`;
    return this.db
      .select({ usd: sql`coalesce(sum(${budgetReservation.amountUsd}), 0)` })
      .from(budgetReservation)
      .where(
        and(
          eq(budgetReservation.tenantId, this.tenantId),
          eq(budgetReservation.scope, budgetScope(agentId)),
          agentId ? eq(budgetReservation.agentId, agentId) : undefined,
          eq(budgetReservation.period, period),
          eq(budgetReservation.status, 'reserved'),
          inArray(runStatus, [...inFlight]),
        ),
      );
  }
}

/** Budget reservations across every tenant (the system handle), global on purpose: run-completed settles in batches. */
export class SystemBudgetStore {
  constructor(private readonly db: Executor) {}

  /** Settles the reservations of finished runs (of any tenants) at their actual cost, in one statement. */
  async settle(runs: { tenantId: string; runId: string; amountUsd: number }[]): Promise<void> {
    if (!runs.length) return;
    const r = budgetReservation;
    await this.db.execute(sql`update ${r} set status = 'settled', amount_usd = v.amount_usd, updated_at = now()
    from json_to_recordset(${JSON.stringify(runs.map((x) => ({ tenant_id: x.tenantId, run_id: x.runId, amount_usd: x.amountUsd })))}::json)
      as v(tenant_id text, run_id text, amount_usd float8)
    where ${r.tenantId} = v.tenant_id and ${r.runId} = v.run_id`);
  }
}
