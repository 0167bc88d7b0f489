// Scale-out on PostgreSQL: two web processes (TRELLIS_WORKER=off) and two job workers, each a real child process on
// its own port, on one database. Under load no run is lost and no job runs twice; a hard budget holds at its edge
// across processes; an agent changed through one web process is what the other runs next; SIGTERM lets a run in
// flight finish before the process exits. Bounded: a few hundred runs on loopback, a fake provider in this process.
import type { ChildProcess } from 'node:child_process';
import { agentRun, agentStatsDaily, costEvent, type DatabaseHandle } from '@trellis/db';
import { createTestDatabase, type FakeLlm, startFakeLlm } from '@trellis/testkit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { exited, freePort, startTrellis } from './child-process';
import { ApiClient, signUpAt } from './harness';

const template = inject('testDbTemplate');
const onPostgres = template.kind === 'postgres';

let fake: FakeLlm;
let database: DatabaseHandle;
const children: ChildProcess[] = [];
const web: { url: string; proc: ChildProcess }[] = [];
let clients: ApiClient[] = [];

async function startWeb(env: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { proc } = await startTrellis(
    ['apps/server/src/main.ts'],
    { ...env, PORT: String(port), HOST: '127.0.0.1', BETTER_AUTH_URL: url, TRELLIS_WORKER: 'off' },
    'Trellis ready',
  );
  children.push(proc);
  return { url, proc };
}

beforeAll(async () => {
  if (!onPostgres) return;
  fake = await startFakeLlm({ defaultReply: () => ({ text: 'ok', usage: { inputTokens: 40, outputTokens: 8 } }) });
  database = await createTestDatabase(template);
  const env = {
    DATABASE_URL: database.url as string,
    BETTER_AUTH_SECRET: 'scale-out-secret-scale-out-secret-1234',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.openaiBaseURL,
    LOG_LEVEL: 'warn',
    TRELLIS_DRAIN_SECONDS: '30',
  };
  const started = await Promise.all([
    startWeb(env),
    startWeb(env),
    startTrellis(['apps/server/src/cli.ts', 'worker'], env, 'worker ready'),
    startTrellis(['apps/server/src/cli.ts', 'worker'], env, 'worker ready'),
  ]);
  web.push(started[0], started[1]);
  children.push(started[2].proc, started[3].proc);
  const alice = await signUpAt(web[0].url);
  const { key } = await alice.createApiKey('scale-out');
  clients = web.map((w) => new ApiClient(w.url, { apiKey: key }));
  const res = await clients[0].post('/api/agents', {
    name: 'Load',
    slug: 'load',
    instructions: 'Answer.',
    modelProvider: 'openai',
    modelName: 'gpt-4o-mini',
    maxTokens: 20,
    maxSteps: 1,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}, 180_000);

afterAll(async () => {
  for (const proc of children) {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited(proc);
    }
  }
  await database?.close();
  await fake?.close();
});

/** `total` runs from `concurrency` clients, alternating between the web processes; returns every response. */
async function load(total: number, concurrency: number, input: string) {
  const responses: { status: number; body: any }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        responses.push(await clients[i % 2].post('/api/agents/load/runs', { input: `${input} ${i}` }));
      }
    }),
  );
  return responses;
}

