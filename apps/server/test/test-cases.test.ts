// Test cases and suites end to end: cases in every match mode, a case made from a run, a suite run against an old
// version and the current one (the fake model answers differently per version), progress and per-case results from
// the TEST runs, a case-by-case comparison, tags, and the bad-input and cross-tenant paths of every route.
import { agentRun, agentTestCase } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid, expectNotFound } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let agent: { id: string; slug: string };

/** Version 1's instructions make the fake model vague; version 2's make it answer well. */
function reply(text: string, request: { body: unknown }) {
  const good = JSON.stringify(request.body).includes('ANSWER-WELL');
  if (text.includes('JSON')) return { text: good ? '```json\n{"city":"Paris","days":3}\n```' : '{"city":"Paris"}' };
  if (text.includes('capital'))
    return { text: good ? 'The capital of France is Paris.' : 'I am not sure, maybe Lyon.' };
  return { text: good ? 'Order 12345 ships tomorrow.' : 'It ships soon.' };
}

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi({}, { defaultReply: (text, request) => reply(text, request) });
  alice = await h.signUp();
  mallory = await h.signUp();
  agent = (
    await alice.post('/api/agents', {
      name: 'Tested',
      instructions: 'Answer briefly.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
    })
  ).body;
});
afterAll(() => h?.close());

const cases = (client = alice, agentId = agent.id) => client.get(`/api/agents/${agentId}/test-cases`);
const waitForSuite = async (suiteRunId: string) => {
  let body: any;
  await vi.waitFor(
    async () => {
      body = (await alice.get(`/api/agents/${agent.id}/test-runs/${suiteRunId}`)).body;
      expect(body.status).toBe('COMPLETED');
    },
    { timeout: 30_000, interval: 200 },
  );
  return body;
};

