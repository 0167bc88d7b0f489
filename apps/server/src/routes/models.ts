// /api/models: the model providers this deployment knows, which are configured, and their models with prices.
import { createRoute, z } from '@hono/zod-openapi';
import { providerInfoSchema } from '@trellis/core';
import { commonErrors, createRouter, jsonResponse, security } from '../http/openapi';

export const modelRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/models',
    tags: ['Models'],
    security,
    summary: 'List model providers and models (no secrets)',
    responses: {
      200: jsonResponse(z.object({ providers: z.array(providerInfoSchema) }), 'Providers'),
      401: commonErrors[401],
    },
  }),
  (c) => c.json({ providers: c.var.ctx.runtime.models.list() }, 200),
);
