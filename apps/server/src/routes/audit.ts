// /api/audit-logs: the organization's audit log — every write with its actor and before/after — filtered and
// cursor-paginated, newest first; /api/agents/{id}/audit-logs: the same for one agent.
import { createRoute, z } from '@hono/zod-openapi';
import { agentAuditListQuerySchema, auditListQuerySchema, listAgentAuditLogs, listAuditLogs } from '@trellis/core';
import { auditLogSelectSchema } from '@trellis/db';
import { AgentIdParam, commonErrors, component, createRouter, jsonResponse, security } from '../http/openapi';

const AuditLogSchema = component(auditLogSelectSchema, 'AuditLog');
const PageSchema = z.object({ auditLogs: z.array(AuditLogSchema), nextCursor: z.string().nullable() });
const tags = ['Audit'];

export const auditRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/audit-logs',
      tags,
      security,
      summary: 'List audit log entries, newest first, with filters and cursor pagination',
      description:
        'One entry per write (agents, versions, rollbacks, organization, members, invitations, API keys): the actor (`user`, `apiKey` or `system`), the action, the entity and `metadata.before` / `metadata.after` snapshots with secrets redacted. `from` and `to` are inclusive.',
      request: { query: auditListQuerySchema },
      responses: {
        200: jsonResponse(PageSchema, 'A page of audit log entries'),
        400: commonErrors[400],
        401: commonErrors[401],
      },
    }),
    async (c) => c.json(await listAuditLogs(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/audit-logs',
      tags,
      security,
      summary: "List one agent's audit log entries, newest first",
      request: { params: AgentIdParam, query: agentAuditListQuerySchema },
      responses: { 200: jsonResponse(PageSchema, 'A page of audit log entries'), ...commonErrors },
    }),
    async (c) => c.json(await listAgentAuditLogs(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  );
