// Workflows through the API and the in-process worker: the trip planner described (steps, stages, input schema), run
// end to end on the demo model and followed over server-sent events, every step a recorded run tagged with its
// workflow run and step; on a fake OpenAI, each step's input carries the earlier steps' outputs and the three middle
// steps run in parallel, a failed step fails the run with its error while its siblings' results stay, a cancel stops
// the run and its run in flight, and a run whose process died is resumed without running its completed steps again.
// Bad input is a 400 naming the field with nothing written; another organization's runs are 404s.
import { executeWorkflowRun, systemContext } from '@trellis/core';
import { auditLog, workflowRun, workflowStep } from '@trellis/db';
import type { FakeTurn } from '@trellis/testkit';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid, expectNotFound, type User } from './agent-helpers';
import { type ApiClient, type Harness, startHarness, startHarnessWithFakeOpenAi } from './harness';

const TRIP = {
  destination: 'Lisbon',
  origin: 'Paris',
  startDate: '2027-05-01',
  endDate: '2027-05-05',
  travellers: 2,
  budget: 2400,
  currency: 'eur',
  interests: ['food', 'history'],
};
const STEPS = ['destination', 'accommodation', 'activities', 'transport', 'routing', 'itinerary', 'budget'];
const AGENT = (step: string) => `${step}-agent`;

interface StepView {
  stepId: string;
  agentSlug: string;
  status: string;
  inputText: string | null;
  outputText: string | null;
  runId: string | null;
  error: string | null;
  startedAt: string | null;
  completedAt: string | null;
}
interface RunView {
  id: string;
  workflowId: string;
  status: string;
  inputJson: Record<string, unknown>;
  outputJson: Record<string, string> | null;
  error: string | null;
  steps: StepView[];
}

const finished = (r: RunView) => !['QUEUED', 'RUNNING'].includes(r.status);

async function start(user: ApiClient, input: Record<string, unknown> = TRIP): Promise<string> {
  const res = await user.post('/api/workflows/trip-planner/runs', { input });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body).toEqual({ workflowRunId: expect.any(String), status: 'QUEUED' });
  return res.body.workflowRunId;
}

