// kill -9 of a server with a run and a goal in flight, then restart: the run ends FAILED with errorCode INTERRUPTED,
// its run-completed job records its cost event exactly once, the goal is retried from its interrupted step and
// completes, and nothing stays RUNNING. The server is a real child
// process (`node --import tsx apps/server/src/main.ts`) on an embedded data directory, or on a fresh PostgreSQL
// database in the postgres project; the model is a fake provider in this process that never answers in time.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentRun, costEvent, type DatabaseHandle, openDatabase } from '@trellis/db';
import { createTestDatabase, type FakeLlm, startFakeLlm } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { exited, freePort, startTrellis } from './child-process';
import { signUpAt } from './harness';

const template = inject('testDbTemplate');
let fake: FakeLlm;
let pg: DatabaseHandle | undefined;
let child: ChildProcess | undefined;
const startServer = (env: Record<string, string>) =>
  startTrellis(['apps/server/src/main.ts'], env, 'Trellis ready').then((c) => c.proc);

beforeAll(async () => {
  fake = await startFakeLlm();
  if (template.kind === 'postgres') pg = await createTestDatabase(template);
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await exited(child);
  }
  await pg?.close();
  await fake?.close();
});

describe('kill -9 with a run and a goal in flight, then restart', () => {
  it('fails the run as INTERRUPTED, records its cost once, and resumes the goal', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'trellis-crash-'));
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: pg?.url ?? '',
      BETTER_AUTH_SECRET: 'crash-test-secret-crash-test-secret-123',
      BETTER_AUTH_URL: url,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.openaiBaseURL,
      TRELLIS_RUN_LEASE_SECONDS: '2',
      TRELLIS_GOAL_RETRY_BASE_MS: '100',
      LOG_LEVEL: 'warn',
    };
    child = await startServer(env);
    const alice = await signUpAt(url);
    const agent = (
      await alice.post('/api/agents', { name: 'Slow', instructions: 'x', modelProvider: 'openai', modelName: 'gpt-4o' })
    ).body;
    fake.enqueue({ text: 'too late', delayMs: 120_000, usage: { inputTokens: 10, outputTokens: 5 } });
    const pending = alice.post(`/api/agents/${agent.id}/runs`, { input: 'take your time' }).catch((e: Error) => e);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1), { timeout: 30_000, interval: 50 });
    const [running] = (await alice.get(`/api/agents/${agent.id}/runs?status=RUNNING`)).body.runs;
    expect(running).toBeDefined();
    // A goal planned into one step, killed while that step's model call is pending.
    const plan = { reasoning: 'one step', steps: [{ agentSlug: agent.slug, input: 'the goal step' }] };
    fake.enqueue({ text: JSON.stringify(plan) }, { text: 'too late as well', delayMs: 120_000 });
    const submitted = await alice.post('/api/goals', {
      title: 'Crash',
      input: 'survive a crash',
      orchestrator: agent.slug,
      agents: [agent.slug],
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(3), { timeout: 30_000, interval: 50 });
    const inFlight = (await alice.get(`/api/goals/${submitted.body.id}`)).body;
    expect(inFlight).toMatchObject({ status: 'RUNNING', steps: [{ status: 'RUNNING', attempts: 1 }] });

    child.kill('SIGKILL');
    await exited(child);
    expect(await pending).toBeInstanceOf(Error); // the connection died with the server

    child = await startServer(env);
    await vi.waitFor(
      async () => {
        const run = (await alice.get(`/api/agents/${agent.id}/runs/${running.id}`)).body;
        expect(run).toMatchObject({ status: 'FAILED', errorCode: 'INTERRUPTED' });
      },
      { timeout: 30_000, interval: 200 },
    );
    // The goal's step counts the interrupted attempt and is run again (the fake now answers at once). A run-completed
    // job the killed process had taken is retried once its heartbeat is stale (10 s) by the next monitor pass (15 s).
    await vi.waitFor(
      async () => {
        const resumed = (await alice.get(`/api/goals/${submitted.body.id}`)).body;
        expect(resumed).toMatchObject({ status: 'COMPLETED', result: 'echo: the goal step', attempts: 1 });
        expect(resumed.steps).toMatchObject([{ status: 'COMPLETED', attempts: 2 }]);
        // Every run counted once: the killed run, the plan, the interrupted step and its retry.
        expect((await alice.get(`/api/agents/${agent.id}/costs`)).body.totals.runs).toBe(4);
      },
      { timeout: 60_000, interval: 200 },
    );
    expect((await alice.get(`/api/agents/${agent.id}/runs?status=RUNNING`)).body.runs).toHaveLength(0);
    // The organization was told: a SYSTEM alert for the agent's interrupted runs and one for the goal.
    const alerts = (await alice.get('/api/alerts?source=SYSTEM')).body.alerts as { agentId: string; message: string }[];
    expect(alerts.find((a) => a.agentId === agent.id)?.message).toMatch(/^[12] runs? w(as|ere) interrupted/);
    expect(alerts.find((a) => a.agentId === null)?.message).toMatch(/^1 goal was interrupted/);
    const health = await alice.get('/api/health');
    expect(health.body.jobs).toMatchObject({ status: 'ok', running: true });

    child.kill('SIGTERM');
    await exited(child);

    // Read the database the server left behind: exactly one cost event for the run.
    const handle = pg ?? (await openDatabase({ dataDir, migrate: false }));
    try {
      const events = await handle.db.select().from(costEvent).where(eq(costEvent.runId, running.id));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ provider: 'openai', modelName: 'gpt-4o', costUsd: 0 });
      const [row] = await handle.db.select().from(agentRun).where(eq(agentRun.id, running.id));
      expect(row.completedAt).not.toBeNull();
    } finally {
      if (!pg) await handle.close();
    }
  });
});
