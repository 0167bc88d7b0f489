// Continuous learning (SPEC §19): GET /api/agents/{id}/learning (dashboard), GET/POST …/learning/policy,
// POST …/learning/pause, GET/POST …/learning/sessions (+ GET one), GET …/learning/proposals with
// POST …/learning/proposals/{proposalId}/approve|reject, GET …/learning/experiments and GET …/learning/metrics.
import { createRoute, z } from '@hono/zod-openapi';
import {
  decideProposal,
  decisionSchema,
  getLearningPolicy,
  getLearningSession,
  learningDashboard,
  learningMetrics,
  learningMetricsQuerySchema,
  learningPolicyUpdateSchema,
  listLearningExperiments,
  listLearningProposals,
  listLearningSessions,
  pauseLearning,
  pauseSchema,
  startLearningSession,
  updateLearningPolicy,
} from '@trellis/core';
import {
  learningApprovalSelectSchema,
  learningExperimentSelectSchema,
  learningMetricDailySelectSchema,
  learningProposalSelectSchema,
  learningSessionSelectSchema,
  learningSignalSelectSchema,
} from '@trellis/db';
import {
  AgentIdParam,
  commonErrors,
  component,
  createRouter,
  jsonBody,
  jsonResponse,
  pathId,
  security,
} from '../http/openapi';

const tags = ['Learning'];
const conflict = { 409: commonErrors[400] };

const PolicySchema = component(
  learningPolicyUpdateSchema.required().extend({
    paused: z.boolean(),
    saved: z.boolean().describe('false while the agent runs on the defaults'),
    defaults: z.record(z.string(), z.unknown()).describe('The configuration module (SPEC §19 defaults, statistics)'),
  }),
  'LearningPolicy',
);
const ApprovalSchema = component(learningApprovalSelectSchema, 'LearningApproval');
const ProposalSchema = component(
  learningProposalSelectSchema.extend({ approvals: z.array(ApprovalSchema) }),
  'LearningProposal',
);
const SessionSchema = component(learningSessionSelectSchema, 'LearningSession');
const SignalSchema = component(learningSignalSelectSchema, 'LearningSignal');
const StatsSchema = z
  .record(z.string(), z.unknown())
  .describe('The statistics: arms, difference with its always-valid interval, win rate, confidence, guards');
const ExperimentSchema = component(
  learningExperimentSelectSchema.extend({
    live: StatsSchema.nullable().describe("A running experiment's statistics computed now from its runs"),
  }),
  'LearningExperiment',
);
const ProposalParam = AgentIdParam.extend({ proposalId: pathId('proposalId') });
const SessionParam = AgentIdParam.extend({ sessionId: pathId('sessionId') });

const decision = (verb: 'approve' | 'reject') =>
  createRoute({
    method: 'post',
    path: `/api/agents/{id}/learning/proposals/{proposalId}/${verb}`,
    tags,
    security,
    summary:
      verb === 'approve'
        ? 'Approve a proposal awaiting approval (after its experiment), with a reason: its candidate is promoted'
        : 'Reject a proposal before promotion, with a reason: its experiment (if running) stops and its session ends',
    request: { params: ProposalParam, body: jsonBody(decisionSchema) },
    responses: {
      200: jsonResponse(
        component(z.object({ proposal: learningProposalSelectSchema, approval: ApprovalSchema }), 'LearningDecision'),
        'The proposal and the recorded approval',
      ),
      ...conflict,
      ...commonErrors,
    },
  });