async function view(user: ApiClient, id: string): Promise<RunView> {
  const res = await user.get<RunView>(`/api/workflows/trip-planner/runs/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Waits (bounded) until the run satisfies `done`; returns that view. */
async function waitForRun(user: ApiClient, id: string, done: (r: RunView) => boolean = finished, timeout = 30_000) {
  return vi.waitFor(
    async () => {
      const r = await view(user, id);
      if (!done(r)) throw new Error(`run ${id} is ${r.status}: ${r.steps.map((s) => s.status).join(', ')}`);
      return r;
    },
    { timeout, interval: 50 },
  );
}

/** The server-sent events of the run's progress stream, read to its end (the run finished). */
async function streamedEvents(user: ApiClient, id: string) {
  const res = await fetch(`${user.baseURL}/api/workflows/trip-planner/runs/${id}/stream`, {
    headers: user.authHeaders(),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const field = (name: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      return { event: field('event'), data: JSON.parse(field('data') ?? 'null') as RunView };
    });
}

/** Workflow run and step rows of one organization (read on the system handle). */
async function rowsOf(h: Harness, tenantId: string) {
  const db = h.trellis.database.db;
  const runs = await db.select({ id: workflowRun.id }).from(workflowRun).where(eq(workflowRun.tenantId, tenantId));
  const steps = await db.select({ id: workflowStep.id }).from(workflowStep).where(eq(workflowStep.tenantId, tenantId));
  return { runs: runs.length, steps: steps.length };
}

describe('workflows on the demo model', () => {
  let h: Harness;
  let alice: User;
  let mallory: User;

  beforeAll(async () => {
    h = await startHarness();
    alice = await h.signUp();
    mallory = await h.signUp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists and describes the trip planner: seven steps, their agents, the stages and the input schema', async () => {
    const list = await alice.get('/api/workflows');
    expect(list.status).toBe(200);
    expect(list.body.workflows.map((w: { id: string }) => w.id)).toEqual(['trip-planner']);
    const one = await alice.get('/api/workflows/trip-planner');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(list.body.workflows[0]);
    expect(one.body.stages).toEqual([
      ['destination'],
      ['accommodation', 'activities', 'transport'],
      ['routing'],
      ['itinerary'],
      ['budget'],
    ]);
    expect(one.body.steps.map((s: { id: string; agentSlug: string }) => [s.id, s.agentSlug])).toEqual(
      STEPS.map((s) => [s, AGENT(s)]),
    );
    expect(one.body.steps.find((s: { id: string }) => s.id === 'routing').uses).toEqual([
      'accommodation',
      'activities',
      'transport',
    ]);
    expect(one.body.inputSchema.required).toEqual(['destination']);
    expect(Object.keys(one.body.inputSchema.properties)).toContain('interests');
    expectNotFound(await alice.get('/api/workflows/no-such-workflow'), 'no-such-workflow');
    expect((await h.anonymous.get('/api/workflows')).status).toBe(401);
  });

  it('runs the trip planner end to end, followed over server-sent events; every step a recorded run', async () => {
    const id = await start(alice);
    const events = await streamedEvents(alice, id);
    expect(events.every((e) => e.event === 'run')).toBe(true);
    const statuses = events.map((e) => e.data.status);
    // The stream starts with the run as it is (the demo model may have finished it already) and ends when it ends.
    expect(['QUEUED', 'RUNNING', 'COMPLETED']).toContain(statuses[0]);
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect(statuses.filter((s) => s === 'COMPLETED')).toHaveLength(1);

    const done = await view(alice, id);
    expect(done).toEqual(events.at(-1)?.data);
    expect(done).toMatchObject({ workflowId: 'trip-planner', status: 'COMPLETED', error: null });
    // The input as validated: defaults filled, the currency upper-cased.
    expect(done.inputJson).toMatchObject({ destination: 'Lisbon', currency: 'EUR', travellers: 2 });
    expect(done.steps.map((s) => [s.stepId, s.agentSlug, s.status])).toEqual(
      STEPS.map((s) => [s, AGENT(s), 'COMPLETED']),
    );
    const byId = Object.fromEntries(done.steps.map((s) => [s.stepId, s]));
    expect(done.outputJson).toEqual({ itinerary: byId.itinerary.outputText, budget: byId.budget.outputText });
    expect(done.outputJson?.itinerary).toContain('demo (offline)');

    for (const step of done.steps) {
      expect(step.inputText).toContain('Trip: Lisbon, from Paris · 2027-05-01 to 2027-05-05 (4 nights)');
      const run = await alice.get(`/api/agents/${step.agentSlug}/runs/${step.runId}`);
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({
        status: 'COMPLETED',
        modelProvider: 'demo',
        inputText: step.inputText,
        outputText: step.outputText,
        metadata: { via: 'workflow', workflow: { workflowRunId: id, stepId: step.stepId } },
      });
    }
    // The routing step's input carries what accommodation, activities and transport found.
    for (const used of ['accommodation', 'activities', 'transport'])
      expect(byId.routing.inputText).toContain(`(${AGENT(used)})\n${byId[used].outputText?.trim()}`);

    const audit = (await alice.get(`/api/audit-logs?entityType=workflowRun&entityId=${id}`)).body.auditLogs;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['workflow.run']);
    // A duplicate delivery of its job finds nothing to do.
    const again = await executeWorkflowRun(systemContext(h.trellis.database.db, h.trellis.runtime, alice.tenantId), id);
    expect(again).toEqual({ handled: true, outcome: 'skipped', status: 'COMPLETED' });
  });

  it('lists runs newest first with a cursor and a status filter', async () => {
    const second = await start(alice, { destination: 'Porto', nights: 2 });
    await waitForRun(alice, second);
    const first = await alice.get('/api/workflows/trip-planner/runs?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.runs.map((r: { id: string }) => r.id)).toEqual([second]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await alice.get(`/api/workflows/trip-planner/runs?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body.runs).toHaveLength(1);
    expect(next.body.runs[0].id).not.toBe(second);
    const completed = await alice.get('/api/workflows/trip-planner/runs?status=COMPLETED');
    expect(completed.body.runs.length).toBe(2);
    expect(completed.body.nextCursor).toBeNull();
    expect((await alice.get('/api/workflows/trip-planner/runs?status=FAILED')).body.runs).toEqual([]);
    expectInvalid(await alice.get('/api/workflows/trip-planner/runs?status=DONE'), 'status');
    expectInvalid(await alice.get('/api/workflows/trip-planner/runs?limit=0'), 'limit');
    expectInvalid(await alice.get('/api/workflows/trip-planner/runs?cursor=nonsense'), 'cursor');
    expectNotFound(await alice.get('/api/workflows/no-such-workflow/runs'), 'no-such-workflow');
  });

  it('refuses bad input with a 400 at the field, and writes nothing', async () => {
    const before = await rowsOf(h, alice.tenantId);
    const refused = async (input: unknown, field: string) =>
      expectInvalid(await alice.post('/api/workflows/trip-planner/runs', { input }), field);
    await refused({ ...TRIP, destination: undefined }, 'input.destination');
    await refused({ ...TRIP, destination: '  ' }, 'input.destination');
    await refused({ destination: 'Rome' }, 'input.nights');
    await refused({ ...TRIP, endDate: '2027-04-30' }, 'input.endDate');
    await refused({ ...TRIP, endDate: undefined }, 'input.endDate');
    await refused({ ...TRIP, startDate: '2027-02-30' }, 'input.startDate');
    await refused({ ...TRIP, nights: 9 }, 'input.nights');
    await refused({ ...TRIP, travellers: 0 }, 'input.travellers');
    await refused({ ...TRIP, budget: -5 }, 'input.budget');
    await refused({ ...TRIP, currency: 'euro' }, 'input.currency');
    await refused({ ...TRIP, interests: ['food', ''] }, 'input.interests.1');
    await refused({ ...TRIP, rooms: 2 }, 'rooms');
    await refused('Lisbon', 'input');
    expectInvalid(await alice.post('/api/workflows/trip-planner/runs', { ...TRIP }), 'destination');
    expectInvalid(await alice.post('/api/workflows/trip-planner/runs', { input: TRIP, priority: 1 }), 'priority');
    expectNotFound(await alice.post('/api/workflows/no-such-workflow/runs', { input: TRIP }), 'no-such-workflow');
    expect(await rowsOf(h, alice.tenantId)).toEqual(before);
  });

  it('refuses a run when an agent a step needs is gone (409), and writes nothing', async () => {
    expect((await mallory.delete('/api/agents/budget-agent')).status).toBe(200);
    const before = await rowsOf(h, mallory.tenantId);
    const res = await mallory.post('/api/workflows/trip-planner/runs', { input: TRIP });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("'budget-agent' (step budget)");
    expect(await rowsOf(h, mallory.tenantId)).toEqual(before);
  });

  it("another organization's runs are 404s on every route and never listed", async () => {
    const [run] = (await alice.get('/api/workflows/trip-planner/runs')).body.runs;
    const base = `/api/workflows/trip-planner/runs/${run.id}`;
    expectNotFound(await mallory.get(base), run.id);
    expectNotFound(await mallory.get(`${base}/stream`), run.id);
    expectNotFound(await mallory.post(`${base}/cancel`), run.id);
    expect((await mallory.get('/api/workflows/trip-planner/runs')).body.runs).toEqual([]);
    expectNotFound(await alice.get('/api/workflows/trip-planner/runs/no-such-run'), 'no-such-run');
    expectNotFound(await alice.get('/api/workflows/trip-planner/runs/no-such-run/stream'), 'no-such-run');
    expectNotFound(await alice.post('/api/workflows/trip-planner/runs/no-such-run/cancel'), 'no-such-run');
    // The run is alice's trip planner's: under another workflow id it is not found either.
    expectNotFound(await alice.get(`/api/workflows/other/runs/${run.id}`), 'other');
    expect((await view(alice, run.id)).status).toBe('COMPLETED');
  });
});