describe('test cases', () => {
  it('creates cases in every match mode, with tags and a pinned one', async () => {
    const made = [
      {
        name: 'capital',
        inputText: 'What is the capital of France?',
        expectedOutput: 'paris',
        pinned: true,
        tags: ['smoke'],
      },
      {
        name: 'exact',
        inputText: 'When does order 12345 ship?',
        expectedOutput: 'Order 12345 ships tomorrow.',
        matchMode: 'exact',
      },
      {
        name: 'regex',
        inputText: 'Ship date for order 12345?',
        expectedOutput: '(?i)order \\d{5} ships',
        matchMode: 'regex',
        tags: ['smoke'],
      },
      {
        name: 'json',
        inputText: 'Give JSON with the city and days.',
        matchMode: 'json-schema',
        matchConfig: {
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, days: { type: 'integer' } },
            required: ['city', 'days'],
          },
        },
      },
      {
        name: 'relevant',
        inputText: 'What is the capital of France?',
        matchMode: 'scorer',
        matchConfig: { scorer: 'relevancy', threshold: 0.6 },
      },
    ];
    for (const body of made) {
      const res = await alice.post(`/api/agents/${agent.slug}/test-cases`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const list = (await cases()).body.testCases;
    expect(list.map((c: { name: string }) => c.name)).toEqual(['capital', 'exact', 'regex', 'json', 'relevant']);
    expect(list[0]).toMatchObject({ matchMode: 'contains', pinned: true, tags: ['smoke'] });
    expect((await alice.get(`/api/agents/${agent.id}/test-cases?tags=smoke`)).body.testCases).toHaveLength(2);
  });

  it('refuses cases it could not judge, at the field, and writes nothing', async () => {
    const before = (await cases()).body.testCases.length;
    const bad: [unknown, string][] = [
      [{ name: 'x', inputText: 'q' }, 'expectedOutput'],
      [{ name: 'x', inputText: 'q', expectedOutput: '(a', matchMode: 'regex' }, 'expectedOutput'],
      [
        { name: 'x', inputText: 'q', matchMode: 'scorer', matchConfig: { scorer: 'vibes', threshold: 0.5 } },
        'matchConfig.scorer',
      ],
      [
        { name: 'x', inputText: 'q', matchMode: 'scorer', matchConfig: { scorer: 'tone', threshold: 2 } },
        'matchConfig.threshold',
      ],
      [
        { name: 'x', inputText: 'q', matchMode: 'json-schema', matchConfig: { schema: { type: 'nonsense' } } },
        'matchConfig.schema',
      ],
      [{ name: 'x', inputText: 'q', expectedOutput: 'a', matchMode: 'llm-judge' }, 'matchMode'],
      [{ name: '', inputText: 'q', expectedOutput: 'a' }, 'name'],
      [{ name: 'x', inputText: 'q', expectedOutput: 'a', weight: 3 }, 'weight'],
    ];
    for (const [body, field] of bad) expectInvalid(await alice.post(`/api/agents/${agent.id}/test-cases`, body), field);
    expect((await cases()).body.testCases).toHaveLength(before);
  });

  it('changes and removes a case; another organization sees none of it', async () => {
    const made = (
      await alice.post(`/api/agents/${agent.id}/test-cases`, { name: 'temp', inputText: 'q', expectedOutput: 'a' })
    ).body;
    const changed = await alice.put(`/api/agents/${agent.id}/test-cases/${made.id}`, {
      expectedOutput: 'b',
      tags: ['x'],
    });
    expect(changed.body).toMatchObject({ expectedOutput: 'b', tags: ['x'], matchMode: 'contains' });
    expectInvalid(
      await alice.put(`/api/agents/${agent.id}/test-cases/${made.id}`, { matchMode: 'regex', expectedOutput: '(' }),
      'expectedOutput',
    );
    expectInvalid(
      await alice.put(`/api/agents/${agent.id}/test-cases/${made.id}`, { expectedOutput: null }),
      'expectedOutput',
    );
    expectNotFound(await mallory.get(`/api/agents/${agent.id}/test-cases`), agent.id);
    expectNotFound(await mallory.put(`/api/agents/${agent.id}/test-cases/${made.id}`, { name: 'mine' }), agent.id);
    expectNotFound(await mallory.delete(`/api/agents/${agent.id}/test-cases/${made.id}`), agent.id);
    expectNotFound(await mallory.post(`/api/agents/${agent.id}/test`, {}), agent.id);
    const own = (
      await mallory.post('/api/agents', {
        name: 'M',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    expectNotFound(await mallory.put(`/api/agents/${own.id}/test-cases/${made.id}`, { name: 'mine' }), made.id);
    expect((await alice.delete(`/api/agents/${agent.id}/test-cases/${made.id}`)).body).toEqual({ deleted: true });
    expectNotFound(await alice.delete(`/api/agents/${agent.id}/test-cases/${made.id}`), made.id);
  });

  it('turns a run into a case: its question, and its answer as the expected output', async () => {
    const run = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'Where does it ship from?' })).body;
    const res = await alice.post(`/api/agents/${agent.id}/runs/${run.id}/test-case`, { tags: ['from-run'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      inputText: 'Where does it ship from?',
      expectedOutput: run.outputText,
      sourceRunId: run.id,
      matchMode: 'contains',
      tags: ['from-run'],
    });
    expectNotFound(await alice.post(`/api/agents/${agent.id}/runs/no-such-run/test-case`, {}), 'no-such-run');
    const other = (
      await mallory.post('/api/agents', {
        name: 'M2',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    expectNotFound(await mallory.post(`/api/agents/${other.id}/runs/${run.id}/test-case`, {}), run.id);
    await alice.delete(`/api/agents/${agent.id}/test-cases/${res.body.id}`);
  });
});

describe('test suites', () => {
  let first: any;
  let second: any;

  it('runs every case as a TEST run of the version asked for, with progress and per-case results', async () => {
    // Version 2 answers well; version 1 stays as it was.
    expect((await alice.put(`/api/agents/${agent.id}`, { instructions: 'Answer briefly. ANSWER-WELL' })).status).toBe(
      200,
    );
    const started = await alice.post(`/api/agents/${agent.id}/test`, { version: 1 });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ total: 5, version: 1 });
    first = await waitForSuite(started.body.suiteRunId);
    expect(first).toMatchObject({ version: 1, total: 5, done: 5, progress: 1 });
    const verdicts = Object.fromEntries(first.results.map((r: any) => [r.name, r.passed]));
    expect(verdicts).toEqual({ capital: false, exact: false, regex: false, json: false, relevant: false });
    const runs = await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, first.results[0].runId));
    expect(runs[0]).toMatchObject({ runType: 'TEST', versionId: first.versionId, status: 'COMPLETED' });
    expect(first.results[0].outputText).toBe('I am not sure, maybe Lyon.');
    expect(first.results.every((r: any) => r.durationMs !== null)).toBe(true);
  });

  it('runs the current version, and compares the two case by case', async () => {
    const started = await alice.post(`/api/agents/${agent.id}/test`, {});
    expect(started.body.version).toBe(2);
    second = await waitForSuite(started.body.suiteRunId);
    expect(second.results.filter((r: any) => !r.passed).map((r: any) => [r.name, r.outputText, r.error])).toEqual([]);
    const relevant = second.results.find((r: any) => r.name === 'relevant');
    expect(relevant.score).toBeGreaterThanOrEqual(0.6);
    const compared = await alice.get(`/api/agents/${agent.id}/test-runs/${first.id}/compare/${second.id}`);
    expect(compared.status).toBe(200);
    expect(compared.body.summary).toMatchObject({ fixed: 5, regressed: 0, regressedPinned: [] });
    const back = await alice.get(`/api/agents/${agent.id}/test-runs/${second.id}/compare/${first.id}`);
    expect(back.body.summary.regressed).toBe(5);
    expect(back.body.summary.regressedPinned).toHaveLength(1);
    const listed = await alice.get(`/api/agents/${agent.id}/test-runs`);
    expect(listed.body.suiteRuns.map((s: any) => s.id)).toEqual([second.id, first.id]);
  });

  it('runs only the cases of the tags given; refuses unknown tags, versions and other organizations', async () => {
    const tagged = await alice.post(`/api/agents/${agent.id}/test`, { tags: ['smoke'] });
    expect(tagged.body.total).toBe(2);
    const done = await waitForSuite(tagged.body.suiteRunId);
    expect(done.results.map((r: any) => r.name)).toEqual(['capital', 'regex']);
    expectInvalid(await alice.post(`/api/agents/${agent.id}/test`, { tags: ['nope'] }), 'tags');
    expectNotFound(await alice.post(`/api/agents/${agent.id}/test`, { version: 99 }), '99');
    expectInvalid(await alice.post(`/api/agents/${agent.id}/test`, { version: 0 }), 'version');
    expectNotFound(await mallory.get(`/api/agents/${agent.id}/test-runs/${first.id}`), agent.id);
    const own = (
      await mallory.post('/api/agents', {
        name: 'M3',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    expectNotFound(await mallory.get(`/api/agents/${own.id}/test-runs/${first.id}`), first.id);
    expectNotFound(await alice.get(`/api/agents/${agent.id}/test-runs/${first.id}/compare/nope`), 'nope');
    const empty = (
      await alice.post('/api/agents', {
        name: 'No cases',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    const none = await alice.post(`/api/agents/${empty.id}/test`, {});
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe('the agent has no test cases');
    expect(await h.trellis.database.db.select().from(agentTestCase).where(eq(agentTestCase.agentId, empty.id))).toEqual(
      [],
    );
  });
});
