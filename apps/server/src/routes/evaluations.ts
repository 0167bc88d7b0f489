// Evaluations: GET /api/agents/{id}/evaluations — the agent's scored runs (newest first, with a cursor), the mean
// score per scorer per day and over the range, the worst runs, and the agent's scorers with their scale, direction
// and the method that scores them.
import { createRoute, z } from '@hono/zod-openapi';
import {
  agreementQuerySchema,
  evaluationListQuerySchema,
  judgeAgreement,
  listEvaluations,
  scorerInfoSchema,
} from '@trellis/core';
import { agentQualityMetricDailySelectSchema, runStatusValues } from '@trellis/db';
import { AgentIdParam, commonErrors, component, createRouter, jsonResponse, security } from '../http/openapi';

const ScoresSchema = z.record(
  z.string(),
  z.object({
    score: z.number(),
    quality: z.number().optional(),
    method: z.enum(['code', 'llm']).optional(),
    label: z.string().optional(),
    reason: z.string().nullable().optional(),
    sampled: z.boolean().optional(),
  }),
);
const ScoredRunSchema = component(
  z.object({
    id: z.string(),
    runId: z.string(),
    scorerVersion: z.string(),
    scores: ScoresSchema,
    quality: z.number().nullable().openapi({ description: 'Mean of the scores turned so that higher is better' }),
    inputText: z.string().nullable(),
    outputText: z.string().nullable(),
    runStatus: z.enum(runStatusValues),
    versionId: z.string().nullable(),
    createdAt: z.date(),
  }),
  'ScoredRun',
);

const EstimateSchema = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
const AgreementSchema = component(
  z.object({
    threshold: z.number(),
    minPairs: z.number().int(),
    method: z.string(),
    scoredRuns: z.number().int(),
    scorers: z.array(
      z.object({
        scorerId: z.string(),
        name: z.string(),
        pairs: z.number().int(),
        sources: z.object({ feedback: z.number().int(), testCases: z.number().int() }),
        enough: z.boolean().openapi({ description: 'At least minPairs pairs: below it the figures mean little' }),
        confusion: z.object({
          bothBad: z.number().int(),
          scorerBadOnly: z.number().int(),
          personBadOnly: z.number().int(),
          bothGood: z.number().int(),
        }),
        kappa: EstimateSchema,
        precision: EstimateSchema,
        recall: EstimateSchema,
      }),
    ),
  }),
  'JudgeAgreement',
);

export const evaluationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/evaluations/agreement',
      tags: ['Evaluations'],
      security,
      summary:
        "Each scorer's agreement with people (thumbs, test cases) on the runs both judged: Cohen's κ, precision and recall with 95 % intervals (default: the last 90 days)",
      request: { params: AgentIdParam, query: agreementQuerySchema },
      responses: { 200: jsonResponse(AgreementSchema, 'Agreement'), ...commonErrors },
    }),
    async (c) => c.json(await judgeAgreement(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/evaluations',
      tags: ['Evaluations'],
      security,
      summary: "The agent's scored runs, mean scores by scorer and day, and its worst runs (default: the last 30 days)",
      request: { params: AgentIdParam, query: evaluationListQuerySchema },
      responses: {
        200: jsonResponse(
          component(
            z.object({
              scorers: z.array(scorerInfoSchema),
              evaluations: z.array(ScoredRunSchema),
              nextCursor: z.string().nullable(),
              daily: z.array(component(agentQualityMetricDailySelectSchema, 'QualityDay')),
              byScorer: z.array(
                z.object({ scorerId: z.string(), count: z.number().int(), avgScore: z.number().nullable() }),
              ),
              worst: z.array(ScoredRunSchema),
            }),
            'AgentEvaluations',
          ),
          'Evaluations',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listEvaluations(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  );
