// Guardrails (SPEC §4): versioned per-agent safety policies and the events they trigger.
import { index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { optionalAgentRef } from './agents';
import { agentEventOwned, createdAt, id, tenantId, tenantOwned } from './columns';
import { guardrailEventType } from './enums';
import type { JsonObject } from './json';
import { agentRun } from './runs';

/**
 * One version of a guardrail configuration: an agent's, or (agentId null) the organization's, which every agent
 * inherits and may only tighten. The highest version of each is in force.
 */
export const guardrailPolicy = pgTable(
  'guardrail_policy',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: optionalAgentRef('cascade'),
    configJson: jsonb().$type<JsonObject>().notNull(),
    version: integer().notNull().default(1),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('guardrail_policy_tenant_agent_version_unique').on(t.tenantId, t.agentId, t.version).nullsNotDistinct(),
    index().on(t.agentId),
    ...tenantOwned(t),
  ],
);

/** A guardrail that blocked, modified or flagged a run's input or output. */
export const guardrailEvent = pgTable(
  'guardrail_event',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: optionalAgentRef(),
    runId: text().references(() => agentRun.id, { onDelete: 'set null' }),
    type: guardrailEventType().notNull(),
    guardrailKey: text().notNull(),
    reason: text(),
    inputSnippet: text(),
    outputSnippet: text(),
    /** The scan that really ran: tier, detectors, the policy versions in force, what matched (kinds, counts). */
    scanJson: jsonb().$type<JsonObject>(),
    createdAt: createdAt(),
  },
  (t) => [...agentEventOwned(t), index().on(t.runId)],
);

export const guardrailPolicySelectSchema = createSelectSchema(guardrailPolicy);
export const guardrailPolicyInsertSchema = createInsertSchema(guardrailPolicy);
export type GuardrailPolicy = typeof guardrailPolicy.$inferSelect;
export type NewGuardrailPolicy = typeof guardrailPolicy.$inferInsert;

export const guardrailEventSelectSchema = createSelectSchema(guardrailEvent);
export const guardrailEventInsertSchema = createInsertSchema(guardrailEvent);
export type GuardrailEvent = typeof guardrailEvent.$inferSelect;
export type NewGuardrailEvent = typeof guardrailEvent.$inferInsert;
