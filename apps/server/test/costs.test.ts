// Costs API end to end: GET /api/agents/{id}/costs from the rollups the run-completed job maintains (totals, dense
// by-day series, by model, month-to-date and projection), cost recommendations (cheaper model measured or not, long
// prompts, unused tools) and per-organization price overrides — with bad input (400) and other tenants (404).
import { catalogPrice, costOf, handleJob, jobLog, projectMonth } from '@trellis/core';
import { costEvent, costRecommendation, modelPriceOverride } from '@trellis/db';
import type { FakeLlm, FakeTurn } from '@trellis/testkit';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let fake: FakeLlm;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  fake = h.fake;
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(() => h?.close());

const db = () => h.trellis.database.db;
const today = () => new Date().toISOString().slice(0, 10);

async function createAgent(name: string, modelName = 'gpt-4o', tools: string[] = []) {
  const res = await alice.post('/api/agents', {
    name,
    instructions: 'Be terse.',
    modelProvider: 'openai',
    modelName,
    tools,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; slug: string };
}

/** Runs the agent once per turn and waits until the run-completed jobs recorded every cost event. */
async function run(agentId: string, turns: FakeTurn[]) {
  const ids: string[] = [];
  for (const turn of turns) {
    fake.enqueue(turn);
    const res = await alice.post(`/api/agents/${agentId}/runs`, { input: 'go' });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  await vi.waitFor(
    async () =>
      expect(await db().select().from(costEvent).where(inArray(costEvent.runId, ids))).toHaveLength(ids.length),
    { timeout: 20_000, interval: 100 },
  );
  return ids;
}

const turn = (inputTokens: number, outputTokens: number): FakeTurn => ({
  text: 'ok',
  usage: { inputTokens, outputTokens },
});

describe('GET /api/agents/{id}/costs', () => {
  it('sums the rollups: totals, a dense by-day series, by model, month-to-date and projection', async () => {
    const agent = await createAgent('Costly');
    const runIds = await run(agent.id, [turn(1200, 300), turn(800, 100), turn(50, 20)]);
    const events = await db().select().from(costEvent).where(inArray(costEvent.runId, runIds));
    const sum = (k: 'costUsd' | 'promptCostUsd' | 'completionCostUsd' | 'totalTokens') =>
      events.reduce((n, e) => n + e[k], 0);
    const expected = costOf(
      { promptTokens: 2050, completionTokens: 420, totalTokens: 2470 },
      catalogPrice('openai', 'gpt-4o'),
    );
    expect(sum('costUsd')).toBeCloseTo(expected.costUsd, 9);

    const res = await alice.get(`/api/agents/${agent.slug}/costs`);
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c).toMatchObject({ agentId: agent.id, currency: 'USD', from: `${today().slice(0, 7)}-01`, to: today() });
    expect(c.totals.runs).toBe(3);
    expect(c.totals.tokens).toBe(2470);
    expect(c.totals.costUsd).toBeCloseTo(sum('costUsd'), 9);
    expect(c.totals.promptCostUsd).toBeCloseTo(sum('promptCostUsd'), 9);
    expect(c.totals.promptCostUsd + c.totals.completionCostUsd).toBeCloseTo(c.totals.costUsd, 9);
    expect(c.byDay).toHaveLength(Number(today().slice(8, 10)));
    expect(c.byDay.at(-1)).toMatchObject({ date: today(), runs: 3 });
    expect(c.byDay.slice(0, -1).every((d: { runs: number }) => d.runs === 0)).toBe(true);
    expect(c.byModel).toEqual([{ modelName: 'gpt-4o', costUsd: expect.any(Number), tokens: 2470, runs: 3 }]);
    expect(c.monthToDate).toMatchObject({ month: today().slice(0, 7), runs: 3 });
    expect(c.monthToDate.costUsd).toBeCloseTo(c.totals.costUsd, 9);
    const projection = projectMonth(c.monthToDate.costUsd, new Date());
    expect(c.projection.projectedUsd).toBeCloseTo(projection.projectedUsd, 9);
    expect(c.projection.method).toMatch(/linear/);

    const month = (await alice.get(`/api/agents/${agent.id}/costs?month=${today().slice(0, 7)}`)).body;
    expect(month.byDay).toHaveLength(projection.daysInMonth);
    expect(month.totals.runs).toBe(3);
    const earlier = (await alice.get(`/api/agents/${agent.id}/costs?from=2025-01-01&to=2025-01-31`)).body;
    expect(earlier.totals).toMatchObject({ runs: 0, costUsd: 0 });
    expect(earlier.byDay).toHaveLength(31);
    // The month-to-date does not depend on the range asked for.
    expect(earlier.monthToDate.runs).toBe(3);
  });

  it('answers 400 naming the problem for bad ranges', async () => {
    const agent = await createAgent('Ranges');
    const bad: [string, string][] = [
      ['from=2026-03-10&to=2026-03-01', 'from must not be after to'],
      ['month=2026-03&from=2026-03-01', 'either month or from/to'],
      ['from=2024-01-01&to=2026-01-01', 'at most 366 days'],
    ];
    for (const [query, message] of bad) {
      const res = await alice.get(`/api/agents/${agent.id}/costs?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.error.message).toContain(message);
    }
    expectInvalid(await alice.get(`/api/agents/${agent.id}/costs?month=2026-13`), 'month');
    expectInvalid(await alice.get(`/api/agents/${agent.id}/costs?from=yesterday`), 'from');
  });

  it("another organization's agent is 404, its recommendations too, and nothing is written", async () => {
    const agent = await createAgent('Private');
    for (const res of [
      await mallory.get(`/api/agents/${agent.id}/costs`),
      await mallory.get(`/api/agents/${agent.slug}/costs`),
      await mallory.post(`/api/agents/${agent.id}/costs/recommendations`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect(await db().select().from(costRecommendation).where(eq(costRecommendation.agentId, agent.id))).toHaveLength(
      0,
    );
  });
});

describe('cost recommendations', () => {
  const recommend = async (agentId: string) => {
    const res = await alice.post(`/api/agents/${agentId}/costs/recommendations`);
    expect(res.status).toBe(200);
    return res.body.recommendations as Array<{
      type: string;
      title: string;
      description: string;
      estimatedSavingsUsd: number | null;
      metadata: Record<string, unknown>;
    }>;
  };

  it('long prompts, unused tools and an unmeasured cheaper model, with savings from the token mix', async () => {
    const agent = await createAgent('Verbose', 'gpt-4o', ['calculator', 'date-time', 'web-fetch']);
    fake.enqueue({
      toolCalls: [{ name: 'calculator', args: { expression: '1+1' } }],
      usage: { inputTokens: 6000, outputTokens: 10 },
    });
    await run(agent.id, [turn(6000, 200), turn(5000, 100)]);
    const recs = await recommend(agent.id);
    const byType = Object.fromEntries(recs.map((r) => [r.type, r]));
    expect(Object.keys(byType).sort()).toEqual(['cheaper-model', 'long-prompts', 'unused-tools']);

    const price = catalogPrice('openai', 'gpt-4o');
    const events = await db().select().from(costEvent).where(eq(costEvent.agentId, agent.id));
    const promptTokens = events.reduce((n, e) => n + e.promptTokens, 0);
    const avg = promptTokens / events.length;
    expect(byType['long-prompts'].metadata.averagePromptTokens).toBe(Math.round(avg));
    expect(byType['long-prompts'].estimatedSavingsUsd).toBeCloseTo(
      ((avg - 4000) * events.length * (price?.inputPerMTokUsd ?? 0)) / 1e6,
      5,
    );

    expect(byType['unused-tools'].metadata.tools).toEqual(['date-time', 'web-fetch']);
    expect(byType['unused-tools'].estimatedSavingsUsd).toBeGreaterThan(0);

    const cheaper = byType['cheaper-model'];
    expect(cheaper.metadata).toMatchObject({ currentModel: 'gpt-4o', qualityMeasured: false });
    expect(cheaper.description).toContain('unmeasured');
    const suggested = catalogPrice('openai', cheaper.metadata.suggestedModel as string);
    const mix = {
      promptTokens,
      completionTokens: events.reduce((n, e) => n + e.completionTokens, 0),
      totalTokens: 0,
      cachedTokens: 0,
    };
    expect(cheaper.estimatedSavingsUsd).toBeCloseTo(costOf(mix, price).costUsd - costOf(mix, suggested).costUsd, 5);

    // A refresh replaces the open ones; a dismissed one stays.
    const [first] = await db().select().from(costRecommendation).where(eq(costRecommendation.agentId, agent.id));
    await db().update(costRecommendation).set({ dismissedAt: new Date() }).where(eq(costRecommendation.id, first.id));
    expect(await recommend(agent.id)).toHaveLength(3);
    const all = await db().select().from(costRecommendation).where(eq(costRecommendation.agentId, agent.id));
    expect(all).toHaveLength(4);
    // GET costs lists the open ones.
    expect((await alice.get(`/api/agents/${agent.id}/costs`)).body.recommendations).toHaveLength(3);
  });

  it('a cheaper model this agent ran with a close success rate is suggested with measured figures', async () => {
    const agent = await createAgent('Switcher', 'gpt-4o-mini');
    await run(
      agent.id,
      Array.from({ length: 6 }, () => turn(900, 100)),
    );
    await alice.put(`/api/agents/${agent.id}`, { modelName: 'gpt-4o' });
    await run(
      agent.id,
      Array.from({ length: 6 }, () => turn(900, 100)),
    );
    const cheaper = (await recommend(agent.id)).find((r) => r.type === 'cheaper-model');
    expect(cheaper?.metadata).toMatchObject({ suggestedModel: 'gpt-4o-mini', qualityMeasured: true });
    expect(cheaper?.description).toMatch(/100% of 6 runs/);
  });

  it('a cheaper model measured as worse on this agent is not suggested', async () => {
    const agent = await createAgent('Picky', 'gpt-4o-mini');
    const failing: FakeTurn = { error: { status: 400, message: 'bad request' } };
    await run(
      agent.id,
      Array.from({ length: 6 }, () => failing),
    );
    await alice.put(`/api/agents/${agent.id}`, { modelName: 'gpt-4o' });
    await run(
      agent.id,
      Array.from({ length: 6 }, () => turn(900, 100)),
    );
    const cheaper = (await recommend(agent.id)).find((r) => r.type === 'cheaper-model');
    expect(cheaper?.metadata.suggestedModel).not.toBe('gpt-4o-mini');
  });

  it('rollup-daily refreshes the recommendations of the agents that ran', async () => {
    const agent = await createAgent('Nightly', 'gpt-4o', ['date-time']);
    await run(agent.id, [turn(100, 10)]);
    await handleJob(
      'rollup-daily',
      {},
      {
        db: db(),
        runtime: h.trellis.runtime,
        jobs: h.trellis.jobs.queue,
        boss: h.trellis.jobs.boss,
        log: jobLog('silent'),
      },
    );
    const recs = await db()
      .select()
      .from(costRecommendation)
      .where(and(eq(costRecommendation.agentId, agent.id), eq(costRecommendation.type, 'unused-tools')));
    expect(recs).toHaveLength(1);
  });
});

describe('/api/prices', () => {
  const override = { provider: 'openai', modelName: 'gpt-4o', inputPerMTokUsd: 1, outputPerMTokUsd: 2 };
  const overrides = (tenantId: string) =>
    db().select().from(modelPriceOverride).where(eq(modelPriceOverride.tenantId, tenantId));

  it('lists, looks up, upserts and deletes overrides; runs are priced with them', async () => {
    expect((await alice.get('/api/prices')).body).toEqual({ overrides: [], lookup: null });
    const lookup = (await alice.get('/api/prices?provider=openai&modelName=gpt-4o')).body.lookup;
    expect(lookup).toMatchObject({
      provider: 'openai',
      modelName: 'gpt-4o',
      // As JSON: a price without a reasoning rate has no such key.
      catalog: JSON.parse(JSON.stringify(catalogPrice('openai', 'gpt-4o'))),
    });
    expect(lookup.effective.source).toBe('catalog');

    const put = await alice.put('/api/prices', override);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ...override, tenantId: alice.tenantId, cachedInputPerMTokUsd: null });
    const again = await alice.put('/api/prices', { ...override, outputPerMTokUsd: 4, cachedInputPerMTokUsd: 0.5 });
    expect(again.body).toMatchObject({ id: put.body.id, outputPerMTokUsd: 4, cachedInputPerMTokUsd: 0.5 });
    const listed = (await alice.get('/api/prices?provider=openai&modelName=gpt-4o')).body;
    expect(listed.overrides).toHaveLength(1);
    expect(listed.lookup.effective).toMatchObject({ source: 'override', inputPerMTokUsd: 1, outputPerMTokUsd: 4 });

    const agent = await createAgent('Overridden');
    const [runId] = await run(agent.id, [turn(1_000_000, 500_000)]);
    const [event] = await db().select().from(costEvent).where(eq(costEvent.runId, runId));
    expect(event).toMatchObject({ costUsd: 3, promptCostUsd: 1, completionCostUsd: 2 });

    const del = await alice.delete('/api/prices?provider=openai&modelName=gpt-4o');
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: true, provider: 'openai', modelName: 'gpt-4o' });
    expect(await overrides(alice.tenantId)).toHaveLength(0);
    const missing = await alice.delete('/api/prices?provider=openai&modelName=gpt-4o');
    expect(missing.status).toBe(404);
  });

  it('answers 400 naming the field and writes nothing', async () => {
    const before = await overrides(alice.tenantId);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...override, provider: 'nope' }, 'provider'],
      [{ ...override, modelName: '  ' }, 'modelName'],
      [{ ...override, inputPerMTokUsd: -1 }, 'inputPerMTokUsd'],
      [{ ...override, outputPerMTokUsd: undefined }, 'outputPerMTokUsd'],
      [{ ...override, cachedInputPerMTokUsd: 'cheap' }, 'cachedInputPerMTokUsd'],
      [{ ...override, discount: 5 }, 'discount'],
    ];
    for (const [body, field] of cases) expectInvalid(await alice.put('/api/prices', body), field);
    expectInvalid(await alice.get('/api/prices?modelName=gpt-4o'), 'provider');
    expectInvalid(await alice.delete('/api/prices?modelName=gpt-4o'), 'provider');
    expect(await overrides(alice.tenantId)).toEqual(before);
  });

  it("never shows or deletes another organization's overrides", async () => {
    expect((await alice.put('/api/prices', override)).status).toBe(200);
    expect((await mallory.get('/api/prices')).body.overrides).toEqual([]);
    const del = await mallory.delete('/api/prices?provider=openai&modelName=gpt-4o');
    expect(del.status).toBe(404);
    expect(await overrides(alice.tenantId)).toHaveLength(1);
    const lookup = (await mallory.get('/api/prices?provider=openai&modelName=gpt-4o')).body.lookup;
    expect(lookup.effective.source).toBe('catalog');
    expect((await mallory.put('/api/prices', { ...override, inputPerMTokUsd: 9 })).status).toBe(200);
    const [mine] = await overrides(alice.tenantId);
    expect(mine.inputPerMTokUsd).toBe(1);
  });
});
