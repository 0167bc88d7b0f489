// Analytics rollups (SPEC §4 "Analytics Rollups"): daily per-agent KPIs keyed (agentId, date[, key]) for upserts,
// per-version totals, extracted feedback themes and generated insights.
import { doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { agentRef, agentVersion } from './agents';
import {
  counter,
  createdAt,
  id,
  ratio,
  tenantId,
  tenantOwned,
  timestamptz,
  tokenSum,
  updatedAt,
  usdTotal,
} from './columns';
import { alertSeverity } from './enums';
import type { JsonObject } from './json';
import { rollupKey, rollupOwned, rollupTimestamps } from './rollup-columns';

/** Daily KPIs of an agent (the overview page). Durations in ms; avgQuality is the mean scorer score, 0–1. */
export const agentStatsDaily = pgTable(
  'agent_stats_daily',
  {
    ...rollupKey(),
    runs: counter(),
    successes: counter(),
    failures: counter(),
    successRate: doublePrecision().notNull().default(0),
    avgDurationMs: ratio(),
    p50DurationMs: integer(),
    p95DurationMs: integer(),
    avgQuality: ratio(),
    costUsd: usdTotal(),
    tokens: tokenSum(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t),
);

/**
 * Any other daily performance metric, one row per (agentId, date, metric): a name/value table rather than fixed
 * columns, so a new metric (e.g. 'latency.p99_ms', 'tokens.per_run', 'tool_calls.per_run') needs no migration.
 * `samples` is the number of observations behind `value`.
 */
export const agentMetricDaily = pgTable(
  'agent_metric_daily',
  {
    ...rollupKey(),
    metric: text().notNull(),
    value: doublePrecision().notNull(),
    samples: counter(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t, [t.metric]),
);

export const agentToolMetricDaily = pgTable(
  'agent_tool_metric_daily',
  {
    ...rollupKey(),
    toolKey: text().notNull(),
    calls: counter(),
    failures: counter(),
    avgDurationMs: ratio(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t, [t.toolKey]),
);

export const agentModelMetricDaily = pgTable(
  'agent_model_metric_daily',
  {
    ...rollupKey(),
    modelProvider: text().notNull(),
    modelName: text().notNull(),
    runs: counter(),
    successes: counter(),
    avgDurationMs: ratio(),
    tokens: tokenSum(),
    costUsd: usdTotal(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t, [t.modelProvider, t.modelName], 'agent_model_metric_daily_agent_id_date_model_index'),
);

/** Mean score per scorer per day. */
export const agentQualityMetricDaily = pgTable(
  'agent_quality_metric_daily',
  {
    ...rollupKey(),
    scorerId: text().notNull(),
    avgScore: doublePrecision().notNull(),
    count: counter(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t, [t.scorerId]),
);

export const agentFeedbackAggregateDaily = pgTable(
  'agent_feedback_aggregate_daily',
  {
    ...rollupKey(),
    thumbsUp: counter(),
    thumbsDown: counter(),
    avgRating: ratio(),
    count: counter(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t),
);

/** Running totals per agent version (version comparison and rollback decisions); one row per version. */
export const agentVersionStats = pgTable(
  'agent_version_stats',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    versionId: text()
      .notNull()
      .references(() => agentVersion.id, { onDelete: 'cascade' }),
    runs: counter(),
    successes: counter(),
    avgDurationMs: ratio(),
    avgQuality: ratio(),
    costUsd: usdTotal(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.versionId), index().on(t.agentId), ...tenantOwned(t)],
);

/** A recurring theme extracted from an agent's feedback and evaluations; one row per (agent, theme). */
export const evaluationTheme = pgTable(
  'evaluation_theme',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    theme: text().notNull(),
    count: counter(),
    /** A few representative comments or run excerpts. */
    examples: jsonb().$type<string[]>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.agentId, t.theme), ...tenantOwned(t)],
);

/** A generated observation about an agent (regression, anomaly, opportunity); hidden once dismissed. */
export const insight = pgTable(
  'insight',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    severity: alertSeverity().notNull().default('INFO'),
    metadata: jsonb().$type<JsonObject>(),
    dismissedAt: timestamptz(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.agentId, t.createdAt), ...tenantOwned(t)],
);

export const agentStatsDailySelectSchema = createSelectSchema(agentStatsDaily);
export const agentStatsDailyInsertSchema = createInsertSchema(agentStatsDaily);
export type AgentStatsDaily = typeof agentStatsDaily.$inferSelect;
export type NewAgentStatsDaily = typeof agentStatsDaily.$inferInsert;

export const agentMetricDailySelectSchema = createSelectSchema(agentMetricDaily);
export const agentMetricDailyInsertSchema = createInsertSchema(agentMetricDaily);
export type AgentMetricDaily = typeof agentMetricDaily.$inferSelect;
export type NewAgentMetricDaily = typeof agentMetricDaily.$inferInsert;

export const agentToolMetricDailySelectSchema = createSelectSchema(agentToolMetricDaily);
export const agentToolMetricDailyInsertSchema = createInsertSchema(agentToolMetricDaily);
export type AgentToolMetricDaily = typeof agentToolMetricDaily.$inferSelect;
export type NewAgentToolMetricDaily = typeof agentToolMetricDaily.$inferInsert;

export const agentModelMetricDailySelectSchema = createSelectSchema(agentModelMetricDaily);
export const agentModelMetricDailyInsertSchema = createInsertSchema(agentModelMetricDaily);
export type AgentModelMetricDaily = typeof agentModelMetricDaily.$inferSelect;
export type NewAgentModelMetricDaily = typeof agentModelMetricDaily.$inferInsert;

export const agentQualityMetricDailySelectSchema = createSelectSchema(agentQualityMetricDaily);
export const agentQualityMetricDailyInsertSchema = createInsertSchema(agentQualityMetricDaily);
export type AgentQualityMetricDaily = typeof agentQualityMetricDaily.$inferSelect;
export type NewAgentQualityMetricDaily = typeof agentQualityMetricDaily.$inferInsert;

export const agentFeedbackAggregateDailySelectSchema = createSelectSchema(agentFeedbackAggregateDaily);
export const agentFeedbackAggregateDailyInsertSchema = createInsertSchema(agentFeedbackAggregateDaily);
export type AgentFeedbackAggregateDaily = typeof agentFeedbackAggregateDaily.$inferSelect;
export type NewAgentFeedbackAggregateDaily = typeof agentFeedbackAggregateDaily.$inferInsert;

export const agentVersionStatsSelectSchema = createSelectSchema(agentVersionStats);
export const agentVersionStatsInsertSchema = createInsertSchema(agentVersionStats);
export type AgentVersionStats = typeof agentVersionStats.$inferSelect;
export type NewAgentVersionStats = typeof agentVersionStats.$inferInsert;

export const evaluationThemeSelectSchema = createSelectSchema(evaluationTheme);
export const evaluationThemeInsertSchema = createInsertSchema(evaluationTheme);
export type EvaluationTheme = typeof evaluationTheme.$inferSelect;
export type NewEvaluationTheme = typeof evaluationTheme.$inferInsert;

export const insightSelectSchema = createSelectSchema(insight);
export const insightInsertSchema = createInsertSchema(insight);
export type Insight = typeof insight.$inferSelect;
export type NewInsight = typeof insight.$inferInsert;
