// Test cases and suites: an agent's cases (a question, the expected answer and how to match it, tags, pinned), a
// case made from a run, and suite runs — every case (or those of some tags) run as a TEST run of one version by the
// run-test-suite job, each judged and recorded — with progress, per-case results and a case-by-case comparison of
// two suite runs (which cases a version fixed and which it regressed).
import type { AgentTestSuiteRun } from '@trellis/db';
import { z } from 'zod';
import { AgentStore } from '../agents/store';
import type { ServiceContext } from '../context';
import { invalidInput, notFound } from '../errors';
import { jobId, logSendFailure } from '../jobs/queue';
import { judgeModel } from '../models/judge-call';
import { executeRun } from '../runs/pipeline';
import { RecordedRuns } from '../runs/recorded-runs-store';
import { judgeAnswer, type MatchSpec, matchIssues, matchModes } from './match';
import { TestStore } from './test-store';

const tag = z.string().trim().min(1).max(64);
const caseFields = {
  name: z.string().trim().min(1).max(200),
  inputText: z.string().trim().min(1).max(50_000),
  expectedOutput: z.string().max(50_000).nullable(),
  matchMode: z.enum(matchModes),
  matchConfig: z.record(z.string(), z.unknown()).nullable(),
  pinned: z.boolean(),
  tags: z.array(tag).max(20),
};

