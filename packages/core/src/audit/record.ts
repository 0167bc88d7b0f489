// Writes the audit row of one write, inside that write's transaction: who (the context's actor) did what to which
// entity, with before/after snapshots redacted of secrets.
import { auditLog } from '@trellis/db';
import type { Executor, ServiceContext } from '../context';
import { redactSecrets } from '../observability/redact';
import type { AuditAction, AuditEntityType } from './schemas';

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
