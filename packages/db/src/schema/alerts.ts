// Alerts & audit (SPEC §4): alerts raised by costs, guardrails, evaluations and the system; where alerts are sent;
// and the audit log of every write.
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { optionalAgentRef } from './agents';
import { user } from './auth';
import { agentEventOwned, createdAt, id, tenantId, tenantOwned, timestamptz, updatedAt } from './columns';
import { alertSeverity, alertSource } from './enums';
import type { AuditMetadata, JsonObject } from './json';

/**
 * An alert. `agentId` null is a tenant-wide alert (e.g. the organization budget). `dedupeKey` (e.g.
 * `budget:<policyId>:2026-11:80`) is unique per tenant so a threshold alerts once per period; null never dedupes.
 */
export const agentAlert = pgTable(
  'agent_alert',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: optionalAgentRef('cascade'),
    severity: alertSeverity().notNull(),
    source: alertSource().notNull(),
    message: text().notNull(),
    dedupeKey: text(),
    metadata: jsonb().$type<JsonObject>(),
    resolvedAt: timestamptz(),
    resolvedBy: text().references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.dedupeKey), index().on(t.resolvedBy), ...agentEventOwned(t)],
);

export const auditActorTypeValues = ['user', 'apiKey', 'system'] as const;
export type AuditActorType = (typeof auditActorTypeValues)[number];

/** One write operation: who (`actorId` is a user or API key id, null for the system) did what to which entity. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    tenantId: tenantId(),
    actorId: text(),
    actorType: text({ enum: auditActorTypeValues }).notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    metadata: jsonb().$type<AuditMetadata>(),
    createdAt: createdAt(),
  },
  (t) => [...tenantOwned(t), index().on(t.tenantId, t.entityType, t.entityId), index().on(t.actorId)],
);

export const alertDestinationKindValues = ['webhook', 'slack'] as const;
export type AlertDestinationKind = (typeof alertDestinationKindValues)[number];

/** Where a tenant's alerts are delivered. The signing secret or bot token is stored encrypted only. */
export const alertDestination = pgTable(
  'alert_destination',
  {
    id: id(),
    tenantId: tenantId(),
    kind: text({ enum: alertDestinationKindValues }).notNull(),
    url: text().notNull(),
    secretEncrypted: text(),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => tenantOwned(t),
);

export const agentAlertSelectSchema = createSelectSchema(agentAlert);
export const agentAlertInsertSchema = createInsertSchema(agentAlert);
export type AgentAlert = typeof agentAlert.$inferSelect;
export type NewAgentAlert = typeof agentAlert.$inferInsert;

export const auditLogSelectSchema = createSelectSchema(auditLog);
export const auditLogInsertSchema = createInsertSchema(auditLog);
export type AuditLog = typeof auditLog.$inferSelect;
export type NewAuditLog = typeof auditLog.$inferInsert;

export const alertDestinationSelectSchema = createSelectSchema(alertDestination);
export const alertDestinationInsertSchema = createInsertSchema(alertDestination, { url: (s) => s.url() });
export type AlertDestination = typeof alertDestination.$inferSelect;
export type NewAlertDestination = typeof alertDestination.$inferInsert;
