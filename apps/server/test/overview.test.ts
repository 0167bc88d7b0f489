// Overview KPIs and conversation threads computed from an agent's runs; other tenants get 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, startHarness } from './harness';

let h: Harness;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };

beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(() => h?.close());

describe('overview and threads', () => {
  it('counts runs, success rate, latency, tokens and cost, and lists the latest runs', async () => {
    const agent = (await alice.post('/api/agents', { name: 'Kpi', instructions: 'x' })).body;
    const ok1 = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'one' })).body;
    const ok2 = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'two' })).body;
    await alice.put(`/api/agents/${agent.id}`, { modelProvider: 'anthropic', modelName: 'claude-sonnet-4-5' });
    const failed = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'three' })).body;
    expect(failed.status).toBe('FAILED');
    // Totals come from the rollups the run-completed jobs maintain: wait for them.
    let res = await alice.get(`/api/agents/${agent.slug}/overview`);
    for (let i = 0; i < 100 && res.body.runs !== 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await alice.get(`/api/agents/${agent.slug}/overview`);
    }
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ costMonthToDateUsd: 0, openAlerts: 0, avgQuality: null });
    expect(res.body).toMatchObject({
      days: 30,
      runs: 3,
      completed: 2,
      failed: 1,
      totalTokens: ok1.totalTokens + ok2.totalTokens,
      costUsd: 0,
    });
    expect(res.body.successRate).toBeCloseTo(2 / 3, 10);
    expect(res.body.p50DurationMs).toBeGreaterThanOrEqual(Math.min(ok1.durationMs, ok2.durationMs));
    expect(res.body.p95DurationMs).toBeLessThanOrEqual(Math.max(ok1.durationMs, ok2.durationMs));
    expect(res.body.recentRuns.map((r: { id: string }) => r.id)).toEqual([failed.id, ok2.id, ok1.id]);
    const listed = (await alice.get('/api/agents?q=Kpi')).body.agents[0];
    expect(listed.activity).toMatchObject({ runs7d: 3, failed7d: 1, lastRunAt: failed.createdAt });
    const empty = (await alice.post('/api/agents', { name: 'Idle', instructions: 'x' })).body;
    expect((await alice.get('/api/agents?q=Idle')).body.agents[0].activity).toBeNull();
    expect((await alice.get(`/api/agents/${empty.id}/overview`)).body).toMatchObject({
      runs: 0,
      successRate: null,
      p50DurationMs: null,
      recentRuns: [],
    });
    expect((await alice.get(`/api/agents/${agent.id}/overview?days=0`)).status).toBe(400);
    expect((await mallory.get(`/api/agents/${agent.id}/overview`)).status).toBe(404);
  });

  it('lists threads newest first with the first message as title, and a thread’s runs with tool calls', async () => {
    await alice.post('/api/agents/assistant/runs', { input: 'first thread: what is 2*3?', threadId: 'th-a' });
    await alice.post('/api/agents/assistant/runs', { input: 'second message', threadId: 'th-a' });
    await alice.post('/api/agents/assistant/runs', { input: 'other thread', threadId: 'th-b' });
    await alice.post('/api/agents/assistant/runs', { input: 'no thread' });
    const threads = (await alice.get('/api/agents/assistant/threads')).body.threads;
    expect(threads.map((t: { threadId: string }) => t.threadId)).toEqual(['th-b', 'th-a']);
    expect(threads[1]).toMatchObject({ runs: 2, title: 'first thread: what is 2*3?' });
    const thread = (await alice.get('/api/agents/assistant/threads/th-a')).body.runs;
    expect(thread.map((r: { inputText: string }) => r.inputText)).toEqual([
      'first thread: what is 2*3?',
      'second message',
    ]);
    expect(thread[0].toolCalls[0]).toMatchObject({ toolKey: 'calculator', outputJson: { result: 6 } });
    expect(thread[1].toolCalls).toEqual([]);
    expect((await mallory.get('/api/agents/assistant/threads/th-a')).body.runs).toEqual([]);
    const aliceAgent = (await alice.get('/api/agents/assistant')).body;
    expect((await mallory.get(`/api/agents/${aliceAgent.id}/threads`)).status).toBe(404);
  });
});
