// The job system on pg-boss in the same database: health reports it, a finished run's run-completed job records
// the cost event and checks the budget, payloads are validated, the lease supervisor fails runs whose owner is gone,
// cleanup runs, and with TRELLIS_WORKER=off jobs wait for a separate worker, which gets a job back when the one that
// took it stops beating.
import { handleJob, jobId, jobLog, jobNames, settleRunsCompleted } from '@trellis/core';
import { agentCostDaily, agentRun, costEvent } from '@trellis/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, type Harness, startHarness } from './harness';

let h: Harness;
let alice: ApiClient & { tenantId: string };

beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  expect((await alice.put('/api/agents/assistant', { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

const db = () => h.trellis.database.db;
const deps = () => ({
  db: db(),
  runtime: h.trellis.runtime,
  jobs: h.trellis.jobs.queue,
  boss: h.trellis.jobs.boss,
  log: jobLog('silent'),
});
const until = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 20_000, interval: 100 });

async function insertRun(status: 'RUNNING' | 'QUEUED', leaseAgeSeconds: number) {
  const agent = (await alice.get('/api/agents/assistant')).body;
  const [run] = await db()
    .insert(agentRun)
    .values({
      tenantId: alice.tenantId,
      agentId: agent.id,
      agentSlug: 'assistant',
      status,
      modelProvider: 'demo',
      modelName: 'demo-1',
      startedAt: new Date(),
    })
    .returning();
  await db()
    .update(agentRun)
    .set({ updatedAt: sql`now() - make_interval(secs => ${leaseAgeSeconds})` })
    .where(eq(agentRun.id, run.id));
  return run;
}

describe('job system', () => {
  it('health reports pg-boss with the worker in-process and every queue', async () => {
    const res = await h.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.jobs).toMatchObject({
      status: 'ok',
      backend: h.trellis.database.kind,
      worker: 'inline',
      running: true,
      totals: { queued: expect.any(Number), active: expect.any(Number), failed: expect.any(Number) },
    });
    expect(res.body.jobs.queues.map((q: { name: string }) => q.name).sort()).toEqual([...jobNames].sort());
  });

  it('a finished run gets its cost event and its budget check from one run-completed job', async () => {
    const run = (await alice.post('/api/agents/assistant/runs', { input: 'what is 6*7' })).body;
    expect(run.status).toBe('COMPLETED');
    await until(async () => {
      const events = await db().select().from(costEvent).where(eq(costEvent.runId, run.id));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ provider: 'demo', modelName: 'demo-1', promptTokens: run.promptTokens });
      const [job] = await h.trellis.jobs.boss.findJobs('run-completed', { id: jobId('run-completed', run.id) });
      expect(job?.state).toBe('completed');
      expect(job?.output).toMatchObject({ outcome: 'recorded', budget: { checked: expect.any(Boolean) } });
    });
  });

  it('run-completed jobs fetched together are counted in one transaction, each settled with its own outcome', async () => {
    const done = await insertRun('RUNNING', 0);
    await db()
      .update(agentRun)
      .set({ status: 'COMPLETED', costUsd: 0.25, completedAt: new Date() })
      .where(eq(agentRun.id, done.id));
    const failed = await insertRun('RUNNING', 0);
    await db().update(agentRun).set({ status: 'FAILED', costUsd: 0.5 }).where(eq(agentRun.id, failed.id));
    const running = await insertRun('RUNNING', 0);
    const day = done.createdAt.toISOString().slice(0, 10);
    const rollup = async () =>
      (
        await db()
          .select()
          .from(agentCostDaily)
          .where(and(eq(agentCostDaily.agentId, done.agentId as string), eq(agentCostDaily.date, day)))
      )[0];
    const before = await rollup();
    const job = (id: string, data: unknown) => ({ id, data, retryCount: 0 });
    const batch = [
      job('j-done', { runId: done.id, tenantId: alice.tenantId }),
      job('j-failed', { runId: failed.id, tenantId: alice.tenantId }),
      job('j-running', { runId: running.id, tenantId: alice.tenantId }),
      job('j-missing', { runId: 'no-such-run', tenantId: alice.tenantId }),
      // Another organization's id for a real run: that run is not found for it.
      job('j-other-tenant', { runId: done.id, tenantId: 'another-org' }),
      job('j-bad', { runId: '' }),
    ];
    const results = await settleRunsCompleted(batch, deps());
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['j-done']).toMatchObject({ status: 'completed', output: { outcome: 'recorded' } });
    expect(byId['j-failed']).toMatchObject({ status: 'completed', output: { outcome: 'recorded' } });
    expect(byId['j-running']).toMatchObject({ status: 'completed', output: { outcome: 'not-finished' } });
    expect(byId['j-missing']).toMatchObject({ status: 'completed', output: { outcome: 'missing' } });
    expect(byId['j-other-tenant']).toMatchObject({ status: 'completed', output: { outcome: 'missing' } });
    expect(byId['j-bad']).toMatchObject({
      status: 'failed',
      output: { message: expect.stringMatching(/runId|tenantId/) },
    });
    expect(results).toHaveLength(batch.length);
    const after = await rollup();
    expect((after?.runs ?? 0) - (before?.runs ?? 0)).toBe(2);
    expect((after?.totalCostUsd ?? 0) - (before?.totalCostUsd ?? 0)).toBeCloseTo(0.75, 10);
    expect(await db().select().from(costEvent).where(eq(costEvent.runId, done.id))).toHaveLength(1);

    // Delivered again: duplicates, counted nowhere twice.
    const again = await settleRunsCompleted(batch.slice(0, 2), deps());
    expect(again.map((r) => (r.output as { outcome: string }).outcome)).toEqual(['duplicate', 'duplicate']);
    expect((await rollup())?.runs).toBe(after?.runs);
    const counted = await db().select({ countedAt: agentRun.countedAt }).from(agentRun).where(eq(agentRun.id, done.id));
    expect(counted[0].countedAt).not.toBeNull();
  });

  it('validates payloads on send and on delivery', async () => {
    const queue = h.trellis.jobs.queue;
    await expect(queue.send('run-completed', { runId: '', tenantId: alice.tenantId })).rejects.toThrow(/runId/);
    await expect(handleJob('execute-goal', { goalId: 7 }, deps())).rejects.toThrow(/tenantId|goalId/);
    // A job whose subject does not exist completes without effect.
    expect(await handleJob('execute-goal', { tenantId: alice.tenantId, goalId: 'g1' }, deps())).toEqual({
      handled: false,
    });
    expect(await handleJob('run-completed', { runId: 'nope', tenantId: alice.tenantId }, deps())).toEqual({
      outcome: 'missing',
    });
  });

  it('the supervisor fails runs whose lease expired, keeps its own, records their cost, and alerts once', async () => {
    const orphan = await insertRun('RUNNING', 3600);
    const queued = await insertRun('QUEUED', 3600);
    const fresh = await insertRun('RUNNING', 0);
    const own = await insertRun('RUNNING', 3600);
    h.trellis.runtime.inFlight.set(own.id, new AbortController());
    try {
      await h.trellis.jobs.supervisor.tick();
    } finally {
      h.trellis.runtime.inFlight.delete(own.id);
    }
    const status = async (id: string) =>
      (await db().select().from(agentRun).where(eq(agentRun.id, id)))[0] as typeof orphan;
    for (const id of [orphan.id, queued.id]) {
      expect(await status(id)).toMatchObject({ status: 'FAILED', errorCode: 'INTERRUPTED' });
    }
    expect((await status(fresh.id)).status).toBe('RUNNING');
    const ownAfter = await status(own.id);
    expect(ownAfter.status).toBe('RUNNING');
    expect(ownAfter.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await until(async () => {
      const events = await db()
        .select()
        .from(costEvent)
        .where(and(eq(costEvent.tenantId, alice.tenantId), sql`${costEvent.runId} in (${orphan.id}, ${queued.id})`));
      expect(events).toHaveLength(2);
    });
    // One SYSTEM alert for the agent, however many of its runs were interrupted; a later sweep in the hour adds none.
    const systemAlerts = async () => (await alice.get('/api/alerts?source=SYSTEM&status=all')).body.alerts;
    const [alert] = await systemAlerts();
    expect(alert).toMatchObject({ severity: 'WARNING', source: 'SYSTEM', agentId: orphan.agentId });
    expect(alert.message).toMatch(/^2 runs were interrupted: the Trellis process executing them stopped/);
    expect(alert.metadata.ids.sort()).toEqual([orphan.id, queued.id].sort());
    await insertRun('RUNNING', 3600);
    await h.trellis.jobs.supervisor.tick();
    expect(await systemAlerts()).toHaveLength(1);
  });

  it('cleanup applies pg-boss retention to every queue', async () => {
    expect(await handleJob('cleanup', {}, deps())).toEqual({ queues: jobNames.length });
  });
});

