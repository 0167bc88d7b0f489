// The incremental path: adds newly counted runs to their agents' daily rollups (costs, stats, model and tool
// metrics) and their versions' totals with `value + excluded.value` upserts — one statement per table for a whole
// batch — inside the transaction that inserted the runs' cost events, so a run is added exactly when it is counted.
// The day's ratios and percentiles follow in a debounced refresh. A system path: a batch spans organizations, so it
// runs in the system handle's transaction.
import {
  agentCostDaily,
  agentModelCostDaily,
  agentModelMetricDaily,
  agentStatsDaily,
  agentToolCall,
  agentToolMetricDaily,
  type Db,
} from '@trellis/db';
import { and, inArray, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../context';
import { type CountedRun, sumByKey } from './counted';
import { lockRollupsShared, refreshColumns } from './recompute';
import { addRunsToVersionStats } from './version-stats';

/** `col + excluded.col` for an ON CONFLICT DO UPDATE. */
const plus = (col: PgColumn): SQL => sql`${col} + ${sql.raw(`excluded.${toSnakeCase(col.name)}`)}`;

/** The UTC day ('YYYY-MM-DD') the rollups file a run under. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Adds newly counted runs to their agents' daily rollups and their versions' totals: one multi-row upsert per table
 * for the whole batch.
 */
export async function applyRunsToRollups(tx: Tx, counted: CountedRun[]) {
  if (!counted.length) return;
  await lockRollupsShared(tx);
  const updatedAt = sql`now()`;
  const facts = counted.map(({ run, event }) => ({
    tenantId: run.tenantId,
    agentId: run.agentId,
    date: dayOf(run.createdAt),
    success: run.status === 'COMPLETED' ? 1 : 0,
    failure: run.status === 'FAILED' ? 1 : 0,
    event,
  }));
  const day = (f: { agentId: string; date: string }) => `${f.agentId}|${f.date}`;

  // Stats first: its row locks serialise concurrent handlers of the same agents and days.
  const stats = sumByKey(
    facts.map((f) => ({
      tenantId: f.tenantId,
      agentId: f.agentId,
      date: f.date,
      runs: 1,
      successes: f.success,
      failures: f.failure,
      costUsd: f.event.costUsd,
      tokens: f.event.totalTokens,
    })),
    day,
    ['runs', 'successes', 'failures', 'costUsd', 'tokens'],
  );
  await tx
    .insert(agentStatsDaily)
    .values(stats)
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
  const costs = sumByKey(
    facts.map((f) => ({
      tenantId: f.tenantId,
      agentId: f.agentId,
      date: f.date,
      totalCostUsd: f.event.costUsd,
      promptCostUsd: f.event.promptCostUsd,
      completionCostUsd: f.event.completionCostUsd,
      runs: 1,
    })),
    day,
    ['totalCostUsd', 'promptCostUsd', 'completionCostUsd', 'runs'],
  );
  await tx
    .insert(agentCostDaily)
    .values(costs)
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
  const modelCosts = sumByKey(
    facts.map((f) => ({
      tenantId: f.tenantId,
      agentId: f.agentId,
      date: f.date,
      modelName: f.event.modelName,
      costUsd: f.event.costUsd,
      tokens: f.event.totalTokens,
      runs: 1,
    })),
    (r) => `${day(r)}|${r.modelName}`,
    ['costUsd', 'tokens', 'runs'],
  );
  await tx
    .insert(agentModelCostDaily)
    .values(modelCosts)
    .onConflictDoUpdate({
      target: [agentModelCostDaily.agentId, agentModelCostDaily.date, agentModelCostDaily.modelName],
      set: {
        costUsd: plus(agentModelCostDaily.costUsd),
        tokens: plus(agentModelCostDaily.tokens),
        runs: plus(agentModelCostDaily.runs),
        updatedAt,
      },
    });
  const modelMetrics = sumByKey(
    facts.map((f) => ({
      tenantId: f.tenantId,
      agentId: f.agentId,
      date: f.date,
      modelProvider: f.event.provider,
      modelName: f.event.modelName,
      runs: 1,
      successes: f.success,
      tokens: f.event.totalTokens,
      costUsd: f.event.costUsd,
    })),
    (r) => `${day(r)}|${r.modelProvider}|${r.modelName}`,
    ['runs', 'successes', 'tokens', 'costUsd'],
  );
  await tx
    .insert(agentModelMetricDaily)
    .values(modelMetrics)
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
  await applyToolCalls(tx, counted);
  await addRunsToVersionStats(tx, counted);
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

/** Adds the runs' tool calls, one row per agent, day and tool. */
async function applyToolCalls(tx: Tx, counted: CountedRun[]) {
  const runs = new Map(counted.map(({ run }) => [run.id, run]));
  const calls = await tx
    .select({
      tenantId: agentToolCall.tenantId,
      runId: agentToolCall.runId,
      toolKey: agentToolCall.toolKey,
      success: agentToolCall.success,
    })
    .from(agentToolCall)
    .where(
      and(
        inArray(agentToolCall.tenantId, [...new Set(counted.map(({ run }) => run.tenantId))]),
        inArray(agentToolCall.runId, [...runs.keys()]),
      ),
    );
  const rows = calls.flatMap((c) => {
    const run = runs.get(c.runId);
    if (!run || run.tenantId !== c.tenantId) return [];
    const key = { tenantId: run.tenantId, agentId: run.agentId, date: dayOf(run.createdAt) };
    return [{ ...key, toolKey: c.toolKey, calls: 1, failures: c.success ? 0 : 1 }];
  });
  if (!rows.length) return;
  await tx
    .insert(agentToolMetricDaily)
    .values(sumByKey(rows, (r) => `${r.agentId}|${r.date}|${r.toolKey}`, ['calls', 'failures']))
    .onConflictDoUpdate({
      target: [agentToolMetricDaily.agentId, agentToolMetricDaily.date, agentToolMetricDaily.toolKey],
      set: {
        calls: plus(agentToolMetricDaily.calls),
        failures: plus(agentToolMetricDaily.failures),
        updatedAt: sql`now()`,
      },
    });
}