describe('workflows on a fake OpenAI', () => {
  let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
  let alice: User;
  /** What each agent answers: its marker, after `delayMs`, or the provider error for the agents in `fail`. */
  const script = { delayMs: {} as Record<string, number>, fail: new Set<string>() };
  const marker = (slug: string) => `<<${slug} findings>>`;
  /** Each trip agent is known by a phrase of its instructions (agents/definitions.ts). */
  const agentsByPhrase: [string, string][] = [
    ['You research travel destinations', 'destination-agent'],
    ['You find accommodation', 'accommodation-agent'],
    ['You recommend activities', 'activities-agent'],
    ['You find transport', 'transport-agent'],
    ['You optimise routes', 'routing-agent'],
    ['You assemble itineraries', 'itinerary-agent'],
    ['You analyse trip budgets', 'budget-agent'],
  ];
  const agentOf = (body: unknown) => {
    const text = JSON.stringify(body);
    return agentsByPhrase.find(([phrase]) => text.includes(phrase))?.[1] ?? 'unknown';
  };
  const requestsOf = (slug: string) => h.fake.requests.filter((r) => agentOf(r.body) === slug);

  beforeAll(async () => {
    h = await startHarnessWithFakeOpenAi(
      {},
      {
        defaultReply: (_text, request): FakeTurn => {
          const slug = agentOf(request.body);
          if (script.fail.has(slug))
            return { error: { status: 400, message: `${slug} upstream rejected the request` } };
          return { text: marker(slug), delayMs: script.delayMs[slug] ?? 0 };
        },
      },
    );
    alice = await h.signUp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("each step's input carries the earlier outputs it uses; the middle three run in parallel", async () => {
    h.fake.reset();
    script.delayMs = { 'accommodation-agent': 400, 'activities-agent': 400, 'transport-agent': 400 };
    const id = await start(alice);
    const done = await waitForRun(alice, id);
    expect(done.status).toBe('COMPLETED');
    const byId = Object.fromEntries(done.steps.map((s) => [s.stepId, s]));
    const uses: Record<string, string[]> = {
      destination: [],
      accommodation: ['destination'],
      activities: ['destination'],
      transport: ['destination'],
      routing: ['accommodation', 'activities', 'transport'],
      itinerary: ['destination', 'accommodation', 'activities', 'transport', 'routing'],
      budget: ['transport', 'accommodation', 'activities', 'itinerary'],
    };
    for (const step of STEPS) {
      expect(byId[step].outputText).toBe(marker(AGENT(step)));
      // One model call per step, and what the model got is the step's recorded input, earlier findings included.
      const [request] = requestsOf(AGENT(step));
      expect(requestsOf(AGENT(step))).toHaveLength(1);
      const sent = JSON.stringify(request.body);
      for (const other of STEPS.filter((s) => s !== step))
        expect(sent.includes(marker(AGENT(other))), `${step} carries ${other}`).toBe(uses[step].includes(other));
      expect(byId[step].inputText).toContain('Lisbon');
    }
    expect(h.fake.requests).toHaveLength(7);
    // The three parallel steps all started before any of them finished.
    const middle = ['accommodation', 'activities', 'transport'].map((s) => byId[s]);
    const lastStart = Math.max(...middle.map((s) => Date.parse(s.startedAt ?? '')));
    const firstEnd = Math.min(...middle.map((s) => Date.parse(s.completedAt ?? '')));
    expect(lastStart).toBeLessThan(firstEnd);
    expect(Date.parse(byId.routing.startedAt ?? '')).toBeGreaterThanOrEqual(
      Math.max(...middle.map((s) => Date.parse(s.completedAt ?? ''))),
    );
    script.delayMs = {};
  });

  it('a failed step fails the run with its error; its parallel siblings stay recorded, later steps never run', async () => {
    h.fake.reset();
    script.fail = new Set(['transport-agent']);
    script.delayMs = { 'accommodation-agent': 300 };
    const id = await start(alice);
    const failed = await waitForRun(alice, id);
    script.fail = new Set();
    script.delayMs = {};
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/^Step transport \(transport-agent\) failed: .*transport-agent upstream rejected/);
    expect(failed.outputJson).toBeNull();
    expect(failed.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['destination', 'COMPLETED'],
      ['accommodation', 'COMPLETED'],
      ['activities', 'COMPLETED'],
      ['transport', 'FAILED'],
      ['routing', 'CANCELLED'],
      ['itinerary', 'CANCELLED'],
      ['budget', 'CANCELLED'],
    ]);
    const transport = failed.steps[3];
    expect(transport.error).toBe(failed.error);
    const run = await alice.get(`/api/agents/transport-agent/runs/${transport.runId}`);
    expect(run.body).toMatchObject({ status: 'FAILED', metadata: { via: 'workflow' } });
    expect(failed.steps[4]).toMatchObject({ runId: null, error: `Not run: ${failed.error}` });
    expect(h.fake.requests).toHaveLength(4);
  });

  it('cancels a running run: its run in flight is cancelled, no further step starts; a second cancel is a 409', async () => {
    h.fake.reset();
    script.delayMs = { 'destination-agent': 20_000 };
    const id = await start(alice);
    await waitForRun(alice, id, (r) => r.steps[0].status === 'RUNNING');
    await vi.waitFor(() => expect(h.fake.requests).toHaveLength(1), { timeout: 10_000, interval: 20 });

    const res = await alice.post(`/api/workflows/trip-planner/runs/${id}/cancel`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'CANCELLED', error: `Cancelled by user ${alice.userId}` });
    expect(res.body.steps.map((s: StepView) => s.status)).toEqual(STEPS.map(() => 'CANCELLED'));

    // The step's run is cancelled (its model call aborted well before the provider's 20 s) and linked to the step.
    const settled = await waitForRun(alice, id, (r) => r.steps[0].runId !== null, 10_000);
    expect(settled.status).toBe('CANCELLED');
    const run = (await alice.get(`/api/agents/destination-agent/runs/${settled.steps[0].runId}`)).body;
    expect(run).toMatchObject({ status: 'CANCELLED', errorCode: 'RUN_CANCELLED' });
    expect(run.metadata.workflow).toEqual({ workflowRunId: id, stepId: 'destination' });
    await vi.waitFor(() => expect(h.trellis.runtime.inFlightWorkflows.size).toBe(0), { timeout: 10_000 });
    expect(h.fake.requests).toHaveLength(1); // nothing after the destination was asked
    expect((await view(alice, id)).status).toBe('CANCELLED');
    script.delayMs = {};

    const again = await alice.post(`/api/workflows/trip-planner/runs/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already finished (CANCELLED)');
    const audit = (await alice.get(`/api/audit-logs?entityType=workflowRun&entityId=${id}`)).body.auditLogs;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['workflow.cancel', 'workflow.run']);
  });

  it('resumes a run whose process stopped: completed steps are not run again, the interrupted one is', async () => {
    h.fake.reset();
    const id = await start(alice);
    const done = await waitForRun(alice, id);
    const before = Object.fromEntries(done.steps.map((s) => [s.stepId, s]));
    // As a crash leaves it: the run RUNNING with a stale lease, routing interrupted, itinerary and budget not started.
    const db = h.trellis.database.db;
    await db
      .update(workflowRun)
      .set({ status: 'RUNNING', completedAt: null, outputJson: null, updatedAt: sql`now() - interval '1 hour'` })
      .where(eq(workflowRun.id, id));
    await db
      .update(workflowStep)
      .set({ status: 'RUNNING', outputText: null, completedAt: null })
      .where(and(eq(workflowStep.workflowRunId, id), eq(workflowStep.stepId, 'routing')));
    await db
      .update(workflowStep)
      .set({ status: 'QUEUED', inputText: null, outputText: null, runId: null, startedAt: null, completedAt: null })
      .where(and(eq(workflowStep.workflowRunId, id), inArray(workflowStep.stepId, ['itinerary', 'budget'])));
    h.fake.reset();

    await h.trellis.jobs.supervisor.tick();
    const resumed = await waitForRun(alice, id);
    expect(resumed.status).toBe('COMPLETED');
    expect(resumed.steps.map((s) => s.status)).toEqual(STEPS.map(() => 'COMPLETED'));
    // Only the three steps that had not completed called their models; the others kept their runs.
    expect(h.fake.requests.map((r) => agentOf(r.body))).toEqual(['routing-agent', 'itinerary-agent', 'budget-agent']);
    for (const step of ['destination', 'accommodation', 'activities', 'transport'])
      expect(resumed.steps.find((s) => s.stepId === step)?.runId).toBe(before[step].runId);
    expect(resumed.steps.find((s) => s.stepId === 'routing')?.runId).not.toBe(before.routing.runId);
    expect(resumed.outputJson).toEqual({ itinerary: marker('itinerary-agent'), budget: marker('budget-agent') });
    // The organization is told, as for runs and goals.
    const alerts = (await alice.get('/api/alerts?source=SYSTEM')).body.alerts;
    expect(alerts[0].message).toMatch(/^1 workflow was interrupted/);
    const resumes = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, alice.tenantId), eq(auditLog.entityId, id)));
    expect(resumes.map((a) => a.action)).toEqual(['workflow.run']);
  });
});
