// Evaluations end to end: a finished run of an agent with scorers is scored by each (code-based methods, labelled),
// the scores land on the run's evaluation and trace, the day's quality rollups and the overview's quality follow,
// a day of bad answers raises an EVAL alert, sampling picks the same runs for every scorer, and the evaluations
// endpoint answers with runs, aggregates and the worst runs — for its own organization only.
import { inspect } from 'node:util';
import { isSampled } from '@trellis/core';
import { agentAlert, agentEvaluation, agentQualityMetricDaily, agentStatsDaily, agentTrace } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid, expectNotFound } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

const GOOD_Q = 'What is the capital of France and how many people live there?';
const GOOD_A = 'The capital of France is Paris, where about 2.1 million people live.';
const BAD_Q = 'Explain how photosynthesis works in green plants.';
const BAD_A = 'Shut up, you damn idiot, this shit is not my problem.';
const answers: Record<string, string> = { [GOOD_Q]: GOOD_A, [BAD_Q]: BAD_A };

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let agent: { id: string; slug: string };

const db = () => h.trellis.database.db;
const today = () => new Date().toISOString().slice(0, 10);
const scorers = ['relevancy', 'completeness', 'tone', 'toxicity'];
const waitFor = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 20_000, interval: 200 });
const evaluationOf = async (runId: string) =>
  (await db().select().from(agentEvaluation).where(eq(agentEvaluation.runId, runId)))[0];

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi(
    { EVAL_ALERT_MIN_RUNS: '2' },
    { defaultReply: (text) => ({ text: answers[text] ?? 'Fine.' }) },
  );
  alice = await h.signUp();
  mallory = await h.signUp();
  agent = (
    await alice.post('/api/agents', {
      name: 'Scored',
      instructions: 'Answer.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      scorers,
    })
  ).body;
});
afterAll(() => h?.close());