export const learningRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/learning',
      tags,
      security,
      summary:
        'Learning dashboard: status, policy, open session, signals, proposals, experiments with live arm figures',
      request: { params: AgentIdParam },
      responses: {
        200: jsonResponse(
          component(
            z.object({
              status: z.enum(['active', 'paused', 'inactive']),
              policy: PolicySchema,
              openSession: SessionSchema.nullable(),
              signals: z.object({ unconsumed: z.number().int(), recent: z.array(SignalSchema) }),
              proposals: z.array(ProposalSchema),
              experiments: z.array(ExperimentSchema),
              counts: z.object({
                activeExperiments: z.number().int(),
                autoPromotions: z.number().int(),
                manualPromotions: z.number().int(),
              }),
            }),
            'LearningDashboard',
          ),
          'The dashboard',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await learningDashboard(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/learning/policy',
      tags,
      security,
      summary: "The agent's learning policy (the defaults until one is saved)",
      request: { params: AgentIdParam },
      responses: { 200: jsonResponse(PolicySchema, 'The policy in force'), ...commonErrors },
    }),
    async (c) => c.json(await getLearningPolicy(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/learning/policy',
      tags,
      security,
      summary: 'Override policy fields (validated; an unknown field is refused); audited',
      request: { params: AgentIdParam, body: jsonBody(learningPolicyUpdateSchema) },
      responses: { 200: jsonResponse(PolicySchema, 'The policy as saved'), ...commonErrors },
    }),
    async (c) => c.json(await updateLearningPolicy(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/learning/pause',
      tags,
      security,
      summary: 'Pause (or resume) learning: no triggers, no traffic to a candidate, no decisions while paused',
      request: { params: AgentIdParam, body: jsonBody(pauseSchema) },
      responses: { 200: jsonResponse(PolicySchema, 'The policy'), ...commonErrors },
    }),
    async (c) => c.json(await pauseLearning(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/learning/sessions',
      tags,
      security,
      summary: "The agent's learning sessions, newest first",
      request: { params: AgentIdParam },
      responses: {
        200: jsonResponse(
          component(
            z.object({ sessions: z.array(SessionSchema.extend({ proposalIds: z.array(z.string()) })) }),
            'LearningSessions',
          ),
          'Sessions',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listLearningSessions(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/learning/sessions',
      tags,
      security,
      summary: 'Start a learning session now (409 while paused or while a session is open)',
      request: { params: AgentIdParam },
      responses: {
        202: jsonResponse(SessionSchema, 'The session, started in the background'),
        ...conflict,
        ...commonErrors,
      },
    }),
    async (c) => c.json(await startLearningSession(c.var.ctx, c.req.valid('param').id), 202),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/learning/sessions/{sessionId}',
      tags,
      security,
      summary: 'One session with its signals, patterns and proposals',
      request: { params: SessionParam },
      responses: {
        200: jsonResponse(
          component(
            SessionSchema.extend({ signals: z.array(SignalSchema), proposals: z.array(ProposalSchema) }),
            'LearningSessionDetail',
          ),
          'The session',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id, sessionId } = c.req.valid('param');
      return c.json(await getLearningSession(c.var.ctx, id, sessionId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/learning/proposals',
      tags,
      security,
      summary: "The agent's proposals with their diff, risk tier, gate and approvals",
      request: { params: AgentIdParam },
      responses: {
        200: jsonResponse(
          component(z.object({ proposals: z.array(ProposalSchema) }), 'LearningProposals'),
          'Proposals',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listLearningProposals(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(decision('approve'), async (c) => {
    const { id, proposalId } = c.req.valid('param');
    return c.json(await decideProposal(c.var.ctx, id, proposalId, 'APPROVED', c.req.valid('json')), 200);
  })
  .openapi(decision('reject'), async (c) => {
    const { id, proposalId } = c.req.valid('param');
    return c.json(await decideProposal(c.var.ctx, id, proposalId, 'REJECTED', c.req.valid('json')), 200);
  })
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/learning/experiments',
      tags,
      security,
      summary: 'Active and recent experiments: arms, runs, difference with its always-valid interval, stopping rule',
      request: { params: AgentIdParam },
      responses: {
        200: jsonResponse(
          component(z.object({ experiments: z.array(ExperimentSchema) }), 'LearningExperiments'),
          'Experiments',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listLearningExperiments(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/learning/metrics',
      tags,
      security,
      summary: 'Daily learning metrics (default 30 days) and the KPIs of the range',
      request: { params: AgentIdParam, query: learningMetricsQuerySchema },
      responses: {
        200: jsonResponse(
          component(
            z.object({
              from: z.string(),
              to: z.string(),
              daily: z.array(learningMetricDailySelectSchema.omit({ id: true, createdAt: true, updatedAt: true })),
              totals: z.record(z.string(), z.number().nullable()),
            }),
            'LearningMetrics',
          ),
          'Metrics',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await learningMetrics(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  );
