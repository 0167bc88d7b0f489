// The incremental path: adds one newly counted run to its agent's daily rollups (costs, stats, model and tool
// metrics) and its version's totals with `value + excluded.value` upserts, inside the transaction that inserted the run's cost event, so a
// run is added exactly when it is counted. The day's ratios and percentiles follow in a debounced refresh.
import {
  type AgentRun,
  agentCostDaily,
  agentModelCostDaily,
  agentModelMetricDaily,
  agentStatsDaily,
  agentToolCall,
  agentToolMetricDaily,
  type CostEvent,
  type Db,
} from '@trellis/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../context';
import { lockRollupsShared, refreshColumns } from './recompute';
import { addRunToVersionStats } from './version-stats';

/** `col + excluded.col` for an ON CONFLICT DO UPDATE. */
const plus = (col: PgColumn): SQL => sql`${col} + ${sql.raw(`excluded.${toSnakeCase(col.name)}`)}`;

/** The UTC day ('YYYY-MM-DD') the rollups file a run under. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export async function applyRunToRollups(tx: Tx, run: AgentRun & { agentId: string }, event: CostEvent) {
  await lockRollupsShared(tx);
  const key = { tenantId: run.tenantId, agentId: run.agentId, date: dayOf(run.createdAt) };
  const success = run.status === 'COMPLETED' ? 1 : 0;
  const updatedAt = sql`now()`;

  // Stats first: its row lock serialises concurrent handlers of the same agent and day.
  await tx
    .insert(agentStatsDaily)
    .values({
      ...key,
      runs: 1,
      successes: success,
      failures: run.status === 'FAILED' ? 1 : 0,
      costUsd: event.costUsd,
      tokens: event.totalTokens,
    })
    .onConflictDoUpdate({
      target: [agentStatsDaily.agentId, agentStatsDaily.date],
      set: {
        runs: plus(agentStatsDaily.runs),
        successes: plus(agentStatsDaily.successes),
        failures: plus(agentStatsDaily.failures),
        costUsd: plus(agentStatsDaily.costUsd),
        tokens: plus(agentStatsDaily.tokens),
        updatedAt,
      },
    });
  await tx
    .insert(agentCostDaily)
    .values({
      ...key,
      totalCostUsd: event.costUsd,
      promptCostUsd: event.promptCostUsd,
      completionCostUsd: event.completionCostUsd,
      runs: 1,
    })
    .onConflictDoUpdate({
      target: [agentCostDaily.agentId, agentCostDaily.date],
      set: {
        totalCostUsd: plus(agentCostDaily.totalCostUsd),
        promptCostUsd: plus(agentCostDaily.promptCostUsd),
        completionCostUsd: plus(agentCostDaily.completionCostUsd),
        runs: plus(agentCostDaily.runs),
        updatedAt,
      },
    });
  await tx
    .insert(agentModelCostDaily)
    .values({ ...key, modelName: event.modelName, costUsd: event.costUsd, tokens: event.totalTokens, runs: 1 })
    .onConflictDoUpdate({
      target: [agentModelCostDaily.agentId, agentModelCostDaily.date, agentModelCostDaily.modelName],
      set: {
        costUsd: plus(agentModelCostDaily.costUsd),
        tokens: plus(agentModelCostDaily.tokens),
        runs: plus(agentModelCostDaily.runs),
        updatedAt,
      },
    });
  await tx
    .insert(agentModelMetricDaily)
    .values({
      ...key,
      modelProvider: event.provider,
      modelName: event.modelName,
      runs: 1,
      successes: success,
      tokens: event.totalTokens,
      costUsd: event.costUsd,
    })
    .onConflictDoUpdate({
      target: [
        agentModelMetricDaily.agentId,
        agentModelMetricDaily.date,
        agentModelMetricDaily.modelProvider,
        agentModelMetricDaily.modelName,
      ],
      set: {
        runs: plus(agentModelMetricDaily.runs),
        successes: plus(agentModelMetricDaily.successes),
        tokens: plus(agentModelMetricDaily.tokens),
        costUsd: plus(agentModelMetricDaily.costUsd),
        updatedAt,
      },
    });
  await applyToolCalls(tx, run, key);
  await addRunToVersionStats(tx, run, event);
}

/**
 * Sets one agent-day's derived columns (success rate, average and percentile durations) from the raw rows. A scan
 * of the whole day, so the rollup-refresh job runs it debounced — at most once per few seconds per agent and day —
 * rather than once per run (which would make a busy day's runs cost O(runs) each).
 */
export async function refreshDerivedColumns(db: Db, scope: { agentId: string; date: string }) {
  await db.transaction(async (tx) => {
    await lockRollupsShared(tx);
    const day = { from: scope.date, to: scope.date, agentId: scope.agentId };
    await refreshColumns(
      tx,
      'agent_stats_daily',
      ['success_rate', 'avg_duration_ms', 'p50_duration_ms', 'p95_duration_ms'],
      day,
    );
    await refreshColumns(tx, 'agent_model_metric_daily', ['avg_duration_ms'], day);
    await refreshColumns(tx, 'agent_tool_metric_daily', ['avg_duration_ms'], day);
  });
}

/** Adds the run's tool calls, one row per tool (sorted, so concurrent handlers lock rows in the same order). */
async function applyToolCalls(tx: Tx, run: AgentRun, key: { tenantId: string; agentId: string; date: string }) {
  const calls = await tx
    .select({ toolKey: agentToolCall.toolKey, success: agentToolCall.success })
    .from(agentToolCall)
    .where(and(eq(agentToolCall.tenantId, run.tenantId), eq(agentToolCall.runId, run.id)));
  if (!calls.length) return;
  const byTool = Map.groupBy(calls, (c) => c.toolKey);
  const rows = [...byTool.keys()].sort().map((toolKey) => {
    const list = byTool.get(toolKey) ?? [];
    return { ...key, toolKey, calls: list.length, failures: list.filter((c) => !c.success).length };
  });
  await tx
    .insert(agentToolMetricDaily)
    .values(rows)
    .onConflictDoUpdate({
      target: [agentToolMetricDaily.agentId, agentToolMetricDaily.date, agentToolMetricDaily.toolKey],
      set: {
        calls: plus(agentToolMetricDaily.calls),
        failures: plus(agentToolMetricDaily.failures),
        updatedAt: sql`now()`,
      },
    });
}
