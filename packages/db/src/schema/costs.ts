// Cost & budget (SPEC §4, §10): budget policies and pre-run reservations, one cost event per run, daily cost
// rollups, savings recommendations and per-tenant model price overrides.
import { boolean, index, integer, jsonb, pgTable, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { agentRef, optionalAgentRef } from './agents';
import {
  agentEventOwned,
  counter,
  createdAt,
  id,
  tenantId,
  tenantIsolation,
  tenantOwned,
  timestamptz,
  tokenSum,
  updatedAt,
  usd,
  usdTotal,
} from './columns';
import type { JsonObject } from './json';
import { rollupKey, rollupOwned, rollupTimestamps } from './rollup-columns';
import { agentRun } from './runs';

/**
 * A monthly budget. `agentId` null is the organization-wide policy; at most one policy per (tenant, agent), the
 * null agent included (NULLS NOT DISTINCT), so policies can be upserted on (tenantId, agentId).
 */
export const budgetPolicy = pgTable(
  'budget_policy',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: optionalAgentRef('cascade'),
    enabled: boolean().notNull().default(true),
    monthlyLimitUsd: usd().notNull(),
    /** Percentage of the limit at which a WARNING alert is raised. */
    alertAtPct: integer().notNull().default(80),
    /** When true, runs that would exceed the limit are refused. */
    hardLimit: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('budget_policy_tenant_id_agent_id_unique').on(t.tenantId, t.agentId).nullsNotDistinct(),
    index().on(t.agentId),
    ...tenantOwned(t),
  ],
);

export const budgetScopeValues = ['agent', 'tenant'] as const;
export type BudgetScope = (typeof budgetScopeValues)[number];
export const budgetReservationStatusValues = ['reserved', 'settled', 'released'] as const;
export type BudgetReservationStatus = (typeof budgetReservationStatusValues)[number];

/**
 * An amount held against a budget before a run starts, so concurrent runs cannot overspend it; settled with the
 * run's cost event or released when the run fails. One per run and scope.
 */
export const budgetReservation = pgTable(
  'budget_reservation',
  {
    id: id(),
    tenantId: tenantId(),
    runId: text()
      .notNull()
      .references(() => agentRun.id, { onDelete: 'cascade' }),
    agentId: optionalAgentRef(),
    scope: text({ enum: budgetScopeValues }).notNull(),
    /** Budget month, 'YYYY-MM' (UTC). */
    period: text().notNull(),
    amountUsd: usdTotal(),
    status: text({ enum: budgetReservationStatusValues }).notNull().default('reserved'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantIsolation(),
    uniqueIndex().on(t.runId, t.scope),
    index().on(t.tenantId, t.period, t.status),
    index().on(t.agentId, t.period, t.status),
    index().on(t.createdAt),
  ],
);

/** The token usage and cost of one run; unique per run so a retried job never counts a cost twice. */
export const costEvent = pgTable(
  'cost_event',
  {
    id: id(),
    tenantId: tenantId(),
    runId: text()
      .notNull()
      .references(() => agentRun.id, { onDelete: 'cascade' }),
    agentId: optionalAgentRef(),
    provider: text().notNull(),
    modelName: text().notNull(),
    promptTokens: counter(),
    completionTokens: counter(),
    cachedTokens: counter(),
    reasoningTokens: counter(),
    totalTokens: counter(),
    promptCostUsd: usdTotal(),
    completionCostUsd: usdTotal(),
    costUsd: usdTotal(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.runId), ...agentEventOwned(t)],
);

export const agentCostDaily = pgTable(
  'agent_cost_daily',
  {
    ...rollupKey(),
    totalCostUsd: usdTotal(),
    promptCostUsd: usdTotal(),
    completionCostUsd: usdTotal(),
    runs: counter(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t),
);

export const agentModelCostDaily = pgTable(
  'agent_model_cost_daily',
  {
    ...rollupKey(),
    modelName: text().notNull(),
    costUsd: usdTotal(),
    tokens: tokenSum(),
    runs: counter(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t, [t.modelName]),
);

/** A savings tip for an agent (e.g. a cheaper model with similar quality); hidden once dismissed. */
export const costRecommendation = pgTable(
  'cost_recommendation',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    type: text().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    estimatedSavingsUsd: usd(),
    metadata: jsonb().$type<JsonObject>(),
    dismissedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.agentId, t.createdAt), ...tenantOwned(t)],
);

/** A tenant's own price for a model, overriding the catalog; USD per million tokens. */
export const modelPriceOverride = pgTable(
  'model_price_override',
  {
    id: id(),
    tenantId: tenantId(),
    provider: text().notNull(),
    modelName: text().notNull(),
    inputPerMTokUsd: usd().notNull(),
    outputPerMTokUsd: usd().notNull(),
    cachedInputPerMTokUsd: usd(),
    reasoningPerMTokUsd: usd(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantIsolation(), uniqueIndex().on(t.tenantId, t.provider, t.modelName), index().on(t.createdAt)],
);

export const budgetPolicySelectSchema = createSelectSchema(budgetPolicy);
export const budgetPolicyInsertSchema = createInsertSchema(budgetPolicy, {
  monthlyLimitUsd: (s) => s.nonnegative(),
  alertAtPct: (s) => s.min(1).max(100),
});
export type BudgetPolicy = typeof budgetPolicy.$inferSelect;
export type NewBudgetPolicy = typeof budgetPolicy.$inferInsert;

export const budgetReservationSelectSchema = createSelectSchema(budgetReservation);
export const budgetReservationInsertSchema = createInsertSchema(budgetReservation);
export type BudgetReservation = typeof budgetReservation.$inferSelect;
export type NewBudgetReservation = typeof budgetReservation.$inferInsert;

export const costEventSelectSchema = createSelectSchema(costEvent);
export const costEventInsertSchema = createInsertSchema(costEvent);
export type CostEvent = typeof costEvent.$inferSelect;
export type NewCostEvent = typeof costEvent.$inferInsert;

export const agentCostDailySelectSchema = createSelectSchema(agentCostDaily);
export const agentCostDailyInsertSchema = createInsertSchema(agentCostDaily);
export type AgentCostDaily = typeof agentCostDaily.$inferSelect;
export type NewAgentCostDaily = typeof agentCostDaily.$inferInsert;

export const agentModelCostDailySelectSchema = createSelectSchema(agentModelCostDaily);
export const agentModelCostDailyInsertSchema = createInsertSchema(agentModelCostDaily);
export type AgentModelCostDaily = typeof agentModelCostDaily.$inferSelect;
export type NewAgentModelCostDaily = typeof agentModelCostDaily.$inferInsert;

export const costRecommendationSelectSchema = createSelectSchema(costRecommendation);
export const costRecommendationInsertSchema = createInsertSchema(costRecommendation);
export type CostRecommendation = typeof costRecommendation.$inferSelect;
export type NewCostRecommendation = typeof costRecommendation.$inferInsert;

export const modelPriceOverrideSelectSchema = createSelectSchema(modelPriceOverride);
export const modelPriceOverrideInsertSchema = createInsertSchema(modelPriceOverride, {
  inputPerMTokUsd: (s) => s.nonnegative(),
  outputPerMTokUsd: (s) => s.nonnegative(),
});
export type ModelPriceOverride = typeof modelPriceOverride.$inferSelect;
export type NewModelPriceOverride = typeof modelPriceOverride.$inferInsert;
