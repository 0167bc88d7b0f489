// /api/agents: agent CRUD by id or slug, resolve, the tool and scorer catalogs, versions and rollback.
import { createRoute, z } from '@hono/zod-openapi';
import {
  AgentResolver,
  agentActivity,
  agentCreateSchema,
  agentListQuerySchema,
  agentUpdateSchema,
  createAgent,
  createVersionSnapshot,
  deleteAgent,
  getAgent,
  listAgents,
  listVersions,
  rollbackAgent,
  scorerCatalog,
  scorerInfoSchema,
  toolCatalogEntrySchema,
  updateAgent,
  versionCreateSchema,
} from '@trellis/core';
import { agentSelectSchema, agentVersionSelectSchema, requestContextSchema } from '@trellis/db';
import { AgentIdParam, commonErrors, component, createRouter, jsonBody, jsonResponse, security } from '../http/openapi';

const AgentSchema = component(agentSelectSchema.extend({ tools: z.array(z.string()) }), 'Agent');
const VersionSchema = component(agentVersionSelectSchema, 'AgentVersion');
const tags = ['Agents'];

const VersionParam = AgentIdParam.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

const resolveSchema = z
  .object({
    slug: z.string().min(1).max(200).optional(),
    id: z.string().min(1).max(200).optional(),
    requestContext: requestContextSchema.optional(),
    fallbackToSystem: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.slug || b.id, { message: 'give slug or id', path: ['slug'] });

export const agentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/tools',
      tags,
      security,
      summary: 'List available tools with their JSON schemas',
      responses: {
        200: jsonResponse(z.object({ tools: z.array(toolCatalogEntrySchema) }), 'Tools'),
        401: commonErrors[401],
      },
    }),
    (c) => c.json({ tools: c.var.ctx.runtime.tools.catalog() }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/scorers',
      tags,
      security,
      summary: 'List available scorers',
      responses: {
        200: jsonResponse(z.object({ scorers: z.array(scorerInfoSchema) }), 'Scorers'),
        401: commonErrors[401],
      },
    }),
    (c) => c.json({ scorers: scorerCatalog }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/resolve',
      tags,
      security,
      summary: 'Resolve an agent with a RequestContext (database first, then code-defined)',
      request: { body: jsonBody(resolveSchema) },
      responses: {
        200: jsonResponse(
          z.object({
            source: z.enum(['database', 'fallback']),
            agent: AgentSchema.omit({ tools: true }),
            instructions: z.string(),
            tools: z.array(z.string()),
            memory: z.unknown(),
            scorers: z.unknown(),
          }),
          'The resolved configuration',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const r = await new AgentResolver(c.var.ctx).resolveConfig(body);
      return c.json(
        {
          source: r.source,
          agent: r.record,
          instructions: r.instructions,
          tools: r.tools,
          memory: r.memory,
          scorers: r.scorers,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents',
      tags,
      security,
      summary: 'List agents, each with its recent activity (last run, runs and failures in 7 days)',
      request: { query: agentListQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({
            agents: z.array(
              AgentSchema.extend({
                activity: z
                  .object({ lastRunAt: z.date().nullable(), runs7d: z.number(), failed7d: z.number() })
                  .nullable(),
              }),
            ),
          }),
          'Agents',
        ),
        400: commonErrors[400],
        401: commonErrors[401],
      },
    }),
    async (c) => {
      const [agents, activity] = await Promise.all([
        listAgents(c.var.ctx, c.req.valid('query')),
        agentActivity(c.var.ctx),
      ]);
      return c.json({ agents: agents.map((a) => ({ ...a, activity: activity.get(a.id) ?? null })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents',
      tags,
      security,
      summary: 'Create an agent (writes version 1)',
      request: { body: jsonBody(agentCreateSchema) },
      responses: { 201: jsonResponse(AgentSchema, 'Created'), 409: commonErrors[400], ...commonErrors },
    }),
    async (c) => c.json(await createAgent(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}',
      tags,
      security,
      summary: 'Get an agent by id or slug',
      request: { params: AgentIdParam },
      responses: { 200: jsonResponse(AgentSchema, 'The agent'), ...commonErrors },
    }),
    async (c) => c.json(await getAgent(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/agents/{id}',
      tags,
      security,
      summary: 'Update an agent (writes a new version when something changed)',
      request: { params: AgentIdParam, body: jsonBody(agentUpdateSchema) },
      responses: { 200: jsonResponse(AgentSchema, 'The updated agent'), 409: commonErrors[400], ...commonErrors },
    }),
    async (c) => c.json(await updateAgent(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/agents/{id}',
      tags,
      security,
      summary: 'Delete an agent (its runs are kept)',
      request: { params: AgentIdParam },
      responses: {
        200: jsonResponse(z.object({ deleted: z.object({ id: z.string(), slug: z.string() }) }), 'Deleted'),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ deleted: await deleteAgent(c.var.ctx, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/versions',
      tags,
      security,
      summary: 'List version history, newest first',
      request: { params: AgentIdParam },
      responses: { 200: jsonResponse(z.object({ versions: z.array(VersionSchema) }), 'Versions'), ...commonErrors },
    }),
    async (c) => c.json({ versions: await listVersions(c.var.ctx, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/versions',
      tags,
      security,
      summary: 'Record the current configuration as a new version',
      request: { params: AgentIdParam, body: jsonBody(versionCreateSchema) },
      responses: { 201: jsonResponse(AgentSchema, 'The agent at its new version'), ...commonErrors },
    }),
    async (c) =>
      c.json(await createVersionSnapshot(c.var.ctx, c.req.valid('param').id, c.req.valid('json').description), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/versions/{version}/rollback',
      tags,
      security,
      summary: 'Roll back: a new version equal to the chosen snapshot',
      request: { params: VersionParam },
      responses: { 200: jsonResponse(AgentSchema, 'The agent at its new version'), ...commonErrors },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param');
      return c.json(await rollbackAgent(c.var.ctx, id, version), 200);
    },
  );
