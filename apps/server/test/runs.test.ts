// Runs end to end: the demo model's tool loop, real provider protocols (fake servers on 127.0.0.1) with tokens
// and cost, failures recorded as FAILED runs, listing with filters and cursors, bad input and other tenants.
import { catalogPrice, costOf } from '@trellis/core';
import { agentRun, agentToolCall, agentTraceStep, modelPriceOverride } from '@trellis/db';
import type { FakeLlm } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startHarness, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let fake: FakeLlm;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi((fake) => ({
    OPENAI_API_KEY: 'sk-test-openai',
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
    GOOGLE_GENERATIVE_AI_API_KEY: 'g-test',
    GOOGLE_BASE_URL: fake.googleBaseURL,
    OPENAI_COMPATIBLE_BASE_URL: fake.openaiBaseURL,
    OPENAI_COMPATIBLE_API_KEY: 'local-key',
    OPENAI_COMPATIBLE_MODELS: 'llama3.2',
  }));
  fake = h.fake;
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(() => h?.close());

const db = () => h.trellis.database.db;

describe('runs on the demo model', () => {
  it('runs a tool-call loop and records run, trace steps and tool calls', async () => {
    // Seeds use the first configured provider (OpenAI here); put the assistant on the demo model.
    expect((await alice.put('/api/agents/assistant', { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(200);
    const res = await alice.post('/api/agents/assistant/runs', {
      input: 'What is 12*7+1?',
      requestContext: { resource: { userId: 'u-1' } },
      threadId: 't-1',
    });
    expect(res.status).toBe(201);
    const run = res.body;
    expect(run).toMatchObject({
      status: 'COMPLETED',
      agentSlug: 'assistant',
      modelProvider: 'demo',
      modelName: 'demo-1',
      source: 'database',
      runType: 'PROD',
      resourceId: 'u-1',
      threadId: 't-1',
      costUsd: 0,
    });
    expect(run.outputText).toContain('85');
    expect(run.outputText).toContain('demo (offline)');
    expect(run.promptTokens).toBeGreaterThan(0);
    expect(run.totalTokens).toBe(run.promptTokens + run.completionTokens);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    const agent = (await alice.get('/api/agents/assistant')).body;
    const version = (await alice.get('/api/agents/assistant/versions')).body.versions[0];
    expect(run.agentId).toBe(agent.id);
    expect(run.versionId).toBe(version.id);
    expect(run.trace.steps.map((s: { type: string }) => s.type)).toEqual(['llm', 'tool-call', 'llm']);
    expect(run.trace.tokensJson).toMatchObject({
      promptTokens: run.promptTokens,
      completionTokens: run.completionTokens,
    });
    expect(run.toolCalls).toHaveLength(1);
    expect(run.toolCalls[0]).toMatchObject({
      toolKey: 'calculator',
      success: true,
      inputJson: { expression: '12*7+1' },
      outputJson: { result: 85 },
      stepNumber: 2,
    });
    // the database holds the same
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, run.id));
    expect(row.status).toBe('COMPLETED');
    expect(row.startedAt).not.toBeNull();
    expect(row.completedAt).not.toBeNull();
    const calls = await db().select().from(agentToolCall).where(eq(agentToolCall.runId, run.id));
    expect(calls).toHaveLength(1);
    const steps = await db().select().from(agentTraceStep).where(eq(agentTraceStep.traceId, run.trace.id));
    expect(steps).toHaveLength(3);
    const starts = [...steps].sort((a, b) => a.stepNumber - b.stepNumber).map((s) => s.startedAt!.getTime());
    expect(starts.every((t, i) => t >= (starts[i - 1] ?? 0) && t >= row.startedAt!.getTime() - 1)).toBe(true);
    const got = await alice.get(`/api/agents/assistant/runs/${run.id}`);
    expect(got.status).toBe(200);
    expect(got.body.trace.steps).toHaveLength(3);
    // The run's answer is built without reading its rows back: it is exactly what reading them gives (but for what
    // the run-completed job changed since: counted, and so updated).
    const { countedAt: _c, updatedAt: _u, ...read } = got.body;
    const { countedAt: _c2, updatedAt: _u2, ...answered } = run;
    expect(read).toEqual(answered);
  });

  it('answers 400 for bad input and records nothing', async () => {
    const before = (await db().select().from(agentRun)).length;
    for (const body of [
      {},
      { input: '' },
      { input: '   ' },
      { input: 'hi', runType: 'NOPE' },
      { input: 'hi', extra: 1 },
      { input: [{ role: 'robot', content: 'x' }] },
    ]) {
      const res = await alice.post('/api/agents/assistant/runs', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/input|runType|extra|role/);
    }
    const malformed = await alice.request('POST', '/api/agents/assistant/runs', '{"input": ', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect((await db().select().from(agentRun)).length).toBe(before);
  });

  it("another organization's agent and runs are 404 and nothing is recorded", async () => {
    const run = (await alice.post('/api/agents/assistant/runs', { input: 'hello' })).body;
    const agent = (await alice.get('/api/agents/assistant')).body;
    const before = (await db().select().from(agentRun)).length;
    expect((await mallory.post(`/api/agents/${agent.id}/runs`, { input: 'hi' })).status).toBe(404);
    expect((await mallory.get(`/api/agents/${agent.id}/runs`)).status).toBe(404);
    expect((await mallory.get(`/api/agents/${agent.id}/runs/${run.id}`)).status).toBe(404);
    expect((await mallory.get(`/api/agents/assistant/runs/${run.id}`)).status).toBe(404);
    expect((await mallory.post(`/api/agents/${agent.id}/stream`, { input: 'hi' })).status).toBe(404);
    expect((await db().select().from(agentRun)).length).toBe(before);
  });
});

describe('runs against provider protocols', () => {
  async function agentOn(client: ApiClient, modelProvider: string, modelName: string, tools: string[] = []) {
    const res = await client.post('/api/agents', {
      name: `${modelProvider} ${modelName} ${Math.random()}`,
      instructions: 'You are terse.',
      modelProvider,
      modelName,
      tools,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('OpenAI (responses API): a tool loop with tokens and cost equal to what the server reported', async () => {
    fake.reset();
    const agent = await agentOn(alice, 'openai', 'gpt-4o-mini', ['calculator']);
    fake.enqueue(
      {
        toolCalls: [{ name: 'calculator', args: { expression: '2+3' } }],
        usage: { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 200 },
      },
      { text: 'The answer is 5.', usage: { inputTokens: 1200, outputTokens: 20 } },
    );
    const res = await alice.post(`/api/agents/${agent.id}/runs`, { input: 'what is 2+3' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'COMPLETED',
      outputText: 'The answer is 5.',
      promptTokens: 2200,
      completionTokens: 70,
      totalTokens: 2270,
      cachedTokens: 200,
    });
    const expected = costOf(
      { promptTokens: 2200, completionTokens: 70, totalTokens: 2270, cachedTokens: 200, reasoningTokens: 0 },
      catalogPrice('openai', 'gpt-4o-mini'),
    );
    expect(expected.costUsd).toBeGreaterThan(0);
    expect(res.body.costUsd).toBeCloseTo(expected.costUsd, 10);
    expect(res.body.toolCalls[0]).toMatchObject({ toolKey: 'calculator', outputJson: { result: 5 }, success: true });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({ provider: 'openai-responses', model: 'gpt-4o-mini' });
    expect(fake.requests[0].headers.authorization).toBe('Bearer sk-test-openai');
    expect(JSON.stringify(fake.requests[1].body)).toContain('function_call_output');
  });

  it("prices with the tenant's override when it has one, and only for that tenant", async () => {
    fake.reset();
    await db().insert(modelPriceOverride).values({
      tenantId: alice.tenantId,
      provider: 'openai',
      modelName: 'gpt-4o',
      inputPerMTokUsd: 10,
      outputPerMTokUsd: 100,
      reasoningPerMTokUsd: 200,
    });
    const agent = await agentOn(alice, 'openai', 'gpt-4o');
    fake.enqueue({ text: 'ok', usage: { inputTokens: 1000, outputTokens: 40, reasoningTokens: 30 } });
    const res = await alice.post(`/api/agents/${agent.slug}/runs`, { input: 'think' });
    expect(res.body).toMatchObject({
      status: 'COMPLETED',
      promptTokens: 1000,
      completionTokens: 40,
      reasoningTokens: 30,
    });
    // 1000 × $10/M + 10 × $100/M + 30 × $200/M
    expect(res.body.costUsd).toBeCloseTo(0.01 + 0.001 + 0.006, 10);
    const other = await agentOn(mallory, 'openai', 'gpt-4o');
    fake.enqueue({ text: 'ok', usage: { inputTokens: 1000, outputTokens: 40, reasoningTokens: 30 } });
    const theirs = await mallory.post(`/api/agents/${other.id}/runs`, { input: 'think' });
    const catalog = costOf(
      { promptTokens: 1000, completionTokens: 40, totalTokens: 1040, reasoningTokens: 30 },
      catalogPrice('openai', 'gpt-4o'),
    );
    expect(theirs.body.costUsd).toBeCloseTo(catalog.costUsd, 10);
    expect(theirs.body.costUsd).not.toBeCloseTo(res.body.costUsd, 6);
  });

  it.each([
    ['anthropic', 'claude-sonnet-4-5', 'anthropic'],
    ['google', 'gemini-2.0-flash', 'google'],
    ['openai-compatible', 'llama3.2', 'openai-chat'],
  ])('%s: records the reply and the usage the server reported', async (provider, model, wire) => {
    fake.reset();
    const agent = await agentOn(alice, provider, model);
    fake.enqueue({ text: `hello from ${provider}`, usage: { inputTokens: 321, outputTokens: 12 } });
    const res = await alice.post(`/api/agents/${agent.id}/runs`, { input: 'say hello' });
    expect(res.body).toMatchObject({
      status: 'COMPLETED',
      outputText: `hello from ${provider}`,
      promptTokens: 321,
      completionTokens: 12,
      modelProvider: provider,
      modelName: model,
    });
    expect(fake.requests[0]).toMatchObject({ provider: wire, model });
    const price = catalogPrice(provider, model);
    expect(res.body.costUsd).toBeCloseTo(
      costOf({ promptTokens: 321, completionTokens: 12, totalTokens: 333 }, price).costUsd,
      10,
    );
  });

  it('a provider error is recorded as a FAILED run with the error', async () => {
    fake.reset();
    const agent = await agentOn(alice, 'openai', 'gpt-4o-mini');
    fake.enqueue({ error: { status: 400, message: 'context length exceeded' } });
    const res = await alice.post(`/api/agents/${agent.id}/runs`, { input: 'boom' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'FAILED', errorCode: 'PROVIDER_ERROR', outputText: null });
    expect(res.body.error).toContain('context length exceeded');
    expect(res.body.trace.status).toBe('FAILED');
  });

  it('a provider without a key fails the run with MODEL_NOT_CONFIGURED naming the variable', async () => {
    const bare = await startHarness();
    try {
      const bob = await bare.signUp();
      const agent = await agentOn(bob, 'anthropic', 'claude-sonnet-4-5');
      const res = await bob.post(`/api/agents/${agent.id}/runs`, { input: 'hi' });
      expect(res.body).toMatchObject({ status: 'FAILED', errorCode: 'MODEL_NOT_CONFIGURED' });
      expect(res.body.error).toContain('ANTHROPIC_API_KEY');
      const models = await bob.get('/api/models');
      const anthropic = models.body.providers.find((p: { id: string }) => p.id === 'anthropic');
      expect(anthropic).toMatchObject({ configured: false, configureWith: 'ANTHROPIC_API_KEY' });
    } finally {
      await bare.close();
    }
  });

  it('GET /api/models lists configured providers without secrets', async () => {
    const res = await alice.get('/api/models');
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.providers.map((p: { id: string }) => [p.id, p]));
    expect(byId.demo).toMatchObject({ configured: true, label: 'demo (offline)' });
    expect(byId.openai.configured).toBe(true);
    expect(byId.openai.models.some((m: { id: string }) => m.id === 'gpt-4o-mini')).toBe(true);
    expect(byId['openai-compatible'].models).toEqual([{ id: 'llama3.2', name: 'llama3.2' }]);
    expect(JSON.stringify(res.body)).not.toContain('sk-test-openai');
  });
});

describe('listing runs', () => {
  it('filters by status, type and date, and pages with a cursor without gaps or repeats', async () => {
    const carol = await h.signUp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await carol.post('/api/agents/budget-agent/runs', {
        input: `run ${i}`,
        runType: i % 2 ? 'TEST' : 'PROD',
      });
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { runs: { id: string }[]; nextCursor: string | null } } = await carol.get(
        `/api/agents/budget-agent/runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.runs.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.runs.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const tests = await carol.get('/api/agents/budget-agent/runs?runType=TEST');
    expect(tests.body.runs.map((r: { id: string }) => r.id)).toEqual([ids[3], ids[1]]);
    const completed = await carol.get('/api/agents/budget-agent/runs?status=COMPLETED');
    expect(completed.body.runs).toHaveLength(5);
    expect((await carol.get('/api/agents/budget-agent/runs?status=FAILED')).body.runs).toHaveLength(0);
    const future = await carol.get(
      `/api/agents/budget-agent/runs?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
    );
    expect(future.body.runs).toHaveLength(0);
    const past = await carol.get(
      `/api/agents/budget-agent/runs?to=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`,
    );
    expect(past.body.runs).toHaveLength(5);
    for (const q of ['status=DONE', 'limit=0', 'limit=500', 'from=yesterday', 'cursor=not-a-cursor']) {
      const bad = await carol.get(`/api/agents/budget-agent/runs?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await carol.get('/api/agents/no-such-agent/runs')).status).toBe(404);
    expect((await carol.get('/api/agents/budget-agent/runs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});