describe('with TRELLIS_WORKER=off', () => {
  it('jobs are sent and wait for a separate worker; health says so; a job whose worker died is retried', {
    timeout: 90_000,
  }, async () => {
    const off = await startHarness({ TRELLIS_WORKER: 'off' });
    try {
      const bob = await off.signUp();
      await bob.put('/api/agents/assistant', { modelProvider: 'demo', modelName: 'demo-1' });
      const run = (await bob.post('/api/agents/assistant/runs', { input: 'hello' })).body;
      // The run's answer does not wait for its job to be sent: the send follows in the background.
      const job = await vi.waitFor(async () => {
        const [found] = await off.trellis.jobs.boss.findJobs('run-completed', { id: jobId('run-completed', run.id) });
        expect(found).toBeDefined();
        return found;
      });
      expect(job.state).toBe('created');
      const health = await off.anonymous.get('/api/health');
      expect(health.body.jobs).toMatchObject({ status: 'off', worker: 'off', running: true });
      expect(health.body.jobs.totals.queued).toBeGreaterThanOrEqual(1);
      const events = await off.trellis.database.db.select().from(costEvent).where(eq(costEvent.runId, run.id));
      expect(events).toHaveLength(0);

      // A worker takes the job and dies before settling it (kill -9): its heartbeat stops, and the next monitor pass
      // hands the job back for a retry — within half a minute, not at the end of its 120 s expiry.
      const [taken] = await off.trellis.jobs.boss.fetch('run-completed', { batchSize: 1 });
      expect(taken.id).toBe(job.id);
      const found = () => off.trellis.jobs.boss.findJobs('run-completed', { id: job.id });
      expect((await found())[0]).toMatchObject({ state: 'active', heartbeatSeconds: 10 });
      await vi.waitFor(async () => expect((await found())[0]).toMatchObject({ state: 'retry' }), {
        timeout: 45_000,
        interval: 500,
      });
    } finally {
      await off.close();
    }
  });
});
