// The one run pipeline: every entry point (run, stream, chat, rerun, goal step) passes the same stages in order and
// records the same rows; processors rewrite or refuse input and output on every path; a provider answer that
// carries nothing usable fails the run with the provider's words after one call.

import { runStages, type StageEvent, TrellisError } from '@trellis/core';
import { agentRun, agentTrace, budgetReservation } from '@trellis/db';
import type { FakeLlm } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let fake: FakeLlm;
let alice: ApiClient & { tenantId: string };
const events: StageEvent[] = [];

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  fake = h.fake;
  alice = await h.signUp();
  const res = await alice.post('/api/agents', {
    name: 'Piper',
    slug: 'piper',
    instructions: 'Answer.',
    modelProvider: 'openai',
    modelName: 'gpt-4o-mini',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  h.trellis.runtime.pipeline.observe((e) => events.push(e));
});
afterAll(() => h?.close());
afterEach(() => {
  h.trellis.runtime.pipeline.processors.length = 0;
});

const db = () => h.trellis.database.db;

/** POSTs a streaming endpoint and reads the whole SSE body into its events. */
async function streamed(path: string, body: unknown) {
  const res = await fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  const parsed = text
    .split('\n\n')
    .filter((e) => e.startsWith('data: ') && !e.includes('[DONE]'))
    .map((e) => JSON.parse(e.slice(6)));
  const meta = parsed.find((e) => e.type === 'message-metadata')?.messageMetadata;
  return { events: parsed, meta, runId: res.headers.get('x-trellis-run-id') as string };
}

/** The events of each run, in the order the runs started (a run's events begin with `resolve`). */
function perRun(list: StageEvent[]) {
  const runs: StageEvent[][] = [];
  for (const e of list) {
    if (e.stage === 'resolve') runs.push([]);
    runs.at(-1)?.push(e);
  }
  return runs;
}

