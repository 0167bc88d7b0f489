// Reading the audit log: a tenant's rows, newest first, filtered and cursor-paginated; and one agent's rows.
import { auditLog } from '@trellis/db';
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { agentIdOf } from '../agents/service';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { afterCursor, pageOf } from '../pagination';
import type { AuditListQuery } from './schemas';

/** Newest first; `nextCursor` is set while more rows match. Only the context's tenant is ever read. */
export async function listAuditLogs(ctx: ServiceContext, query: AuditListQuery = {}) {
  const limit = query.limit ?? 50;
  if (query.from && query.to && query.from > query.to)
    throw invalidInput('from must not be later than to', { field: 'from' });
  const filters: (SQL | undefined)[] = [eq(auditLog.tenantId, ctx.tenantId)];
  if (query.entityType) filters.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) filters.push(eq(auditLog.entityId, query.entityId));
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.actorId) filters.push(eq(auditLog.actorId, query.actorId));
  if (query.actorType) filters.push(eq(auditLog.actorType, query.actorType));
  if (query.from) filters.push(gte(auditLog.createdAt, query.from));
  if (query.to) filters.push(lte(auditLog.createdAt, query.to));
  if (query.cursor) filters.push(afterCursor(auditLog, query.cursor));
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const { page, nextCursor } = pageOf(rows, limit);
  return { auditLogs: page, nextCursor };
}

/** The audit rows of the agent addressed by id or slug (its entity id is the agent's id); 404 when there is none. */
export async function listAgentAuditLogs(
  ctx: ServiceContext,
  idOrSlug: string,
  query: Omit<AuditListQuery, 'entityType' | 'entityId'> = {},
) {
  return listAuditLogs(ctx, { ...query, entityType: 'agent', entityId: await agentIdOf(ctx, idOrSlug) });
}
