// Feedback: POST/GET /api/agents/{id}/runs/{runId}/feedback (the caller's verdict on a run, one per person or API key,
// saved again to change it) and GET /api/agents/{id}/feedback (the agent's feedback with daily aggregates).
import { createRoute, z } from '@hono/zod-openapi';
import { feedbackListQuerySchema, feedbackPutSchema, giveFeedback, listFeedback, runFeedback } from '@trellis/core';
import { agentFeedbackAggregateDailySelectSchema, agentFeedbackSelectSchema } from '@trellis/db';
import {
  AgentIdParam,
  commonErrors,
  component,
  createRouter,
  jsonBody,
  jsonResponse,
  RunIdParam,
  security,
} from '../http/openapi';

const FeedbackSchema = component(agentFeedbackSelectSchema, 'Feedback');
const TotalsSchema = z.object({
  thumbsUp: z.number().int(),
  thumbsDown: z.number().int(),
  avgRating: z.number().nullable(),
  count: z.number().int(),
});
const tags = ['Feedback'];

export const feedbackRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/runs/{runId}/feedback',
      tags,
      security,
      summary: "Give (or change) the caller's verdict on a finished run: thumbs, an optional 1–5 rating and comment",
      request: { params: RunIdParam, body: jsonBody(feedbackPutSchema) },
      responses: { 200: jsonResponse(FeedbackSchema, 'The verdict as saved'), ...commonErrors },
    }),
    async (c) => {
      const { id, runId } = c.req.valid('param');
      return c.json(await giveFeedback(c.var.ctx, id, runId, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/runs/{runId}/feedback',
      tags,
      security,
      summary: "A run's feedback, and the caller's own verdict",
      request: { params: RunIdParam },
      responses: {
        200: jsonResponse(
          component(z.object({ feedback: z.array(FeedbackSchema), mine: FeedbackSchema.nullable() }), 'RunFeedback'),
          'Feedback',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id, runId } = c.req.valid('param');
      return c.json(await runFeedback(c.var.ctx, id, runId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/feedback',
      tags,
      security,
      summary: "The agent's feedback newest first, its daily aggregates and the totals of the range (default 30 days)",
      request: { params: AgentIdParam, query: feedbackListQuerySchema },
      responses: {
        200: jsonResponse(
          component(
            z.object({
              feedback: z.array(FeedbackSchema),
              nextCursor: z.string().nullable(),
              daily: z.array(component(agentFeedbackAggregateDailySelectSchema, 'FeedbackDay')),
              totals: TotalsSchema,
            }),
            'AgentFeedback',
          ),
          'Feedback',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listFeedback(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  );
