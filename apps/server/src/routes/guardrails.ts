// Guardrails: GET/PUT /api/guardrails (the organization's policy, inherited by every agent) and
// /api/agents/{id}/guardrails (an agent's, which may only tighten it), their versions, and the events runs wrote.
import { createRoute, z } from '@hono/zod-openapi';
import {
  effectivePolicySchema,
  getAgent,
  getGuardrails,
  guardrailConfigSchema,
  guardrailEventQuerySchema,
  guardrailPutSchema,
  guardrailVersions,
  listGuardrailEvents,
  putGuardrails,
} from '@trellis/core';
import { guardrailEventSelectSchema } from '@trellis/db';
import { AgentIdParam, commonErrors, component, createRouter, jsonBody, jsonResponse, security } from '../http/openapi';

const VersionSchema = component(
  z.object({
    version: z.number().int().openapi({ description: '0 for the default organization policy (none saved yet)' }),
    configJson: guardrailConfigSchema,
    createdBy: z.string().nullable(),
    createdAt: z.date().nullable(),
  }),
  'GuardrailPolicyVersion',
);
const GuardrailsSchema = component(
  z.object({
    scope: z.enum(['agent', 'organization']),
    agentId: z.string().nullable(),
    policy: VersionSchema.nullable().openapi({ description: "This scope's newest version; null: the agent inherits" }),
    organization: VersionSchema.extend({ isDefault: z.boolean() }),
    effective: component(effectivePolicySchema, 'EffectiveGuardrailPolicy'),
  }),
  'Guardrails',
);
const VersionsSchema = component(z.object({ versions: z.array(VersionSchema) }), 'GuardrailPolicyVersions');
const EventsSchema = component(
  z.object({ events: z.array(guardrailEventSelectSchema), nextCursor: z.string().nullable() }),
  'GuardrailEvents',
);

const tags = ['Guardrails'];
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: jsonResponse(schema, description),
  ...commonErrors,
});
const agentIdOf = async (c: { var: { ctx: Parameters<typeof getAgent>[0] } }, id: string) =>
  (await getAgent(c.var.ctx, id)).id;

export const guardrailRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/guardrails',
      tags,
      security,
      summary: "The organization's guardrail policy (the default until one is saved)",
      responses: ok(GuardrailsSchema, 'Guardrails'),
    }),
    async (c) => c.json(await getGuardrails(c.var.ctx, null), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/guardrails',
      tags,
      security,
      summary: "Save a new version of the organization's guardrail policy (every agent inherits it)",
      request: { body: jsonBody(guardrailPutSchema) },
      responses: ok(GuardrailsSchema, 'Guardrails after the change'),
    }),
    async (c) => c.json(await putGuardrails(c.var.ctx, null, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/guardrails/versions',
      tags,
      security,
      summary: "The saved versions of the organization's guardrail policy, newest first",
      responses: ok(VersionsSchema, 'Versions'),
    }),
    async (c) => c.json(await guardrailVersions(c.var.ctx, null), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/guardrails/events',
      tags,
      security,
      summary: "Guardrail events of all the organization's runs, newest first",
      request: { query: guardrailEventQuerySchema },
      responses: ok(EventsSchema, 'Events'),
    }),
    async (c) => c.json(await listGuardrailEvents(c.var.ctx, null, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/guardrails',
      tags,
      security,
      summary: "The agent's guardrail policy, the organization policy it inherits, and the policy in force",
      request: { params: AgentIdParam },
      responses: ok(GuardrailsSchema, 'Guardrails'),
    }),
    async (c) => c.json(await getGuardrails(c.var.ctx, await agentIdOf(c, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/agents/{id}/guardrails',
      tags,
      security,
      summary:
        "Save a new version of the agent's guardrail policy; a field looser than the organization's is refused (400)",
      request: { params: AgentIdParam, body: jsonBody(guardrailPutSchema) },
      responses: ok(GuardrailsSchema, 'Guardrails after the change'),
    }),
    async (c) =>
      c.json(await putGuardrails(c.var.ctx, await agentIdOf(c, c.req.valid('param').id), c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/guardrails/versions',
      tags,
      security,
      summary: "The saved versions of the agent's guardrail policy, newest first",
      request: { params: AgentIdParam },
      responses: ok(VersionsSchema, 'Versions'),
    }),
    async (c) => c.json(await guardrailVersions(c.var.ctx, await agentIdOf(c, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/guardrails/events',
      tags,
      security,
      summary: "The agent's guardrail events, newest first, with filters",
      request: { params: AgentIdParam, query: guardrailEventQuerySchema },
      responses: ok(EventsSchema, 'Events'),
    }),
    async (c) =>
      c.json(
        await listGuardrailEvents(c.var.ctx, await agentIdOf(c, c.req.valid('param').id), c.req.valid('query')),
        200,
      ),
  );
