// Goal orchestration through the API and the in-process worker: an orchestrator on a fake OpenAI plans two steps
// that run in order (the second sees the first's output), a botched plan falls back to one step, a failing step is
// retried with backoff until it succeeds or its attempts run out, goals whose process died are recovered by the
// lease supervisor; cancelling a goal stops it and its run in flight; validation and tenant isolation.
import type { StoredGoalPlan } from '@trellis/core';
import { goal, goalStep } from '@trellis/db';
import { type FakeLlm, startFakeLlm } from '@trellis/testkit';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid, expectNotFound, type User } from './agent-helpers';
import { type Harness, startHarness } from './harness';

let fake: FakeLlm;
let h: Harness;
let alice: User;
let mallory: User;

beforeAll(async () => {
  fake = await startFakeLlm();
  h = await startHarness({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.openaiBaseURL,
    TRELLIS_GOAL_RETRY_BASE_MS: '50',
  });
  alice = await h.signUp();
  mallory = await h.signUp();
  for (const slug of ['planner', 'researcher', 'writer']) {
    const res = await alice.post('/api/agents', {
      name: slug,
      slug,
      instructions: `You are the ${slug}.`,
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

type GoalView = {
  id: string;
  status: string;
  result: string | null;
  error: string | null;
  attempts: number;
  plan: { reasoning?: string; steps: { agentSlug: string; input: string }[]; agents: string[] };
  steps: {
    stepNumber: number;
    agentSlug: string;
    status: string;
    runId: string | null;
    outputText: string | null;
    attempts: number;
    error: string | null;
  }[];
};

/** Polls GET /api/goals/:id (bounded) until `done` holds; returns that view. */
async function pollGoal(id: string, done: (g: GoalView) => boolean, timeoutMs = 20_000): Promise<GoalView> {
  const deadline = Date.now() + timeoutMs;
  let last: GoalView | undefined;
  while (Date.now() < deadline) {
    const res = await alice.get<GoalView>(`/api/goals/${id}`);
    expect(res.status).toBe(200);
    last = res.body;
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`goal ${id} never reached the expected state; last: ${JSON.stringify(last)}`);
}
const finished = (g: GoalView) => g.status === 'COMPLETED' || g.status === 'FAILED';
/** A deferred retry-goal is found by its queue's poll (every second) after its backoff; generous for slow CI. */
const RETRY_WAIT_MS = 45_000;

const plan = (steps: { agentSlug: string; input: string }[]) =>
  `Here is the plan:\n${JSON.stringify({ reasoning: 'research, then write', steps })}\nGood luck.`;
const providerError = { error: { status: 400, message: 'upstream rejected the request' } };

async function submit(body: Record<string, unknown>) {
  const res = await alice.post('/api/goals', { title: 'Goal', orchestrator: 'planner', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ status: 'QUEUED', attempts: 0, maxAttempts: expect.any(Number) });
  return res.body.id as string;
}

describe('goals', () => {
  it('plans two steps, runs them in order with the first output as context, progress visible throughout', async () => {
    fake.reset();
    fake.enqueue(
      {
        text: plan([
          { agentSlug: 'researcher', input: 'Find three facts about otters' },
          { agentSlug: 'writer', input: 'Write a haiku from the facts' },
        ]),
      },
      { text: 'FACTS: otters hold hands; they use tools; they have pockets' },
      { text: 'Paws linked in the stream', delayMs: 1500 },
    );
    const id = await submit({ input: 'Write a haiku about otters, researched', agents: ['researcher', 'writer'] });

    const midway = await pollGoal(id, (g) => g.steps[1]?.status === 'RUNNING');
    expect(midway.status).toBe('RUNNING');
    expect(midway.steps[0]).toMatchObject({ status: 'COMPLETED', agentSlug: 'researcher', attempts: 1 });

    const done = await pollGoal(id, finished);
    expect(done).toMatchObject({ status: 'COMPLETED', result: 'Paws linked in the stream', error: null });
    expect(done.plan).toMatchObject({ reasoning: 'research, then write', agents: ['researcher', 'writer'] });
    expect(done.steps.map((s) => [s.stepNumber, s.agentSlug, s.status, s.attempts])).toEqual([
      [1, 'researcher', 'COMPLETED', 1],
      [2, 'writer', 'COMPLETED', 1],
    ]);
    expect(done.steps[0].outputText).toContain('otters hold hands');
    for (const s of done.steps) expect(s.runId).toEqual(expect.any(String));

    // Three model calls: the plan (prompt lists the allowed agents), then the steps in order.
    expect(fake.requests).toHaveLength(3);
    const bodies = fake.requests.map((r) => JSON.stringify(r.body));
    expect(bodies[0]).toContain('researcher, writer');
    expect(bodies[1]).toContain('Find three facts about otters');
    expect(bodies[2]).toContain('Write a haiku from the facts');
    expect(bodies[2]).toContain('otters hold hands');

    const run = await alice.get(`/api/agents/writer/runs/${done.steps[1].runId}`);
    expect(run.body).toMatchObject({ status: 'COMPLETED', outputText: 'Paws linked in the stream' });
    const list = await alice.get('/api/goals');
    expect(list.body.goals[0]).toMatchObject({ id, status: 'COMPLETED' });
  });

  it('a botched plan falls back to one step delegating the whole input to the first allowed agent', async () => {
    fake.reset();
    // Names an agent that is not allowed: not a valid plan.
    fake.enqueue({ text: plan([{ agentSlug: 'planner', input: 'do it yourself' }]) }, { text: 'did it all' });
    const id = await submit({ input: 'Summarize the quarter', agents: ['writer', 'researcher'] });
    const done = await pollGoal(id, finished);
    expect(done).toMatchObject({ status: 'COMPLETED', result: 'did it all' });
    expect(done.plan.reasoning).toMatch(/^Fallback/);
    expect(done.steps).toHaveLength(1);
    expect(done.steps[0]).toMatchObject({ agentSlug: 'writer', status: 'COMPLETED', attempts: 1 });
    expect(JSON.stringify(fake.requests[1].body)).toContain('Summarize the quarter');
  });

  it('a step that fails twice is retried with backoff and completes; attempts are recorded', {
    timeout: 60_000,
  }, async () => {
    fake.reset();
    // The second failure answers late, so the goal is observably between its first failure and its second.
    fake.enqueue(
      { text: 'not json at all' },
      providerError,
      { ...providerError, delayMs: 1500 },
      { text: 'third time lucky' },
    );
    const id = await submit({ input: 'Try hard', agents: ['researcher'], maxAttempts: 3 });
    const waiting = await pollGoal(id, (g) => g.attempts >= 1 || finished(g));
    expect(waiting).toMatchObject({ status: 'RUNNING', attempts: 1 });
    expect(waiting.error).toContain('upstream rejected the request');
    const done = await pollGoal(id, finished, RETRY_WAIT_MS);
    expect(done).toMatchObject({ status: 'COMPLETED', result: 'third time lucky', attempts: 2, error: null });
    expect(done.steps[0]).toMatchObject({ status: 'COMPLETED', attempts: 3, error: null });
    // Each attempt was a recorded run; the plan was not asked for again.
    expect(fake.requests).toHaveLength(4);
  });

  it('a step whose attempts run out fails the goal with the error', { timeout: 60_000 }, async () => {
    fake.reset();
    fake.enqueue(
      {
        text: plan([
          { agentSlug: 'researcher', input: 'dig' },
          { agentSlug: 'writer', input: 'write' },
        ]),
      },
      { text: 'dug' },
      providerError,
      providerError,
    );
    const failing = await submit({ input: 'Dig then write', agents: ['researcher', 'writer'], maxAttempts: 2 });
    const failed = await pollGoal(failing, finished, RETRY_WAIT_MS);
    expect(failed.status).toBe('FAILED');
    expect(failed.attempts).toBe(2);
    expect(failed.error).toContain('upstream rejected the request');
    expect(failed.steps.map((s) => [s.status, s.attempts])).toEqual([
      ['COMPLETED', 1],
      ['FAILED', 2],
    ]);
    expect(fake.requests).toHaveLength(4);
  });

  it('cancels a goal mid-step: its run is cancelled, no further step starts; audited; a second cancel is a 409', async () => {
    fake.reset();
    fake.enqueue(
      {
        text: plan([
          { agentSlug: 'researcher', input: 'dig slowly' },
          { agentSlug: 'writer', input: 'write it up' },
        ]),
      },
      { text: 'far too late', delayMs: 15_000 },
    );
    const id = await submit({ input: 'Cancel me', agents: ['researcher', 'writer'] });
    await pollGoal(id, (g) => g.steps[0]?.status === 'RUNNING');
    await vi.waitFor(() => expect(fake.requests).toHaveLength(2), { timeout: 10_000, interval: 20 });

    const res = await alice.post(`/api/goals/${id}/cancel`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('CANCELLED');
    expect(res.body.error).toBe(`Cancelled by user ${alice.userId}`);
    expect(res.body.steps.map((s: { status: string }) => s.status)).toEqual(['CANCELLED', 'CANCELLED']);

    // The step's run is cancelled (its model call aborted, well before the provider's 15 s) and linked to the step.
    const settled = await pollGoal(id, (g) => g.steps[0].runId !== null, 10_000);
    expect(settled).toMatchObject({ status: 'CANCELLED', attempts: 0 });
    const run = (await alice.get(`/api/agents/researcher/runs/${settled.steps[0].runId}`)).body;
    expect(run).toMatchObject({ status: 'CANCELLED', errorCode: 'RUN_CANCELLED' });
    expect(run.metadata.goal).toEqual({ goalId: id, stepNumber: 1 });
    expect(fake.requests).toHaveLength(2); // the writer was never called

    const again = await alice.post(`/api/goals/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already finished (CANCELLED)');
    expectNotFound(await mallory.post(`/api/goals/${id}/cancel`), id);
    expectNotFound(await alice.post('/api/goals/no-such-goal/cancel'), 'no-such-goal');
    const audit = (await alice.get(`/api/audit-logs?entityType=goal&entityId=${id}`)).body.auditLogs;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['goal.cancel', 'goal.create']);
    const runAudit = (await alice.get(`/api/audit-logs?entityType=run&entityId=${run.id}`)).body.auditLogs;
    expect(runAudit.map((e: { action: string }) => e.action)).toEqual(['run.cancel']);
  });

  it('the supervisor recovers goals whose process is gone: retried from the step, failed when out of attempts', {
    timeout: 60_000,
  }, async () => {
    fake.reset(); // empty script: every step answers "echo: <its input>"
    const db = h.trellis.database.db;
    const insert = async (name: string, opts: { stepAttempts: number; leaseAge: number; retryAgo?: number }) => {
      const plan: StoredGoalPlan = { steps: [{ agentSlug: 'writer', input: `${name} step` }], agents: ['writer'] };
      const [g] = await db
        .insert(goal)
        .values({
          tenantId: alice.tenantId,
          title: name,
          inputText: name,
          status: 'RUNNING',
          plan,
          maxAttempts: 2,
          startedAt: new Date(),
          nextRetryAt: opts.retryAgo === undefined ? null : new Date(Date.now() - opts.retryAgo * 1000),
        })
        .returning();
      await db.insert(goalStep).values({
        tenantId: alice.tenantId,
        goalId: g.id,
        stepNumber: 1,
        agentSlug: 'writer',
        inputText: `${name} step`,
        status: opts.retryAgo === undefined ? 'RUNNING' : 'FAILED',
        attempts: opts.stepAttempts,
        startedAt: new Date(),
      });
      await db
        .update(goal)
        .set({ updatedAt: sql`now() - make_interval(secs => ${opts.leaseAge})` })
        .where(eq(goal.id, g.id));
      return g.id;
    };
    const orphan = await insert('orphan', { stepAttempts: 1, leaseAge: 3600 });
    const exhausted = await insert('exhausted', { stepAttempts: 2, leaseAge: 3600 });
    const fresh = await insert('fresh', { stepAttempts: 1, leaseAge: 0 });
    const own = await insert('own', { stepAttempts: 1, leaseAge: 3600 });
    // Its retry was due an hour ago, but its job was never sent (the process died between the two writes).
    const lostRetry = await insert('lost retry', { stepAttempts: 1, leaseAge: 3600, retryAgo: 3600 });

    h.trellis.runtime.inFlightGoals.add(own);
    try {
      await h.trellis.jobs.supervisor.tick();
    } finally {
      h.trellis.runtime.inFlightGoals.delete(own);
    }

    const recovered = await pollGoal(orphan, finished, RETRY_WAIT_MS);
    expect(recovered).toMatchObject({ status: 'COMPLETED', result: 'echo: orphan step', attempts: 1 });
    expect(recovered.steps[0]).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    const failed = await pollGoal(exhausted, finished);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.error).toBe('Step 1 (writer) was interrupted: the process running it stopped');
    expect(failed.steps[0]).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(await pollGoal(lostRetry, finished, RETRY_WAIT_MS)).toMatchObject({
      status: 'COMPLETED',
      result: 'echo: lost retry step',
    });
    // A goal with a live lease, and one this process executes, are left alone (the latter's lease renewed).
    for (const id of [fresh, own]) {
      const view = (await alice.get<GoalView>(`/api/goals/${id}`)).body;
      expect(view).toMatchObject({ status: 'RUNNING', attempts: 0 });
      expect(view.steps[0]).toMatchObject({ status: 'RUNNING', attempts: 1 });
    }
    // The organization is told, once: a SYSTEM alert naming the interrupted goals.
    const [alert] = (await alice.get('/api/alerts?source=SYSTEM')).body.alerts;
    expect(alert).toMatchObject({ severity: 'WARNING', agentId: null });
    expect(alert.message).toMatch(/^2 goals were interrupted/);
    expect(alert.metadata.ids.sort()).toEqual([orphan, exhausted].sort());
    const [ownRow] = await db.select().from(goal).where(eq(goal.id, own));
    expect(ownRow.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await db
      .update(goal)
      .set({ status: 'CANCELLED' })
      .where(inArray(goal.id, [fresh, own]));
  });

  it('validates the body and the agents it names', async () => {
    const base = { title: 'x', input: 'y', agents: ['writer'] };
    expectInvalid(await alice.post('/api/goals', { ...base, title: '' }), 'title');
    expectInvalid(await alice.post('/api/goals', { ...base, input: undefined }), 'input');
    expectInvalid(await alice.post('/api/goals', { ...base, agents: [] }), 'agents');
    expectInvalid(await alice.post('/api/goals', { ...base, agents: ['writer', 'nobody'] }), 'agents');
    expectInvalid(await alice.post('/api/goals', { ...base, orchestrator: 'nobody' }), 'orchestrator');
    expectInvalid(await alice.post('/api/goals', { ...base, maxAttempts: 0 }), 'maxAttempts');
    expectInvalid(await alice.post('/api/goals', { ...base, extra: 1 }), 'extra');
    // Mallory's organization has no 'writer' agent.
    expectInvalid(await mallory.post('/api/goals', base), 'agents');
  });

  it("another organization's goal is a 404 and not listed", async () => {
    const [goal] = (await alice.get('/api/goals')).body.goals;
    expectNotFound(await mallory.get(`/api/goals/${goal.id}`), goal.id);
    expect((await mallory.get('/api/goals')).body.goals).toEqual([]);
    expect((await h.anonymous.get('/api/goals')).status).toBe(401);
  });
});
