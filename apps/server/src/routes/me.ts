// /api/me: who is calling and what they may do in the organization the request is scoped to — the workspace UI
// shows only the actions the caller's role (or API key's scopes) allows.
import { createRoute, z } from '@hono/zod-openapi';
import { capabilities } from '@trellis/core';
import { commonErrors, createRouter, jsonResponse, security } from '../http/openapi';

const MeSchema = z
  .object({
    organizationId: z.string(),
    kind: z.enum(['user', 'apiKey']),
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
    role: z.string().nullable().openapi({ description: "The user's role in the organization; null for an API key" }),
    scopes: z.array(z.string()).nullable().openapi({ description: "The API key's scopes; null for a user" }),
    capabilities: z.array(z.enum(capabilities)),
  })
  .openapi('Me');

export const meRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/me',
    tags: ['Organization'],
    security,
    summary: 'The caller, its organization and what it may do there',
    responses: { 200: jsonResponse(MeSchema, 'The caller'), 401: commonErrors[401] },
  }),
  (c) => {
    const { access, ctx, user } = c.var;
    return c.json(
      {
        organizationId: ctx.tenantId,
        kind: access.kind,
        user: user ?? null,
        role: access.kind === 'user' ? access.role : null,
        scopes: access.kind === 'apiKey' ? access.scopes : null,
        capabilities: access.capabilities,
      },
      200,
    );
  },
);
