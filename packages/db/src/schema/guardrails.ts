// Guardrails (SPEC §4): versioned per-agent safety policies and the events they trigger.
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { agentRef, optionalAgentRef } from './agents';
import { agentEventOwned, createdAt, id, tenantId, tenantOwned } from './columns';
import { guardrailEventType } from './enums';
import type { JsonObject } from './json';
import { agentRun } from './runs';

/** One version of an agent's guardrail configuration; the highest version is in force. */
export const guardrailPolicy = pgTable(
  'guardrail_policy',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    configJson: jsonb().$type<JsonObject>().notNull(),
    version: integer().notNull().default(1),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.agentId, t.version), ...tenantOwned(t)],
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
