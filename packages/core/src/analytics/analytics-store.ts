// One agent's analytics as stored in the rollups, bound to one tenant: daily stats, tool and model metrics over a
// range of UTC days, and each version's running totals. Every statement names the tenant and the agent.
import {
  agentModelMetricDaily,
  agentStatsDaily,
  agentToolMetricDaily,
  agentVersion,
  agentVersionStats,
} from '@trellis/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { TenantStore } from '../tenant-store';

/** Weighted mean helper in SQL: sum(value × weight) / sum(weight). */
const weighted = (value: unknown, weight: unknown) =>
  sql<number | null>`sum(${value} * ${weight}) / nullif(sum(${weight}), 0)`;

export class AnalyticsStore extends TenantStore {
  /** The agent's daily stats from `from` to `to`, by day. */
  daily(agentId: string, from: string, to: string) {
    return this.db
      .select({
        date: agentStatsDaily.date,
        runs: agentStatsDaily.runs,
        successes: agentStatsDaily.successes,
        failures: agentStatsDaily.failures,
        successRate: agentStatsDaily.successRate,
        avgDurationMs: agentStatsDaily.avgDurationMs,
        p50DurationMs: agentStatsDaily.p50DurationMs,
        p95DurationMs: agentStatsDaily.p95DurationMs,
        avgQuality: agentStatsDaily.avgQuality,
        tokens: agentStatsDaily.tokens,
        costUsd: agentStatsDaily.costUsd,
      })
      .from(agentStatsDaily)
      .where(this.agentDays(agentStatsDaily, agentId, from, to))
      .orderBy(asc(agentStatsDaily.date));
  }

  /** Per tool over the range: calls, failures and mean duration, most called first. */
  tools(agentId: string, from: string, to: string) {
    return this.db
      .select({
        toolKey: agentToolMetricDaily.toolKey,
        calls: sql<number>`sum(${agentToolMetricDaily.calls})::int`,
        failures: sql<number>`sum(${agentToolMetricDaily.failures})::int`,
        avgDurationMs: weighted(agentToolMetricDaily.avgDurationMs, agentToolMetricDaily.calls),
      })
      .from(agentToolMetricDaily)
      .where(this.agentDays(agentToolMetricDaily, agentId, from, to))
      .groupBy(agentToolMetricDaily.toolKey)
      .orderBy(desc(sql`sum(${agentToolMetricDaily.calls})`));
  }

  /** Per model over the range: runs, successes, mean duration, tokens and cost, most used first. */
  models(agentId: string, from: string, to: string) {
    return this.db
      .select({
        modelProvider: agentModelMetricDaily.modelProvider,
        modelName: agentModelMetricDaily.modelName,
        runs: sql<number>`sum(${agentModelMetricDaily.runs})::int`,
        successes: sql<number>`sum(${agentModelMetricDaily.successes})::int`,
        avgDurationMs: weighted(agentModelMetricDaily.avgDurationMs, agentModelMetricDaily.runs),
        tokens: sql<number>`sum(${agentModelMetricDaily.tokens})::float8`,
        costUsd: sql<number>`sum(${agentModelMetricDaily.costUsd})::float8`,
      })
      .from(agentModelMetricDaily)
      .where(this.agentDays(agentModelMetricDaily, agentId, from, to))
      .groupBy(agentModelMetricDaily.modelProvider, agentModelMetricDaily.modelName)
      .orderBy(desc(sql`sum(${agentModelMetricDaily.runs})`));
  }

  /** Per version, newest first: its running totals over all of its runs (agent_version_stats). */
  versions(agentId: string, limit = 100) {
    return this.db
      .select({
        version: agentVersion.version,
        versionId: agentVersionStats.versionId,
        runs: agentVersionStats.runs,
        successes: agentVersionStats.successes,
        avgDurationMs: agentVersionStats.avgDurationMs,
        costUsd: agentVersionStats.costUsd,
      })
      .from(agentVersionStats)
      .innerJoin(
        agentVersion,
        and(eq(agentVersion.id, agentVersionStats.versionId), eq(agentVersion.tenantId, this.tenantId)),
      )
      .where(and(eq(agentVersionStats.tenantId, this.tenantId), eq(agentVersionStats.agentId, agentId)))
      .orderBy(desc(agentVersion.version))
      .limit(limit);
  }
}
