// The runs' cost events and the daily cost rollups. `CostStore` is bound to one tenant: an agent's cost by day and by
// model, and a run's cost event reconciled with its run after the fact, every statement naming the tenant.
// `SystemCostStore` is the batched run-completed job's side, global on purpose: it records the costs of finished runs
// of many tenants in one transaction.
import { type AgentRun, agentCostDaily, agentModelCostDaily, agentRun, type CostEvent, costEvent } from '@trellis/db';
import { and, type Column, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../context';
import { TenantStore } from '../tenant-store';

type NewCostEvent = typeof costEvent.$inferInsert;
/** What a cost event says of its run: model, tokens, cost and day (all but its keys). */
export type CostEventValues = Omit<NewCostEvent, 'id' | 'tenantId' | 'runId' | 'agentId'>;

const money = (col: Column) => sql<number>`coalesce(sum(${col}), 0)::float8`;
const count = (col: Column) => sql<number>`coalesce(sum(${col}), 0)::int`;

/** The runs are in their agents' rollups: budget spend stops reading them from the raw runs. */
function markCounted(db: Executor, runs: Pick<AgentRun, 'tenantId' | 'id'>[]): Promise<unknown> {
  return db
    .update(agentRun)
    .set({ countedAt: sql`now()` })
    .where(
      and(
        inArray(agentRun.tenantId, [...new Set(runs.map((r) => r.tenantId))]),
        inArray(
          agentRun.id,
          runs.map((r) => r.id),
        ),
      ),
    );
}

export class CostStore extends TenantStore {
  /** `where` for an agent's daily cost rollups from `from` to `to` (UTC days, inclusive). */
  /** The agent's cost on each day that has one, from `from` to `to`. */
  byDay(agentId: string, from: string, to: string) {
    return this.db
      .select({
        date: agentCostDaily.date,
        costUsd: agentCostDaily.totalCostUsd,
        promptCostUsd: agentCostDaily.promptCostUsd,
        completionCostUsd: agentCostDaily.completionCostUsd,
        runs: agentCostDaily.runs,
      })
      .from(agentCostDaily)
      .where(this.agentDays(agentCostDaily, agentId, from, to));
  }

  /** The agent's cost, tokens and runs by model from `from` to `to`, costliest first. */
  byModel(agentId: string, from: string, to: string) {
    return this.db
      .select({
        modelName: agentModelCostDaily.modelName,
        costUsd: money(agentModelCostDaily.costUsd),
        tokens: money(agentModelCostDaily.tokens),
        runs: count(agentModelCostDaily.runs),
      })
      .from(agentModelCostDaily)
      .where(this.agentDays(agentModelCostDaily, agentId, from, to))
      .groupBy(agentModelCostDaily.modelName)
      .orderBy(desc(sql`2`));
  }

  /** The agent's total cost (with its prompt and completion parts) and runs from `from` to `to`. */
  async totals(agentId: string, from: string, to: string) {
    const [row] = await this.db
      .select({
        costUsd: money(agentCostDaily.totalCostUsd),
        promptCostUsd: money(agentCostDaily.promptCostUsd),
        completionCostUsd: money(agentCostDaily.completionCostUsd),
        runs: count(agentCostDaily.runs),
      })
      .from(agentCostDaily)
      .where(this.agentDays(agentCostDaily, agentId, from, to));
    return row;
  }

  /** Overwrites the run's cost event with `values`; the row after. */
  async updateEvent(runId: string, values: CostEventValues): Promise<CostEvent> {
    const [row] = await this.db
      .update(costEvent)
      .set(values)
      .where(and(eq(costEvent.tenantId, this.tenantId), eq(costEvent.runId, runId)))
      .returning();
    return row;
  }

  /** The run is in its agent's rollups again. */
  markCounted(runId: string): Promise<unknown> {
    return markCounted(this.db, [{ tenantId: this.tenantId, id: runId }]);
  }
}

/**
 * Cost events of finished runs across every tenant (the system handle), global on purpose: the run-completed job
 * records a batch of runs of many tenants in one transaction. A run is addressed by its tenant and id.
 */
export class SystemCostStore {
  constructor(private readonly db: Executor) {}

  /** The runs of these ids among these tenants'. */
  runs(tenantIds: string[], runIds: string[]): Promise<AgentRun[]> {
    return this.db
      .select()
      .from(agentRun)
      .where(and(inArray(agentRun.tenantId, tenantIds), inArray(agentRun.id, runIds)));
  }

  /** Inserts the events of runs that have none (a run's event is inserted once); the events inserted now. */
  insertEvents(values: NewCostEvent[]): Promise<CostEvent[]> {
    return this.db.insert(costEvent).values(values).onConflictDoNothing({ target: costEvent.runId }).returning();
  }

  /** The events of these runs among these tenants'. */
  events(tenantIds: string[], runIds: string[]): Promise<CostEvent[]> {
    return this.db
      .select()
      .from(costEvent)
      .where(and(inArray(costEvent.tenantId, tenantIds), inArray(costEvent.runId, runIds)));
  }

  /** The runs (of any tenants) are in their agents' rollups. */
  markCounted(runs: Pick<AgentRun, 'tenantId' | 'id'>[]): Promise<unknown> {
    return markCounted(this.db, runs);
  }
}
