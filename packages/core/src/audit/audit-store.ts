// The audit log's data access, bound to the tenant of the context it is given: writes the audit row of one write,
// inside that write's transaction — who (the context's actor) did what to which entity, with before/after snapshots
// redacted of secrets — and reads a tenant's rows, newest first.
import { type AuditLog, auditLog } from '@trellis/db';
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Executor, ServiceContext } from '../context';
import { redactSecrets } from '../observability/redact';
import { afterCursor } from '../pagination';
import type { AuditAction, AuditEntityType, AuditListQuery } from './schemas';

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | null;
  /** The entity before the write (absent for a create). */
  before?: unknown;
  /** The entity after the write (absent for a delete). */
  after?: unknown;
  /** Anything else worth keeping (version numbers, changed fields, …). */
  metadata?: Record<string, unknown>;
}

/** The tenant and actor of a service context — all an audit row needs (auth hooks build one without a runtime). */
export type AuditContext = Pick<ServiceContext, 'tenantId' | 'actor'>;

/**
 * Inserts one audit_log row through `tx` — pass the write's transaction so that the row commits or rolls back with
 * it. `actorId` is the user or API key id, null for the system (whose name is kept as `metadata.systemActor`).
 */
export async function recordAudit(tx: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const { actor } = ctx;
  await tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorId: actor.type === 'system' ? null : actor.id,
    actorType: actor.type,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    metadata: redactSecrets({
      ...entry.metadata,
      ...(actor.type === 'system' ? { systemActor: actor.id } : {}),
      before: entry.before,
      after: entry.after,
    }),
  });
}

/** The tenant's rows matching `query`, newest first, at most `limit`. */
export function auditRows(db: Executor, tenantId: string, query: AuditListQuery, limit: number): Promise<AuditLog[]> {
  const filters: (SQL | undefined)[] = [eq(auditLog.tenantId, tenantId)];
  if (query.entityType) filters.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.actorId) filters.push(eq(auditLog.actorId, query.actorId));
  if (query.actorType) filters.push(eq(auditLog.actorType, query.actorType));
  if (query.from) filters.push(gte(auditLog.createdAt, query.from));
  if (query.to) filters.push(lte(auditLog.createdAt, query.to));
  if (query.cursor) filters.push(afterCursor(auditLog, query.cursor));
  return db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
