// Analytics from the rollups: once the run-completed jobs ran, the daily series, tool usage, model comparison and
// per-version figures match the runs; bad ranges are 400s; another organization gets 404.
import type { FakeLlm } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let last = await read();
  for (let i = 0; i < 100 && !ok(last); i++) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

describe('analytics', () => {
  it('reports daily runs, tools, models and versions from the rollups', async () => {
    fake.reset();
    const agent = (
      await alice.post('/api/agents', {
        name: 'Analysed',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
        tools: ['calculator'],
      })
    ).body;
    fake.enqueue(
      {
        toolCalls: [{ name: 'calculator', args: { expression: '1+1' } }],
        usage: { inputTokens: 100, outputTokens: 10 },
      },
      { text: 'two', usage: { inputTokens: 120, outputTokens: 5 } },
      { text: 'plain', usage: { inputTokens: 50, outputTokens: 5 } },
    );
    const r1 = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'add' })).body;
    await alice.put(`/api/agents/${agent.id}`, { instructions: 'y' });
    const r2 = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'talk' })).body;
    await alice.put(`/api/agents/${agent.id}`, { modelProvider: 'anthropic', modelName: 'claude-sonnet-4-5' });
    const r3 = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'fails: no key' })).body;
    expect([r1.status, r2.status, r3.status]).toEqual(['COMPLETED', 'COMPLETED', 'FAILED']);
    const today = new Date().toISOString().slice(0, 10);
    const res = await eventually(
      () => alice.get(`/api/agents/${agent.slug}/analytics`),
      (r) => r.body.daily?.[0]?.runs === 3,
    );
    expect(res.status).toBe(200);
    expect(res.body.daily).toHaveLength(1);
    expect(res.body.daily[0]).toMatchObject({
      date: today,
      runs: 3,
      successes: 2,
      failures: 1,
      tokens: r1.totalTokens + r2.totalTokens,
    });
    expect(res.body.daily[0].costUsd).toBeCloseTo(r1.costUsd + r2.costUsd, 10);
    expect(res.body.tools).toEqual([
      expect.objectContaining({ toolKey: 'calculator', calls: 1, failures: 0, failureRate: 0 }),
    ]);
    const byModel = Object.fromEntries(res.body.models.map((m: { modelName: string }) => [m.modelName, m]));
    expect(byModel['gpt-4o-mini']).toMatchObject({ runs: 2, successes: 2, successRate: 1 });
    expect(byModel['claude-sonnet-4-5']).toMatchObject({ runs: 1, successes: 0, successRate: 0 });
    expect(res.body.versions.map((v: { version: number; runs: number }) => [v.version, v.runs])).toEqual([
      [3, 1],
      [2, 1],
      [1, 1],
    ]);
  });

  it('validates the range and scopes to the organization', async () => {
    const agent = (await alice.get('/api/agents/assistant')).body;
    expect((await alice.get('/api/agents/assistant/analytics?from=2026-02-01&to=2026-01-01')).status).toBe(400);
    expect((await alice.get('/api/agents/assistant/analytics?from=2020-01-01&to=2026-01-01')).status).toBe(400);
    expect((await alice.get('/api/agents/assistant/analytics?from=yesterday')).status).toBe(400);
    const empty = await alice.get('/api/agents/assistant/analytics?from=2026-01-01&to=2026-01-31');
    expect(empty.body).toMatchObject({
      from: '2026-01-01',
      to: '2026-01-31',
      daily: [],
      tools: [],
      models: [],
      versions: [],
    });
    expect((await mallory.get(`/api/agents/${agent.id}/analytics`)).status).toBe(404);
  });
});