describe('scoring finished runs', () => {
  let goodRun: string;
  let badRuns: string[];

  it('scores each completed run with every scorer of its agent, labelled with the method that ran', async () => {
    goodRun = (await alice.post(`/api/agents/${agent.id}/runs`, { input: GOOD_Q })).body.id;
    await waitFor(async () => expect(await evaluationOf(goodRun)).toBeDefined());
    const { scoresJson, scorerVersion, agentId } = await evaluationOf(goodRun);
    expect({ scorerVersion, agentId }).toEqual({ scorerVersion: 'code-1', agentId: agent.id });
    expect(Object.keys(scoresJson).sort()).toEqual([...scorers].sort());
    expect(scoresJson.relevancy.score).toBeGreaterThanOrEqual(0.6);
    expect(scoresJson.completeness.score).toBeGreaterThanOrEqual(0.3);
    expect(scoresJson.toxicity).toMatchObject({ score: 0, quality: 1, method: 'code' });
    expect(scoresJson.tone.score).toBeGreaterThanOrEqual(0.5);
    expect(scoresJson.relevancy.label).toContain('keyword');
    const [trace] = await db().select().from(agentTrace).where(eq(agentTrace.runId, goodRun));
    expect(trace.scoresJson).toEqual(scoresJson);

    badRuns = [
      (await alice.post(`/api/agents/${agent.id}/runs`, { input: BAD_Q })).body.id,
      (await alice.post(`/api/agents/${agent.id}/runs`, { input: BAD_Q })).body.id,
    ];
    await waitFor(async () => {
      for (const id of badRuns) expect(await evaluationOf(id)).toBeDefined();
    });
    const bad = (await evaluationOf(badRuns[0])).scoresJson;
    expect(bad.relevancy.score).toBeLessThanOrEqual(0.2);
    expect(bad.toxicity.score).toBeGreaterThanOrEqual(0.5);
    expect(bad.toxicity.quality).toBeCloseTo(1 - bad.toxicity.score, 5);
  });

  it('fills the daily quality rollups, the overview quality, and alerts when a day falls below the threshold', async () => {
    await waitFor(async () => {
      const rows = await db()
        .select()
        .from(agentQualityMetricDaily)
        .where(and(eq(agentQualityMetricDaily.agentId, agent.id), eq(agentQualityMetricDaily.date, today())));
      expect(rows.map((r) => [r.scorerId, r.count]).sort()).toEqual(scorers.map((s) => [s, 3]).sort());
    });
    const [stats] = await db().select().from(agentStatsDaily).where(eq(agentStatsDaily.agentId, agent.id));
    expect(stats.avgQuality).toBeGreaterThan(0);
    expect(stats.avgQuality).toBeLessThan(0.5);
    const overview = await alice.get(`/api/agents/${agent.id}/overview`);
    expect(overview.body.avgQuality).toBeCloseTo(stats.avgQuality as number, 5);
    await waitFor(async () => {
      const alerts = await db()
        .select()
        .from(agentAlert)
        .where(and(eq(agentAlert.agentId, agent.id), eq(agentAlert.source, 'EVAL')));
      expect(alerts).toHaveLength(1);
      expect(alerts[0].message).toContain('below the threshold 0.5');
    });
  });

  it('serves runs, aggregates by scorer and day, and the worst runs; refuses bad queries and other organizations', async () => {
    const res = await alice.get(`/api/agents/${agent.slug}/evaluations?limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.scorers.map((s: { id: string }) => s.id).sort()).toEqual([...scorers].sort());
    expect(res.body.scorers.find((s: { id: string }) => s.id === 'toxicity')).toMatchObject({ higherIsBetter: false });
    expect(res.body.evaluations).toHaveLength(2);
    expect(res.body.nextCursor).toBeTruthy();
    expect(res.body.byScorer).toHaveLength(4);
    expect(res.body.byScorer.every((s: { count: number }) => s.count === 3)).toBe(true);
    expect(res.body.daily.every((d: { date: string }) => d.date === today())).toBe(true);
    expect(badRuns).toContain(res.body.worst[0].runId);
    expect(res.body.worst.at(-1).runId).toBe(goodRun);
    const rest = await alice.get(`/api/agents/${agent.id}/evaluations?cursor=${res.body.nextCursor}`);
    expect(rest.body.evaluations).toHaveLength(1);
    expectInvalid(await alice.get(`/api/agents/${agent.id}/evaluations?from=2026-13-01`), 'from');
    expectInvalid(await alice.get(`/api/agents/${agent.id}/evaluations?limit=0`), 'limit');
    expectNotFound(await mallory.get(`/api/agents/${agent.id}/evaluations`), agent.id);
  });

  it('scores nothing for an agent without scorers, or a run that failed', async () => {
    const plain = (
      await alice.post('/api/agents', {
        name: 'Unscored',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    const run = (await alice.post(`/api/agents/${plain.id}/runs`, { input: GOOD_Q })).body.id;
    h.fake.enqueue({ error: { status: 500, message: 'boom' } });
    const failed = (await alice.post(`/api/agents/${agent.id}/runs`, { input: GOOD_Q })).body;
    expect(failed.status).toBe('FAILED');
    // Both runs are counted (their cost recorded) before anything could score them.
    await waitFor(async () => {
      const counted = await alice.get(`/api/agents/${agent.id}/runs/${failed.id}`);
      expect(counted.body.countedAt).not.toBeNull();
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await evaluationOf(run)).toBeUndefined();
    expect(await evaluationOf(failed.id)).toBeUndefined();
  });
});

describe('judge agreement', () => {
  it("measures each scorer against people's thumbs and test cases: κ, precision and recall with intervals", async () => {
    const judged = (
      await alice.post('/api/agents', {
        name: 'Judged',
        instructions: 'Answer.',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
        scorers: ['relevancy', 'toxicity'],
      })
    ).body;
    const runs: { id: string; good: boolean }[] = [];
    for (let i = 0; i < 20; i++) {
      const good = i % 2 === 0;
      runs.push({
        id: (await alice.post(`/api/agents/${judged.id}/runs`, { input: good ? GOOD_Q : BAD_Q })).body.id,
        good,
      });
    }
    for (const run of runs)
      await alice.post(`/api/agents/${judged.id}/runs/${run.id}/feedback`, { thumbs: run.good ? 'up' : 'down' });
    // A test case (expected answer) adds pairs from its suite run's scored TEST run.
    await alice.post(`/api/agents/${judged.id}/test-cases`, {
      name: 'capital',
      inputText: GOOD_Q,
      expectedOutput: 'Paris',
    });
    const suite = (await alice.post(`/api/agents/${judged.id}/test`, {})).body.suiteRunId;
    await waitFor(async () => {
      const agreement = (await alice.get(`/api/agents/${judged.id}/evaluations/agreement`)).body;
      expect(agreement.scoredRuns).toBe(21);
      expect(agreement.scorers.find((s: { scorerId: string }) => s.scorerId === 'relevancy').sources).toEqual({
        feedback: 20,
        testCases: 1,
      });
    });
    expect((await alice.get(`/api/agents/${judged.id}/test-runs/${suite}`)).body.passed).toBe(1);
    const { body } = await alice.get(`/api/agents/${judged.id}/evaluations/agreement`);
    expect(body).toMatchObject({ threshold: 0.5, minPairs: 20 });
    expect(body.method).toContain('Cohen');
    for (const scorerId of ['relevancy', 'toxicity']) {
      const s = body.scorers.find((x: { scorerId: string }) => x.scorerId === scorerId);
      expect(s).toMatchObject({
        pairs: 21,
        enough: true,
        confusion: { bothBad: 10, scorerBadOnly: 0, personBadOnly: 0, bothGood: 11 },
      });
      expect(s.kappa.value).toBe(1);
      expect(s.precision).toMatchObject({ value: 1 });
      expect(s.recall.value).toBe(1);
      expect(s.recall.low).toBeGreaterThan(0.6);
      expect(s.recall.low).toBeLessThan(1);
    }
    // At threshold 0 a scorer never calls an answer bad: no better than chance, and no precision to speak of.
    const lax = (await alice.get(`/api/agents/${judged.id}/evaluations/agreement?threshold=0`)).body;
    const laxRelevancy = lax.scorers.find((x: { scorerId: string }) => x.scorerId === 'relevancy');
    expect(laxRelevancy.kappa.value).toBeCloseTo(0, 10);
    expect(laxRelevancy.precision.value).toBeNull();
    expect(laxRelevancy.recall.value).toBe(0);
    expectInvalid(await alice.get(`/api/agents/${judged.id}/evaluations/agreement?threshold=2`), 'threshold');
    expectNotFound(await mallory.get(`/api/agents/${judged.id}/evaluations/agreement`), judged.id);
  });
});

describe('LLM judge', () => {
  it('judges relevancy and toxicity with EVAL_JUDGE_MODEL (labelled), and falls back to code when the judge fails', async () => {
    let judgeFails = false;
    const judged = await startHarnessWithFakeOpenAi(
      { EVAL_JUDGE_MODEL: 'openai/gpt-4o-mini' },
      {
        defaultReply: (text) => {
          if (text.includes('break it down into meaningful statements'))
            return judgeFails
              ? { error: { status: 500, message: 'judge down' } }
              : { text: JSON.stringify({ statements: ['Paris is the capital.', 'I like trains.'] }) };
          if (text.includes("Evaluate each statement's relevance"))
            return {
              text: JSON.stringify({
                results: [
                  { result: 'yes', reason: 'answers the question' },
                  { result: 'no', reason: 'off topic' },
                ],
              }),
            };
          if (text.includes('indicate whether EACH opinion is toxic'))
            return { text: JSON.stringify({ verdicts: [{ verdict: 'no', reason: 'polite' }] }) };
          if (text.includes('ANSWER TO GRADE'))
            return {
              text: JSON.stringify(
                text.includes('Paris', text.indexOf('ANSWER TO GRADE'))
                  ? { passed: true, score: 0.9, reason: 'names Paris' }
                  : { passed: false, score: 0.1, reason: 'does not name Paris' },
              ),
            };
          if (text.includes('Explain the relevancy score') || text.includes('CONCISELY justify the score'))
            return { text: 'Half the statements answer the question.' };
          return { text: answers[text] ?? 'Fine.' };
        },
      },
    );
    try {
      const user = await judged.signUp();
      const a = (
        await user.post('/api/agents', {
          name: 'Judged by a model',
          instructions: 'Answer.',
          modelProvider: 'openai',
          modelName: 'gpt-4o-mini',
          scorers: ['relevancy', 'toxicity', 'tone'],
        })
      ).body;
      const run = (await user.post(`/api/agents/${a.id}/runs`, { input: GOOD_Q })).body.id;
      const evaluationIn = (h2: typeof judged, runId: string) =>
        h2.trellis.database.db.select().from(agentEvaluation).where(eq(agentEvaluation.runId, runId));
      let row: Awaited<ReturnType<typeof evaluationIn>>[number] | undefined;
      await waitFor(async () => {
        [row] = await evaluationIn(judged, run);
        expect(row).toBeDefined();
      });
      expect(row?.scorerVersion).toBe('llm-1:openai/gpt-4o-mini');
      expect(row?.scoresJson.relevancy).toMatchObject({
        score: 0.5,
        method: 'llm',
        reason: 'Half the statements answer the question.',
      });
      expect(row?.scoresJson.relevancy.label).toContain('LLM judge (openai/gpt-4o-mini)');
      expect(row?.scoresJson.toxicity).toMatchObject({ score: 0, method: 'llm' });
      expect(row?.scoresJson.tone).toMatchObject({ method: 'code' });

      // The llm-judge test match mode asks the same judge.
      const judgedCase = await user.post(`/api/agents/${a.id}/test-cases`, {
        name: 'capital by judge',
        inputText: GOOD_Q,
        matchMode: 'llm-judge',
        matchConfig: { criteria: 'names the capital' },
      });
      expect(judgedCase.status, JSON.stringify(judgedCase.body)).toBe(201);
      expectInvalid(
        await user.post(`/api/agents/${a.id}/test-cases`, { name: 'x', inputText: 'q', matchMode: 'llm-judge' }),
        'expectedOutput',
      );
      const suite = (await user.post(`/api/agents/${a.id}/test`, {})).body.suiteRunId;
      await waitFor(async () => {
        const done = (await user.get(`/api/agents/${a.id}/test-runs/${suite}`)).body;
        expect(done.status).toBe('COMPLETED');
        expect(done.results[0]).toMatchObject({ passed: true, score: 0.9 });
      });

      judgeFails = true;
      // Mastra's judge agent logs the failed call (our wrapper keeps the prompt out of it): asserted, not dumped.
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const second = (await user.post(`/api/agents/${a.id}/runs`, { input: GOOD_Q })).body.id;
        await waitFor(async () => {
          [row] = await evaluationIn(judged, second);
          expect(row).toBeDefined();
        });
        const lines = logged.mock.calls.map((c) => c.map((x) => (typeof x === 'string' ? x : inspect(x))).join(' '));
        expect(lines.some((l) => l.includes('judge model call failed'))).toBe(true);
        expect(lines.join('\n')).not.toContain(GOOD_Q);
      } finally {
        logged.mockRestore();
      }
      expect(row?.scoresJson.relevancy.method).toBe('code');
      expect(row?.scoresJson.relevancy.label).toContain('failed');
      expect(row?.scoresJson.relevancy.score).toBeGreaterThanOrEqual(0.6);
    } finally {
      await judged.close();
    }
  });
});

describe('sampling', () => {
  it("follows the agent's own share of runs scored (0: none), validated and kept in its versions", async () => {
    const none = await alice.post('/api/agents', {
      name: 'Never scored',
      instructions: 'Answer.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      scorers,
      scorerSampleRate: 0,
    });
    expect(none.body.scorerSampleRate).toBe(0);
    expectInvalid(await alice.put(`/api/agents/${none.body.id}`, { scorerSampleRate: 1.5 }), 'scorerSampleRate');
    const run = (await alice.post(`/api/agents/${none.body.id}/runs`, { input: GOOD_Q })).body.id;
    await waitFor(async () =>
      expect((await alice.get(`/api/agents/${none.body.id}/runs/${run}`)).body.countedAt).not.toBeNull(),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await evaluationOf(run)).toBeUndefined();
    // Back to every run: the change is a version, and the next run is scored.
    expect((await alice.put(`/api/agents/${none.body.id}`, { scorerSampleRate: 1 })).status).toBe(200);
    const [v2] = (await alice.get(`/api/agents/${none.body.id}/versions`)).body.versions;
    expect(v2).toMatchObject({ version: 2, snapshot: { scorerSampleRate: 1 } });
    const next = (await alice.post(`/api/agents/${none.body.id}/runs`, { input: GOOD_Q })).body.id;
    await waitFor(async () => expect(await evaluationOf(next)).toBeDefined());
  });

  it('scores exactly the runs its rate samples (EVAL_SAMPLE_RATE=0.5), with every scorer', async () => {
    const half = await startHarnessWithFakeOpenAi({ EVAL_SAMPLE_RATE: '0.5' });
    try {
      const user = await half.signUp();
      const sampledAgent = (
        await user.post('/api/agents', {
          name: 'Half scored',
          instructions: 'x',
          modelProvider: 'openai',
          modelName: 'gpt-4o-mini',
          scorers,
        })
      ).body;
      const runs: string[] = [];
      for (let i = 0; i < 10; i++)
        runs.push((await user.post(`/api/agents/${sampledAgent.id}/runs`, { input: GOOD_Q })).body.id);
      const expected = runs.filter((id) => isSampled(id, 0.5));
      const scored = async () =>
        (
          await half.trellis.database.db
            .select()
            .from(agentEvaluation)
            .where(eq(agentEvaluation.agentId, sampledAgent.id))
        )
          .map((e) => e.runId)
          .sort();
      await waitFor(async () => expect(await scored()).toEqual([...expected].sort()));
      await waitFor(async () => {
        for (const id of runs)
          expect((await user.get(`/api/agents/${sampledAgent.id}/runs/${id}`)).body.countedAt).not.toBeNull();
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(await scored()).toEqual([...expected].sort());
      const rows = await half.trellis.database.db
        .select()
        .from(agentEvaluation)
        .where(eq(agentEvaluation.agentId, sampledAgent.id));
      for (const row of rows) expect(Object.keys(row.scoresJson).sort()).toEqual([...scorers].sort());
    } finally {
      await half.close();
    }
  });

  it('is decided per run from its id: the same runs at the same rate, about the rate of them', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `run-${i}`);
    const half = ids.filter((id) => isSampled(id, 0.5));
    expect(half.length).toBeGreaterThan(900);
    expect(half.length).toBeLessThan(1100);
    expect(ids.filter((id) => isSampled(id, 0.5))).toEqual(half);
    // A lower rate picks a subset of a higher rate's runs.
    expect(ids.filter((id) => isSampled(id, 0.2)).every((id) => half.includes(id))).toBe(true);
  });
});
