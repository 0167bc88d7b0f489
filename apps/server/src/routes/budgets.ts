// Budgets: GET/PUT/DELETE /api/agents/{id}/budget (one agent) and /api/budget (the whole organization). The answer
// carries the policy and this month's spend: finished runs' cost plus reservations of runs in flight.
import { createRoute, z } from '@hono/zod-openapi';
import { budgetPutSchema, deleteBudget, getAgent, getBudget, putBudget } from '@trellis/core';
import { budgetPolicySelectSchema } from '@trellis/db';
import { AgentIdParam, commonErrors, component, createRouter, jsonBody, jsonResponse, security } from '../http/openapi';

const BudgetSchema = component(
  z.object({
    scope: z.enum(['agent', 'tenant']),
    policy: budgetPolicySelectSchema.nullable(),
    period: z.string().openapi({ example: '2026-11' }),
    spentUsd: z.number(),
    reservedUsd: z.number(),
    remainingUsd: z.number().nullable(),
    usedPct: z.number().nullable(),
  }),
  'Budget',
);
const tags = ['Costs & budgets'];
const agentScope = { params: AgentIdParam };
const ok = (description: string) => ({ 200: jsonResponse(BudgetSchema, description), ...commonErrors });
const deleted = {
  200: jsonResponse(z.object({ deleted: z.boolean() }), 'Whether a policy was removed'),
  ...commonErrors,
};

export const budgetRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/budget',
      tags,
      security,
      summary: "The agent's budget policy and this month's spend",
      request: agentScope,
      responses: ok('Budget'),
    }),
    async (c) => c.json(await getBudget(c.var.ctx, (await getAgent(c.var.ctx, c.req.valid('param').id)).id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/agents/{id}/budget',
      tags,
      security,
      summary:
        'Set the agent’s monthly budget (a hard limit refuses runs that could exceed it, with 402 BUDGET_EXCEEDED)',
      request: { ...agentScope, body: jsonBody(budgetPutSchema) },
      responses: ok('Budget after the change'),
    }),
    async (c) =>
      c.json(
        await putBudget(c.var.ctx, (await getAgent(c.var.ctx, c.req.valid('param').id)).id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/agents/{id}/budget',
      tags,
      security,
      summary: 'Remove the agent’s budget policy',
      request: agentScope,
      responses: deleted,
    }),
    async (c) => c.json(await deleteBudget(c.var.ctx, (await getAgent(c.var.ctx, c.req.valid('param').id)).id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/budget',
      tags,
      security,
      summary: "The organization's budget policy and this month's spend",
      responses: ok('Budget'),
    }),
    async (c) => c.json(await getBudget(c.var.ctx, null), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/budget',
      tags,
      security,
      summary: 'Set the organization’s monthly budget',
      request: { body: jsonBody(budgetPutSchema) },
      responses: ok('Budget after the change'),
    }),
    async (c) => c.json(await putBudget(c.var.ctx, null, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/budget',
      tags,
      security,
      summary: 'Remove the organization’s budget policy',
      responses: deleted,
    }),
    async (c) => c.json(await deleteBudget(c.var.ctx, null), 200),
  );