describe('one run pipeline', () => {
  it('run, stream, chat, rerun and goal steps pass the same stages in order and record run, trace and steps', async () => {
    events.length = 0;
    const run = await alice.post('/api/agents/piper/runs', { input: 'hello' });
    expect(run.status).toBe(201);
    await streamed('/api/agents/piper/stream', { input: 'hello stream' });
    await streamed('/api/agents/piper/chat', { input: 'hello chat' });
    expect((await alice.post(`/api/agents/piper/runs/${run.body.id}/rerun`)).status).toBe(201);
    const goal = await alice.post('/api/goals', {
      title: 'G',
      input: 'do it',
      orchestrator: 'piper',
      agents: ['piper'],
    });
    expect(goal.status).toBe(201);
    await vi.waitFor(
      async () => expect((await alice.get(`/api/goals/${goal.body.id}`)).body.status).toBe('COMPLETED'),
      { timeout: 20_000, interval: 100 },
    );

    const runs = perRun(events);
    // The goal's orchestrator plans (its reply is no plan: one step for piper follows).
    expect(runs.map((r) => r[0].entry)).toEqual(['run', 'stream', 'chat', 'rerun', 'goal', 'goal']);
    for (const stages of runs) {
      expect(stages.map((e) => e.stage)).toEqual([...runStages]);
      const runId = stages.find((e) => e.stage === 'record')?.runId as string;
      expect(stages.slice(2).every((e) => e.runId === runId)).toBe(true);
      const [row] = await db().select().from(agentRun).where(eq(agentRun.id, runId));
      expect(row).toMatchObject({ status: 'COMPLETED', agentSlug: 'piper', tenantId: alice.tenantId });
      expect(row.versionId).toBeTruthy();
      expect(row.startedAt!.getTime()).toBeLessThanOrEqual(row.completedAt!.getTime());
      const [trace] = await db().select().from(agentTrace).where(eq(agentTrace.runId, runId));
      expect(trace.stepsJson).toEqual([expect.objectContaining({ stepNumber: 1, type: 'llm' })]);
    }
  });

  it('processors rewrite the input before the model and the output before it is stored, on every entry point', async () => {
    const finished: string[] = [];
    h.trellis.runtime.pipeline.use({
      name: 'shout',
      input: (messages) => messages.map((m) => (m.role === 'user' ? { ...m, content: m.content.toUpperCase() } : m)),
      output: (text) => `${text} [checked]`,
      finished: (run) => {
        finished.push(run.id);
      },
    });
    fake.reset();
    fake.enqueue({ text: 'fine' });
    const run = await alice.post('/api/agents/piper/runs', { input: 'quiet please' });
    expect(run.body).toMatchObject({ status: 'COMPLETED', outputText: 'fine [checked]' });
    expect(JSON.stringify(fake.requests[0].body)).toContain('QUIET PLEASE');
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, run.body.id));
    expect(row.outputText).toBe('fine [checked]');

    fake.enqueue({ text: 'streamed' });
    const s = await streamed('/api/agents/piper/stream', { input: 'whisper' });
    expect(JSON.stringify(fake.requests[1].body)).toContain('WHISPER');
    const [streamedRow] = await db().select().from(agentRun).where(eq(agentRun.id, s.runId));
    expect(streamedRow.outputText).toBe('streamed [checked]');
    await vi.waitFor(() => expect(finished).toEqual([run.body.id, s.runId]));
  });

  it('an input processor that refuses records the run FAILED with its code, reserves nothing, never calls the model', async () => {
    h.trellis.runtime.pipeline.use({
      name: 'no-secrets',
      input: (messages) => {
        if (messages.some((m) => m.content.includes('sk-live'))) {
          throw new TrellisError('GUARDRAIL_BLOCKED', 'The input holds a secret key');
        }
        return messages;
      },
    });
    expect((await alice.put('/api/agents/piper/budget', { monthlyLimitUsd: 100, hardLimit: true })).status).toBe(200);
    fake.reset();
    const run = await alice.post('/api/agents/piper/runs', { input: 'my key is sk-live-123' });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ status: 'FAILED', errorCode: 'GUARDRAIL_BLOCKED', costUsd: 0 });
    const s = await streamed('/api/agents/piper/stream', { input: 'again sk-live-123' });
    expect(s.meta).toMatchObject({ status: 'FAILED', error: 'The input holds a secret key' });
    expect(s.events.some((e) => e.type === 'error')).toBe(true);
    expect(fake.requests).toHaveLength(0);
    for (const id of [run.body.id, s.runId]) {
      expect(await db().select().from(budgetReservation).where(eq(budgetReservation.runId, id))).toEqual([]);
    }
    // An allowed run under the same budget reserves; its run-completed job settles it at the actual cost.
    const ok = await alice.post('/api/agents/piper/runs', { input: 'hello' });
    expect(ok.body.status).toBe('COMPLETED');
    await vi.waitFor(async () => {
      const [reservation] = await db().select().from(budgetReservation).where(eq(budgetReservation.runId, ok.body.id));
      expect(reservation).toMatchObject({ status: 'settled', amountUsd: ok.body.costUsd });
    });
    expect((await alice.delete('/api/agents/piper/budget')).status).toBe(200);
  });

  it('an output processor that fails the run stores it FAILED with its error', async () => {
    h.trellis.runtime.pipeline.use({
      name: 'no-leaks',
      output: () => {
        throw new TrellisError('GUARDRAIL_BLOCKED', 'The output leaked a secret');
      },
    });
    fake.reset();
    fake.enqueue({ text: 'here is sk-live-999', usage: { inputTokens: 10, outputTokens: 5 } });
    const run = await alice.post('/api/agents/piper/runs', { input: 'tell me' });
    expect(run.body).toMatchObject({ status: 'FAILED', errorCode: 'GUARDRAIL_BLOCKED', promptTokens: 10 });
    expect(run.body.costUsd).toBeGreaterThan(0);
  });

  it('a streaming request answered with plain JSON fails the run with the provider’s words after one call', async () => {
    fake.reset();
    fake.enqueue({ text: 'not events', ignoreStream: true });
    const s = await streamed('/api/agents/piper/stream', { input: 'stream please' });
    expect(s.meta.status).toBe('FAILED');
    expect(s.meta.error).toContain('instead of server-sent events');
    expect(s.meta.error).toContain('not events');
    expect(fake.requests).toHaveLength(1);
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, s.runId));
    expect(row).toMatchObject({ status: 'FAILED', errorCode: 'PROVIDER_ERROR', totalTokens: 0 });
  });
});
