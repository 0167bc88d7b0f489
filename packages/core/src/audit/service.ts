// Reading the audit log: a tenant's rows, newest first, filtered and cursor-paginated; and one agent's rows.
import { agentIdOf } from '../agents/service';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { pageOf } from '../pagination';
import { auditRows } from './audit-store';
import type { AuditListQuery } from './schemas';

/** Newest first; `nextCursor` is set while more rows match. Only the context's tenant is ever read. */
export async function listAuditLogs(ctx: ServiceContext, query: AuditListQuery = {}) {
  const limit = query.limit ?? 50;
  if (query.from && query.to && query.from > query.to)
    throw invalidInput('from must not be later than to', { field: 'from' });
  const rows = await auditRows(ctx.db, ctx.tenantId, query, limit + 1);
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
