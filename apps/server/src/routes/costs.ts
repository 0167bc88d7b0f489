// Costs: GET /api/agents/{id}/costs (totals, by day, by model, month-to-date, projection, recommendations from the
// cost rollups) and POST /api/agents/{id}/costs/recommendations (recompute the recommendations now).
import { createRoute, z } from '@hono/zod-openapi';
import { agentCosts, costQuerySchema, getAgent, refreshRecommendations } from '@trellis/core';
import { costRecommendationSelectSchema } from '@trellis/db';
import { AgentIdParam, commonErrors, component, createRouter, jsonResponse, security } from '../http/openapi';

const RecommendationSchema = component(costRecommendationSelectSchema, 'CostRecommendation');
const money = z.number().openapi({ description: 'USD' });
const CostsSchema = component(
  z.object({
    agentId: z.string(),
    currency: z.literal('USD'),
    from: z.string().openapi({ example: '2026-11-01' }),
    to: z.string().openapi({ example: '2026-11-30' }),
    totals: z.object({
      costUsd: money,
      promptCostUsd: money,
      completionCostUsd: money,
      tokens: z.number(),
      runs: z.number(),
    }),
    byDay: z.array(
      z.object({
        date: z.string(),
        costUsd: money,
        promptCostUsd: money,
        completionCostUsd: money,
        runs: z.number(),
      }),
    ),
    byModel: z.array(z.object({ modelName: z.string(), costUsd: money, tokens: z.number(), runs: z.number() })),
    monthToDate: z.object({ month: z.string(), costUsd: money, runs: z.number() }),
    projection: z.object({
      month: z.string(),
      projectedUsd: money,
      elapsedDays: z.number(),
      daysInMonth: z.number(),
      method: z.string(),
    }),
    recommendations: z.array(RecommendationSchema),
  }),
  'AgentCosts',
);
const tags = ['Costs & budgets'];

export const costRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/costs',
      tags,
      security,
      summary: "The agent's costs over a range of UTC days (default this month), with the month's projection",
      description:
        'Served from the daily cost rollups, which the run-completed job updates as each run finishes. `month=YYYY-MM` or `from`/`to` (YYYY-MM-DD, inclusive, at most 366 days). The projection is linear: month-to-date spend / elapsed days (today counted whole) x days in the month.',
      request: { params: AgentIdParam, query: costQuerySchema },
      responses: { 200: jsonResponse(CostsSchema, 'Cost summary'), ...commonErrors },
    }),
    async (c) => c.json(await agentCosts(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/costs/recommendations',
      tags,
      security,
      summary: "Recompute the agent's cost recommendations now (rollup-daily also does, nightly)",
      description:
        'Replaces the open recommendations: a cheaper model of the same provider (compared on this agent’s runs when it ran it), long prompts (> 4,000 tokens per run on average), tools never called in 30 days — each with the estimated monthly saving.',
      request: { params: AgentIdParam },
      responses: {
        200: jsonResponse(z.object({ recommendations: z.array(RecommendationSchema) }), 'Open recommendations'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const agent = await getAgent(c.var.ctx, c.req.valid('param').id);
      return c.json({ recommendations: await refreshRecommendations(c.var.ctx, agent.id) }, 200);
    },
  );
