// Run control: cancel aborts a run in flight (the provider sees the stream end) and is refused once it finished;
// rerun repeats the input and links the runs; the trace endpoint; the overhead header; a run given up for lost
// (INTERRUPTED) that then finishes keeps its real outcome and cost.
import { cancelInFlightRuns, executeRun, failInterruptedRuns, handleJob, jobLog, systemContext } from '@trellis/core';
import { agentRun, costEvent } from '@trellis/db';
import type { FakeLlm } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';
import { expectRollupsSettleToRaw } from './rollup-oracle';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let fake: FakeLlm;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let agentId: string;

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  fake = h.fake;
  alice = await h.signUp();
  mallory = await h.signUp();
  agentId = (
    await alice.post('/api/agents', {
      name: 'Controlled',
      instructions: 'x',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['calculator'],
    })
  ).body.id;
});
afterAll(() => h?.close());

const status = async (runId: string) =>
  (await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, runId)))[0]?.status;

describe('run control', () => {
  async function runningRunId() {
    for (let i = 0; i < 100; i++) {
      const [row] = await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.status, 'RUNNING'));
      if (row) return row.id;
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error('the run never started');
  }

  it('cancels a streaming run in flight: CANCELLED, the provider stream aborted, and a second cancel is a 409', async () => {
    fake.reset();
    fake.enqueue({ text: Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '), chunkDelayMs: 30 });
    const stream = fetch(`${h.url}/api/agents/${agentId}/stream`, {
      method: 'POST',
      headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'write a lot' }),
    });
    const runId = await runningRunId();
    const cancelled = await alice.post(`/api/agents/${agentId}/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: runId, status: 'CANCELLED', errorCode: 'RUN_CANCELLED' });
    await (await stream).text();
    expect(await status(runId)).toBe('CANCELLED');
    for (let i = 0; i < 40 && fake.abortedStreams === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fake.abortedStreams).toBe(1);
    const again = await alice.post(`/api/agents/${agentId}/runs/${runId}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('cancels a non-streaming run waiting on a slow provider, long before the provider would answer', async () => {
    fake.reset();
    fake.enqueue({ text: 'too late', delayMs: 20_000 });
    const pending = alice.post(`/api/agents/${agentId}/runs`, { input: 'take your time' });
    const runId = await runningRunId();
    expect((await alice.post(`/api/agents/${agentId}/runs/${runId}/cancel`)).status).toBe(200);
    const finished = await pending;
    expect(finished.body).toMatchObject({ id: runId, status: 'CANCELLED', outputText: null });
    expect(finished.body.durationMs).toBeLessThan(20_000);
  });

  it('reruns with the same input and links the new run to the original', async () => {
    fake.reset();
    fake.enqueue({ text: 'first' }, { text: 'second' });
    const original = (
      await alice.post(`/api/agents/${agentId}/runs`, {
        input: [
          { role: 'user', content: 'hello' },
          { role: 'assistant', content: 'hi' },
          { role: 'user', content: 'again' },
        ],
        runType: 'TEST',
        threadId: 't-9',
      })
    ).body;
    const rerun = await alice.post(`/api/agents/${agentId}/runs/${original.id}/rerun`);
    expect(rerun.status).toBe(201);
    expect(rerun.body).toMatchObject({
      parentRunId: original.id,
      inputText: 'again',
      runType: 'TEST',
      threadId: 't-9',
      outputText: 'second',
      status: 'COMPLETED',
    });
    expect(rerun.body.id).not.toBe(original.id);
    expect(rerun.headers.get('x-trellis-overhead-ms')).toMatch(/^\d+(\.\d)?$/);
    // The provider received the same three messages both times.
    const inputs = fake.requests.map((r) => JSON.stringify((r.body as { input: unknown }).input));
    expect(inputs[1]).toBe(inputs[0]);
  });

  it('answers the trace of a run, and an overhead header on runs', async () => {
    fake.reset();
    fake.enqueue({ toolCalls: [{ name: 'calculator', args: { expression: '6*7' } }] }, { text: '42' });
    const res = await alice.post(`/api/agents/${agentId}/runs`, { input: 'six times seven' });
    const overhead = Number(res.headers.get('x-trellis-overhead-ms'));
    expect(overhead).toBeGreaterThanOrEqual(0);
    expect(overhead).toBeLessThan(res.body.durationMs + 60_000);
    const trace = await alice.get(`/api/agents/${agentId}/runs/${res.body.id}/trace`);
    expect(trace.status).toBe(200);
    expect(trace.body).toMatchObject({
      runId: res.body.id,
      status: 'COMPLETED',
      model: { provider: 'openai', name: 'gpt-4o-mini' },
    });
    expect(trace.body.steps.map((s: { type: string }) => s.type)).toEqual(['llm', 'tool-call', 'llm']);
    expect(trace.body.toolCalls[0]).toMatchObject({ toolKey: 'calculator', outputJson: { result: 42 } });
  });

  it('a run failed as INTERRUPTED while it still executed keeps its real outcome, and its cost is reconciled', async () => {
    fake.reset();
    fake.enqueue({ text: 'finally', delayMs: 1500, usage: { inputTokens: 1000, outputTokens: 500 } });
    const pending = alice.post(`/api/agents/${agentId}/runs`, { input: 'slow but alive' });
    const runId = await runningRunId();
    // Another process's sweep took its lease for stale: the run is failed and counted at no cost.
    const db = h.trellis.database.db;
    expect((await failInterruptedRuns(db, { leaseSeconds: 0 })).map((r) => r.id)).toEqual([runId]);
    const deps = { db, runtime: h.trellis.runtime, jobs: h.trellis.jobs.queue, boss: h.trellis.jobs.boss };
    await handleJob('run-completed', { runId, tenantId: alice.tenantId }, { ...deps, log: jobLog('silent') });
    const eventOf = async () => (await db.select().from(costEvent).where(eq(costEvent.runId, runId)))[0];
    expect(await eventOf()).toMatchObject({ costUsd: 0, totalTokens: 0 });

    const run = (await pending).body;
    expect(run).toMatchObject({ id: runId, status: 'COMPLETED', outputText: 'finally', totalTokens: 1500 });
    expect(run.costUsd).toBeGreaterThan(0);
    await vi.waitFor(
      async () => {
        expect(await eventOf()).toMatchObject({ costUsd: run.costUsd, totalTokens: 1500 });
        const costs = (await alice.get(`/api/agents/${agentId}/costs`)).body;
        const runs = (await alice.get(`/api/agents/${agentId}/runs?limit=100`)).body.runs as { costUsd: number }[];
        expect(costs.totals.costUsd).toBeCloseTo(
          runs.reduce((sum, r) => sum + r.costUsd, 0),
          10,
        );
      },
      { timeout: 20_000, interval: 100 },
    );
    await expectRollupsSettleToRaw(db);
  });

  it('a run cancelled once recorded but before it starts never calls the model (how a cancelled goal stops it)', async () => {
    fake.reset();
    const db = h.trellis.database.db;
    const ctx = systemContext(db, h.trellis.runtime, alice.tenantId);
    const run = await executeRun(
      ctx,
      agentId,
      { input: 'never sent' },
      {
        beforeExecute: async (recorded) => {
          const [row] = await db.select().from(agentRun).where(eq(agentRun.id, recorded.id));
          expect(row.status).toBe('RUNNING');
          await db.transaction((tx) => cancelInFlightRuns(tx, ctx, { runId: recorded.id }, 'test cancel'));
        },
      },
    );
    expect(run).toMatchObject({ status: 'CANCELLED', errorCode: 'RUN_CANCELLED', costUsd: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('another organization gets 404 for cancel, rerun and trace; unknown runs are 404', async () => {
    const run = (await alice.post('/api/agents/assistant/runs', { input: 'hello' })).body;
    const agent = (await alice.get('/api/agents/assistant')).body;
    const before = (await h.trellis.database.db.select().from(agentRun)).length;
    for (const path of [`/runs/${run.id}/cancel`, `/runs/${run.id}/rerun`]) {
      expect((await mallory.post(`/api/agents/${agent.id}${path}`)).status).toBe(404);
      expect((await mallory.post(`/api/agents/assistant${path}`)).status).toBe(404);
    }
    expect((await mallory.get(`/api/agents/assistant/runs/${run.id}/trace`)).status).toBe(404);
    expect((await alice.post('/api/agents/assistant/runs/00000000-0000-0000-0000-000000000000/cancel')).status).toBe(
      404,
    );
    expect((await h.trellis.database.db.select().from(agentRun)).length).toBe(before);
    expect(await status(run.id)).toBe('COMPLETED');
  });
});
