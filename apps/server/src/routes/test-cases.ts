// Test cases and suites: GET/POST /api/agents/{id}/test-cases, PUT/DELETE …/test-cases/{caseId}, POST
// …/runs/{runId}/test-case (a case from a run), POST …/test (202: a suite run of one version), GET …/test-runs,
// GET …/test-runs/{suiteRunId} (progress and per-case results) and …/compare/{otherSuiteRunId}.
import { createRoute, z } from '@hono/zod-openapi';
import {
  compareTestSuiteRuns,
  createTestCase,
  deleteTestCase,
  getTestSuiteRun,
  listTestCases,
  listTestSuiteRuns,
  startTestSuite,
  suiteStartSchema,
  testCaseCreateSchema,
  testCaseFromRun,
  testCaseFromRunSchema,
  testCaseUpdateSchema,
  updateTestCase,
} from '@trellis/core';
import { agentTestCaseSelectSchema, agentTestSuiteRunSelectSchema } from '@trellis/db';
import {
  AgentIdParam,
  commonErrors,
  component,
  createRouter,
  jsonBody,
  jsonResponse,
  pathId,
  RunIdParam,
  security,
} from '../http/openapi';

const tags = ['Test cases'];
const TestCaseSchema = component(agentTestCaseSelectSchema, 'TestCase');
const SuiteRunSchema = component(agentTestSuiteRunSelectSchema, 'TestSuiteRun');
const ResultSchema = component(
  z.object({
    testCaseId: z.string(),
    name: z.string(),
    pinned: z.boolean(),
    runId: z.string().nullable(),
    passed: z.boolean().nullable(),
    score: z.number().nullable(),
    outputText: z.string().nullable(),
    durationMs: z.number().nullable(),
    error: z.string().nullable(),
    createdAt: z.date(),
  }),
  'TestCaseResult',
);
const CaseParam = AgentIdParam.extend({ caseId: pathId('caseId') });
const SuiteParam = AgentIdParam.extend({ suiteRunId: pathId('suiteRunId') });
const CompareParam = SuiteParam.extend({ otherSuiteRunId: pathId('otherSuiteRunId') });
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: jsonResponse(schema, description),
  ...commonErrors,
});
const created = <T extends z.ZodType>(schema: T, description: string) => ({
  201: jsonResponse(schema, description),
  ...commonErrors,
});

export const testCaseRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/test-cases',
      tags,
      security,
      summary: "The agent's test cases, oldest first (with `tags`, those carrying any of them)",
      request: { params: AgentIdParam, query: z.object({ tags: z.string().max(1000).optional() }) },
      responses: ok(z.object({ testCases: z.array(TestCaseSchema) }), 'Test cases'),
    }),
    async (c) => {
      const tagList = c.req.valid('query').tags?.split(',').filter(Boolean);
      return c.json(await listTestCases(c.var.ctx, c.req.valid('param').id, tagList), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/test-cases',
      tags,
      security,
      summary: 'Add a test case: a question, the expected output and how to match it (contains by default)',
      request: { params: AgentIdParam, body: jsonBody(testCaseCreateSchema) },
      responses: created(TestCaseSchema, 'The new test case'),
    }),
    async (c) => c.json(await createTestCase(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/agents/{id}/test-cases/{caseId}',
      tags,
      security,
      summary: 'Change a test case (the fields given)',
      request: { params: CaseParam, body: jsonBody(testCaseUpdateSchema) },
      responses: ok(TestCaseSchema, 'The test case after the change'),
    }),
    async (c) => {
      const { id, caseId } = c.req.valid('param');
      return c.json(await updateTestCase(c.var.ctx, id, caseId, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/agents/{id}/test-cases/{caseId}',
      tags,
      security,
      summary: 'Remove a test case (its results in past suite runs go with it)',
      request: { params: CaseParam },
      responses: ok(z.object({ deleted: z.boolean() }), 'Removed'),
    }),
    async (c) => {
      const { id, caseId } = c.req.valid('param');
      return c.json(await deleteTestCase(c.var.ctx, id, caseId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/runs/{runId}/test-case',
      tags,
      security,
      summary: 'Turn a run into a test case: its question, and its answer as the expected output unless one is given',
      request: { params: RunIdParam, body: jsonBody(testCaseFromRunSchema) },
      responses: created(TestCaseSchema, 'The new test case'),
    }),
    async (c) => {
      const { id, runId } = c.req.valid('param');
      return c.json(await testCaseFromRun(c.var.ctx, id, runId, c.req.valid('json')), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/test',
      tags,
      security,
      summary: "Run the agent's test suite (the cases of `tags`, else all) against a version (default: current)",
      request: { params: AgentIdParam, body: jsonBody(suiteStartSchema) },
      responses: {
        202: jsonResponse(
          z.object({ suiteRunId: z.string(), status: z.string(), total: z.number().int(), version: z.number().int() }),
          'The suite run, started in the background',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await startTestSuite(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 202),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/test-runs',
      tags,
      security,
      summary: "The agent's suite runs, newest first",
      request: { params: AgentIdParam },
      responses: ok(z.object({ suiteRuns: z.array(SuiteRunSchema) }), 'Suite runs'),
    }),
    async (c) => c.json(await listTestSuiteRuns(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/test-runs/{suiteRunId}',
      tags,
      security,
      summary: 'A suite run: status, progress and each case’s result (passed, score, output, durationMs)',
      request: { params: SuiteParam },
      responses: ok(
        component(
          SuiteRunSchema.extend({ progress: z.number(), results: z.array(ResultSchema) }),
          'TestSuiteRunDetail',
        ),
        'Suite run',
      ),
    }),
    async (c) => {
      const { id, suiteRunId } = c.req.valid('param');
      return c.json(await getTestSuiteRun(c.var.ctx, id, suiteRunId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/test-runs/{suiteRunId}/compare/{otherSuiteRunId}',
      tags,
      security,
      summary: 'Two suite runs case by case: what the second fixed and regressed against the first',
      request: { params: CompareParam },
      responses: ok(
        component(
          z.object({
            a: SuiteRunSchema,
            b: SuiteRunSchema,
            summary: z.object({
              fixed: z.number().int(),
              regressed: z.number().int(),
              samePass: z.number().int(),
              sameFail: z.number().int(),
              missing: z.number().int(),
              regressedPinned: z.array(z.string()),
            }),
            cases: z.array(
              z.object({
                testCaseId: z.string(),
                name: z.string(),
                pinned: z.boolean(),
                change: z.enum(['fixed', 'regressed', 'same-pass', 'same-fail', 'missing']),
                a: ResultSchema.nullable(),
                b: ResultSchema.nullable(),
              }),
            ),
          }),
          'TestSuiteComparison',
        ),
        'Comparison',
      ),
    }),
    async (c) => {
      const { id, suiteRunId, otherSuiteRunId } = c.req.valid('param');
      return c.json(await compareTestSuiteRuns(c.var.ctx, id, suiteRunId, otherSuiteRunId), 200);
    },
  );