describe.skipIf(!onPostgres)('scale-out: two web processes and two workers on PostgreSQL', () => {
  it('under load no run is lost, every run is counted once, and no job is executed twice', async () => {
    const responses = await load(160, 8, 'load');
    expect(responses.filter((r) => r.status !== 201 || r.body.status !== 'COMPLETED')).toEqual([]);
    const ids = responses.map((r) => r.body.id as string);
    expect(new Set(ids).size).toBe(160);
    const db = database.db;
    await vi.waitFor(
      async () => {
        const [{ events }] = await db
          .select({ events: sql<number>`count(*)::int` })
          .from(costEvent)
          .where(sql`${costEvent.runId} in ${ids}`);
        expect(events).toBe(160);
      },
      { timeout: 90_000, interval: 250 },
    );
    const runs = await db.select().from(agentRun).where(sql`${agentRun.id} in ${ids}`);
    expect(runs.every((r) => r.status === 'COMPLETED' && r.countedAt !== null)).toBe(true);
    // Each run-completed job was fetched once and completed on its first attempt (a job run twice would have been
    // retried after its expiry, or completed with a retry count).
    const jobs = await db.execute<{ state: string; retry_count: number; n: number }>(
      sql`select state, retry_count, count(*)::int as n from pgboss.job where name = 'run-completed' group by 1, 2`,
    );
    expect((jobs as unknown as { rows: unknown[] }).rows).toEqual([{ state: 'completed', retry_count: 0, n: 160 }]);
    // Every run is in the daily counters exactly once.
    const [stats] = await db
      .select({ runs: agentStatsDaily.runs, costUsd: agentStatsDaily.costUsd })
      .from(agentStatsDaily)
      .where(eq(agentStatsDaily.agentId, runs[0].agentId as string));
    expect(stats.runs).toBe(160);
    expect(stats.costUsd).toBeCloseTo(
      runs.reduce((sum, r) => sum + r.costUsd, 0),
      10,
    );
  });

  it('a hard budget holds at its edge with runs arriving at both processes', async () => {
    const agent = (await clients[0].get('/api/agents/load')).body;
    const spent = (await clients[0].get('/api/agents/load/budget')).body.spentUsd as number;
    // Room for a handful of runs' worst cases on top of this month's spend; 40 runs are sent at once.
    const limit = spent + 0.0002;
    expect((await clients[1].put('/api/agents/load/budget', { monthlyLimitUsd: limit, hardLimit: true })).status).toBe(
      200,
    );
    // The other process hears the new policy within moments; wait until it refuses a run it cannot afford.
    await vi.waitFor(async () => expect((await clients[0].get('/api/agents/load/budget')).body.policy).not.toBeNull());
    const responses = await load(40, 10, 'edge');
    const ok = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 402);
    expect(ok.length + refused.length).toBe(40);
    expect(ok.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.body.error.code === 'BUDGET_EXCEEDED')).toBe(true);
    const [{ total }] = await database.db
      .select({ total: sql<number>`coalesce(sum(${agentRun.costUsd}), 0)::float8` })
      .from(agentRun)
      .where(eq(agentRun.agentId, agent.id));
    expect(total).toBeLessThanOrEqual(limit + 1e-12);
    expect((await clients[1].delete('/api/agents/load/budget')).status).toBe(200);
  });

  it('an agent changed through one web process is what the other runs next', async () => {
    expect((await clients[0].put('/api/agents/load', { instructions: 'Answer in French.' })).status).toBe(200);
    await vi.waitFor(
      async () =>
        expect((await clients[1].post('/api/agents/resolve', { slug: 'load' })).body.instructions).toBe(
          'Answer in French.',
        ),
      { timeout: 5_000, interval: 20 },
    );
    fake.reset();
    const run = await clients[1].post('/api/agents/load/runs', { input: 'bonjour' });
    expect(run.status).toBe(201);
    expect(JSON.stringify(fake.requests[0].body)).toContain('Answer in French.');
  });

  it('SIGTERM lets a run in flight finish, then the process exits', async () => {
    fake.reset();
    fake.enqueue({ text: 'finished while draining', delayMs: 1500, usage: { inputTokens: 5, outputTokens: 3 } });
    const pending = clients[1].post('/api/agents/load/runs', { input: 'slow' });
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1), { timeout: 10_000, interval: 20 });
    web[1].proc.kill('SIGTERM');
    const run = await pending;
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ status: 'COMPLETED', outputText: 'finished while draining' });
    expect(await exited(web[1].proc)).toBe(0);
    const [row] = await database.db.select().from(agentRun).where(eq(agentRun.id, run.body.id));
    expect(row.status).toBe('COMPLETED');
  });
});