/** Adds each problem of the match settings as an issue at its field. */
const checkMatch = (spec: MatchSpec, ctx: z.RefinementCtx) => {
  for (const issue of matchIssues(spec)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
};

export const testCaseCreateSchema = z
  .object({
    ...caseFields,
    expectedOutput: caseFields.expectedOutput.optional(),
    matchMode: caseFields.matchMode.default('contains'),
    matchConfig: caseFields.matchConfig.optional(),
    pinned: caseFields.pinned.default(false),
    tags: caseFields.tags.default([]),
  })
  .strict()
  .superRefine(checkMatch);
export type TestCaseCreate = z.input<typeof testCaseCreateSchema>;

export const testCaseUpdateSchema = z.object(caseFields).partial().strict();
export type TestCaseUpdate = z.input<typeof testCaseUpdateSchema>;

export const testCaseFromRunSchema = testCaseUpdateSchema.omit({ inputText: true });

export const suiteStartSchema = z
  .object({
    tags: z.array(tag).max(20).optional(),
    /** The agent version to test (default: its current version). */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type SuiteStart = z.input<typeof suiteStartSchema>;

/** The stored agent addressed by id or slug (cases belong to stored agents only). */
async function agentOf(ctx: ServiceContext, idOrSlug: string) {
  const agent = await AgentStore.of(ctx).find(idOrSlug);
  if (!agent) throw notFound('Agent', idOrSlug);
  return agent;
}

/** The same checks as the create schema, on a case after an update is applied. */
function assertMatchable(spec: MatchSpec) {
  const [issue] = matchIssues(spec);
  if (issue) throw invalidInput(`${issue.path.join('.')}: ${issue.message}`, { field: issue.path.join('.') });
}

export async function listTestCases(ctx: ServiceContext, idOrSlug: string, tags?: string[]) {
  const agent = await agentOf(ctx, idOrSlug);
  return { testCases: await TestStore.of(ctx).cases(agent.id, tags) };
}

/** The llm-judge mode needs the server's judge model (EVAL_JUDGE_MODEL). */
function assertJudgeable(ctx: ServiceContext, matchMode: string | undefined) {
  if (matchMode === 'llm-judge' && !judgeModel(ctx, ctx.runtime.config.env.EVAL_JUDGE_MODEL))
    throw invalidInput('matchMode: the llm-judge mode needs a judge model; the server sets none in EVAL_JUDGE_MODEL', {
      field: 'matchMode',
    });
}

export async function createTestCase(ctx: ServiceContext, idOrSlug: string, raw: TestCaseCreate) {
  const values = testCaseCreateSchema.parse(raw);
  assertJudgeable(ctx, values.matchMode);
  const agent = await agentOf(ctx, idOrSlug);
  return TestStore.of(ctx).insertCase(agent.id, values);
}

export async function updateTestCase(ctx: ServiceContext, idOrSlug: string, caseId: string, raw: TestCaseUpdate) {
  const changes = testCaseUpdateSchema.parse(raw);
  const agent = await agentOf(ctx, idOrSlug);
  const store = TestStore.of(ctx);
  const current = await store.testCase(agent.id, caseId);
  if (!current) throw notFound('Test case', caseId);
  assertMatchable({ ...current, ...changes });
  if (changes.matchMode) assertJudgeable(ctx, changes.matchMode);
  return store.updateCase(agent.id, caseId, changes);
}

export async function deleteTestCase(ctx: ServiceContext, idOrSlug: string, caseId: string) {
  const agent = await agentOf(ctx, idOrSlug);
  if (!(await TestStore.of(ctx).deleteCase(agent.id, caseId))) throw notFound('Test case', caseId);
  return { deleted: true };
}

/** A case from a run of the agent: its question, and its answer as the expected output unless one is given. */
export async function testCaseFromRun(
  ctx: ServiceContext,
  idOrSlug: string,
  runId: string,
  raw: z.input<typeof testCaseFromRunSchema>,
) {
  const given = testCaseFromRunSchema.parse(raw);
  const agent = await agentOf(ctx, idOrSlug);
  const run = await RecordedRuns.of(ctx).run(runId, { agentId: agent.id });
  if (!run) throw notFound('Run', runId);
  if (!run.inputText) throw invalidInput('the run has no input to test with', { field: 'runId' });
  const expectedOutput = given.expectedOutput === undefined ? run.outputText : given.expectedOutput;
  const values = testCaseCreateSchema.parse({
    name: given.name ?? run.inputText.slice(0, 80),
    inputText: run.inputText,
    expectedOutput,
    matchMode: given.matchMode,
    matchConfig: given.matchConfig,
    pinned: given.pinned,
    tags: given.tags,
  });
  assertJudgeable(ctx, values.matchMode);
  return TestStore.of(ctx).insertCase(agent.id, { ...values, sourceRunId: run.id });
}

/** Starts a suite run of the agent's cases (of `tags`, else all) against a version: 202 with its id. */
export async function startTestSuite(ctx: ServiceContext, idOrSlug: string, raw: SuiteStart) {
  const { tags = [], version: asked } = suiteStartSchema.parse(raw);
  const agent = await agentOf(ctx, idOrSlug);
  const version = asked ?? agent.version;
  const agents = AgentStore.of(ctx);
  const versionId = await agents.versionId(agent.id, version);
  if (!versionId) throw notFound('Version', String(version));
  const store = TestStore.of(ctx);
  const cases = await store.cases(agent.id, tags);
  if (!cases.length)
    throw invalidInput(
      tags.length ? `no test case carries the tags ${tags.join(', ')}` : 'the agent has no test cases',
      {
        field: tags.length ? 'tags' : 'testCases',
      },
    );
  const suite = await store.insertSuiteRun({
    agentId: agent.id,
    versionId,
    version,
    tags,
    total: cases.length,
    createdBy: ctx.actor.type === 'system' ? null : ctx.actor.id,
  });
  const jobs = ctx.runtime.jobs;
  if (jobs)
    await jobs
      .send(
        'run-test-suite',
        { tenantId: ctx.tenantId, suiteRunId: suite.id },
        { id: jobId('run-test-suite', suite.id) },
      )
      .catch(logSendFailure('run-test-suite'));
  else ctx.runtime.background(executeTestSuite(ctx, suite.id));
  return { suiteRunId: suite.id, status: suite.status, total: suite.total, version };
}

/**
 * The run-test-suite job: each case of the suite not yet run becomes a TEST run of the suite's version, judged by
 * its match mode and recorded. Restart-safe: a redelivered job skips the cases already recorded.
 */
export async function executeTestSuite(ctx: ServiceContext, suiteRunId: string) {
  const store = TestStore.of(ctx);
  const suite = await store.suiteRun(suiteRunId);
  if (!suite || suite.status === 'COMPLETED' || suite.status === 'FAILED') return { handled: false };
  await store.setSuiteRun(suite.id, { status: 'RUNNING', startedAt: suite.startedAt ?? ctx.clock() });
  try {
    const done = new Set((await store.results(suite.id)).map((r) => r.testCaseId));
    const judgeName = ctx.runtime.config.env.EVAL_JUDGE_MODEL;
    const model = judgeModel(ctx, judgeName);
    const judge = judgeName && model ? { name: judgeName, model } : undefined;
    for (const testCase of await store.cases(suite.agentId, suite.tags)) {
      if (done.has(testCase.id)) continue;
      const run = await executeRun(
        ctx,
        suite.agentId,
        { input: testCase.inputText, runType: 'TEST' },
        { version: suite.version },
      );
      const answer = run.outputText ?? '';
      const verdict =
        run.status === 'COMPLETED'
          ? await judgeAnswer(testCase, testCase.inputText, answer, judge).catch((e: Error) => ({
              passed: false,
              score: 0,
              detail: e.message,
            }))
          : { passed: false, score: 0, detail: run.error ?? run.status };
      await store.recordResult(suite, testCase.id, {
        versionId: suite.versionId,
        runId: run.id,
        outputText: run.outputText,
        passed: verdict.passed,
        score: verdict.score,
        durationMs: run.durationMs,
        error: verdict.passed ? null : (verdict.detail ?? null),
      });
    }
    await store.setSuiteRun(suite.id, { status: 'COMPLETED', completedAt: ctx.clock() });
    return { handled: true };
  } catch (e) {
    await store.setSuiteRun(suite.id, { status: 'FAILED', error: String(e), completedAt: ctx.clock() });
    throw e;
  }
}

async function suiteOf(ctx: ServiceContext, agentId: string, suiteRunId: string): Promise<AgentTestSuiteRun> {
  const suite = await TestStore.of(ctx).suiteRun(suiteRunId, agentId);
  if (!suite) throw notFound('Test run', suiteRunId);
  return suite;
}

/** A suite run: status, progress and each case's result so far. */
export async function getTestSuiteRun(ctx: ServiceContext, idOrSlug: string, suiteRunId: string) {
  const agent = await agentOf(ctx, idOrSlug);
  const suite = await suiteOf(ctx, agent.id, suiteRunId);
  const results = await TestStore.of(ctx).results(suite.id);
  return { ...suite, progress: suite.total ? suite.done / suite.total : 1, results };
}

export async function listTestSuiteRuns(ctx: ServiceContext, idOrSlug: string) {
  const agent = await agentOf(ctx, idOrSlug);
  return { suiteRuns: await TestStore.of(ctx).suiteRuns(agent.id, 50) };
}

/** Two suite runs of the agent case by case: which cases `b` fixed and which it regressed against `a`. */
export async function compareTestSuiteRuns(ctx: ServiceContext, idOrSlug: string, a: string, b: string) {
  const agent = await agentOf(ctx, idOrSlug);
  const [suiteA, suiteB] = await Promise.all([suiteOf(ctx, agent.id, a), suiteOf(ctx, agent.id, b)]);
  const store = TestStore.of(ctx);
  const [resultsA, resultsB] = await Promise.all([store.results(a), store.results(b)]);
  type Result = (typeof resultsA)[number];
  const byCase = new Map<string, { name: string; pinned: boolean; a?: Result; b?: Result }>();
  for (const r of resultsA) byCase.set(r.testCaseId, { name: r.name, pinned: r.pinned, a: r });
  for (const r of resultsB) {
    const entry = byCase.get(r.testCaseId);
    if (entry) entry.b = r;
    else byCase.set(r.testCaseId, { name: r.name, pinned: r.pinned, b: r });
  }
  const cases = [...byCase].map(([testCaseId, c]) => {
    const change =
      !c.a || !c.b
        ? 'missing'
        : c.a.passed && !c.b.passed
          ? 'regressed'
          : !c.a.passed && c.b.passed
            ? 'fixed'
            : c.a.passed
              ? 'same-pass'
              : 'same-fail';
    return { testCaseId, name: c.name, pinned: c.pinned, change, a: c.a ?? null, b: c.b ?? null };
  });
  const count = (change: string) => cases.filter((c) => c.change === change).length;
  return {
    a: suiteA,
    b: suiteB,
    summary: {
      fixed: count('fixed'),
      regressed: count('regressed'),
      samePass: count('same-pass'),
      sameFail: count('same-fail'),
      missing: count('missing'),
      regressedPinned: cases.filter((c) => c.change === 'regressed' && c.pinned).map((c) => c.testCaseId),
    },
    cases,
  };
}
