// /api/goals: submit a goal (planned by an orchestrator agent and executed by the job worker), list goals, read one
// with its steps' progress, and cancel one.
import { createRoute, z } from '@hono/zod-openapi';
import { cancelGoal, createGoal, getGoal, goalCreateSchema, listGoals } from '@trellis/core';
import { goalSelectSchema, goalStepSelectSchema } from '@trellis/db';
import { commonErrors, component, createRouter, jsonBody, jsonResponse, security } from '../http/openapi';

const GoalSchema = component(goalSelectSchema, 'Goal');
const GoalDetailSchema = component(GoalSchema.extend({ steps: z.array(goalStepSelectSchema) }), 'GoalDetail');
const GoalParam = z.object({
  goalId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'goalId', in: 'path' } }),
});
const tags = ['Goals'];

export const goalRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/goals',
      tags,
      security,
      summary:
        'Submit a goal: recorded QUEUED, then planned by the orchestrator and executed step by step in the background',
      request: { body: jsonBody(goalCreateSchema) },
      responses: { 201: jsonResponse(GoalSchema, 'The queued goal'), ...commonErrors },
    }),
    async (c) => c.json(await createGoal(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/goals',
      tags,
      security,
      summary: "The organization's goals, newest first",
      responses: {
        200: jsonResponse(z.object({ goals: z.array(GoalSchema) }), 'Goals'),
        401: commonErrors[401],
      },
    }),
    async (c) => c.json({ goals: await listGoals(c.var.ctx) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/goals/{goalId}',
      tags,
      security,
      summary: 'A goal with its plan and steps (status, runId, output, attempts, error)',
      request: { params: GoalParam },
      responses: { 200: jsonResponse(GoalDetailSchema, 'The goal'), ...commonErrors },
    }),
    async (c) => c.json(await getGoal(c.var.ctx, c.req.valid('param').goalId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/goals/{goalId}/cancel',
      tags,
      security,
      summary: 'Cancel a queued or running goal: no further step starts and the run in flight is cancelled',
      request: { params: GoalParam },
      responses: { 200: jsonResponse(GoalDetailSchema, 'The cancelled goal'), 409: commonErrors[400], ...commonErrors },
    }),
    async (c) => c.json(await cancelGoal(c.var.ctx, c.req.valid('param').goalId), 200),
  );
