// GET /api/agents/{id}/analytics: daily series (runs, success, latency, tokens, cost), tool usage, model comparison
// and per-version figures over a range of UTC days — from the daily rollups.
import { createRoute } from '@hono/zod-openapi';
import { agentAnalytics, analyticsQuerySchema, analyticsSchema } from '@trellis/core';
import { AgentIdParam, commonErrors, createRouter, jsonResponse, security } from '../http/openapi';

export const analyticsRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/agents/{id}/analytics',
    tags: ['Analytics'],
    security,
    summary: 'Daily series, tool usage, model comparison and per-version stats (default: the last 30 days)',
    description:
      '`from`/`to` are UTC days (YYYY-MM-DD, inclusive, at most 366 days). The daily, tool and model figures come from the rollups the run-completed job maintains, so a run appears once its job has run (normally within a second).',
    request: { params: AgentIdParam, query: analyticsQuerySchema },
    responses: { 200: jsonResponse(analyticsSchema, 'Analytics'), ...commonErrors },
  }),
  async (c) => c.json(await agentAnalytics(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
);
