// Rollups equal aggregates over the raw rows after a randomized workload: runs inserted over several past days and
// delivered to the run-completed handler in random order, some twice and concurrently, plus real runs through HTTP
// worked by the in-process pg-boss worker; then the rollup-daily repair after the rollups were damaged.
import { catalogPrice, costOf, handleJob, jobId, jobLog } from '@trellis/core';
import { agentCostDaily, agentRun, agentStatsDaily, agentToolCall, agentVersionStats, costEvent } from '@trellis/db';
import type { FakeLlm } from '@trellis/testkit';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';
import { expectRollupsEqualRaw, expectRollupsSettleToRaw } from './rollup-oracle';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let fake: FakeLlm;
let alice: ApiClient & { tenantId: string };

beforeAll(async () => {
  // A long lease: the RUNNING runs inserted below must stay in flight for the whole test.
  h = await startHarnessWithFakeOpenAi({ TRELLIS_RUN_LEASE_SECONDS: '3600' });
  fake = h.fake;
  alice = await h.signUp();
});
afterAll(() => h?.close());

const db = () => h.trellis.database.db;
const deps = () => ({
  db: db(),
  runtime: h.trellis.runtime,
  jobs: h.trellis.jobs.queue,
  boss: h.trellis.jobs.boss,
  log: jobLog('silent'),
});

/** mulberry32: a small seeded generator, so a failing workload can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  };
}

const models = [
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4o'],
  ['anthropic', 'claude-3-5-haiku-20241022'],
  ['demo', 'demo-1'],
] as const;
const statuses = ['COMPLETED', 'COMPLETED', 'COMPLETED', 'FAILED', 'CANCELLED', 'RUNNING'] as const;
const tools = ['calculator', 'date-time', 'web-fetch'];

/** Inserts `n` runs of the tenant's agents (and of a code-defined agent) spread over the last `days` days. */
async function insertWorkload(seed: number, n: number, days: number) {
  const rnd = random(seed);
  const agents: { id: string; slug: string; versionIds: string[] }[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await alice.post('/api/agents', { name: `Rollup agent ${seed}-${i}`, instructions: 'x', tools });
    expect(res.status).toBe(201);
    // Three versions each, so runs spread over versions as they do when an agent is edited.
    for (const instructions of ['y', 'z']) await alice.put(`/api/agents/${res.body.id}`, { instructions });
    const versions = (await alice.get(`/api/agents/${res.body.id}/versions`)).body.versions as { id: string }[];
    expect(versions).toHaveLength(3);
    agents.push({ ...res.body, versionIds: versions.map((v) => v.id) });
  }
  const now = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = rnd.next() < 0.1 ? { id: null, slug: 'assistant', versionIds: [] } : rnd.pick(agents);
    // Most runs record their version; some (older runs, code-defined agents) do not.
    const versionId = a.versionIds.length && rnd.next() < 0.85 ? rnd.pick(a.versionIds) : null;
    const [provider, model] = rnd.pick(models);
    const status = rnd.pick(statuses);
    const usage = {
      promptTokens: rnd.int(5000),
      completionTokens: rnd.int(800),
      cachedTokens: rnd.int(100),
      reasoningTokens: 0,
      totalTokens: 0,
    };
    usage.totalTokens = usage.promptTokens + usage.completionTokens;
    const createdAt = new Date(now - rnd.int(days * 86_400_000));
    const [run] = await db()
      .insert(agentRun)
      .values({
        tenantId: alice.tenantId,
        agentId: a.id,
        agentSlug: a.slug,
        versionId,
        status,
        modelProvider: provider,
        modelName: model,
        ...usage,
        costUsd: costOf(usage, catalogPrice(provider, model)).costUsd,
        durationMs: status === 'RUNNING' ? null : 50 + rnd.int(5000),
        createdAt,
        startedAt: createdAt,
      })
      .returning();
    for (let c = rnd.int(4); c > 0; c--) {
      await db()
        .insert(agentToolCall)
        .values({
          tenantId: alice.tenantId,
          runId: run.id,
          agentId: a.id,
          toolKey: rnd.pick(tools),
          success: rnd.next() < 0.8,
          durationMs: rnd.int(300),
        });
    }
    ids.push(run.id);
  }
  return { ids, rnd };
}

describe('rollups after a randomized workload', () => {
  it('equal the raw aggregates with every run counted once, then again after the rollup-daily repair', async () => {
    const seed = 20261126;
    const { ids, rnd } = await insertWorkload(seed, 150, 6);

    // Real runs through HTTP: the inline worker records them.
    const live = (
      await alice.post('/api/agents', {
        name: 'Live',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    const httpRuns: string[] = [];
    for (let i = 0; i < 4; i++) {
      fake.enqueue({ text: `answer ${i}`, usage: { inputTokens: 300 + i, outputTokens: 40 + i } });
      const res = await alice.post(`/api/agents/${live.id}/runs`, { input: `question ${i}` });
      expect(res.status).toBe(201);
      httpRuns.push(res.body.id);
    }

    // Deliver: every inserted run once in random order, a third of them twice, in concurrent batches.
    const deliveries = ids.flatMap((id) => (rnd.next() < 0.33 ? [id, id] : [id])).sort(() => rnd.next() - 0.5);
    for (let i = 0; i < deliveries.length; i += 8) {
      await Promise.all(
        deliveries
          .slice(i, i + 8)
          .map((runId) => handleJob('run-completed', { runId, tenantId: alice.tenantId }, deps())),
      );
    }
    // The HTTP runs' jobs were sent by the executor; a second send with the same id is dropped.
    const queue = h.trellis.jobs.queue;
    expect(
      await queue.send(
        'run-completed',
        { runId: httpRuns[0], tenantId: alice.tenantId },
        { id: jobId('run-completed', httpRuns[0]) },
      ),
    ).toBeNull();
    // A redelivery under another id reaches the handler again and still counts once.
    const again = await queue.send(
      'run-completed',
      { runId: httpRuns[1], tenantId: alice.tenantId },
      { id: crypto.randomUUID() },
    );
    expect(again).not.toBeNull();
    await vi.waitFor(
      async () => {
        const [job] = await h.trellis.jobs.boss.findJobs('run-completed', { id: again as string });
        expect(job?.state).toBe('completed');
        const events = await db().select().from(costEvent).where(inArray(costEvent.runId, httpRuns));
        expect(events).toHaveLength(httpRuns.length);
      },
      { timeout: 20_000, interval: 100 },
    );

    const finished = await db()
      .select({ id: agentRun.id, costUsd: agentRun.costUsd, totalTokens: agentRun.totalTokens })
      .from(agentRun)
      .where(
        and(eq(agentRun.tenantId, alice.tenantId), inArray(agentRun.status, ['COMPLETED', 'FAILED', 'CANCELLED'])),
      );
    const events = await db().select().from(costEvent).where(eq(costEvent.tenantId, alice.tenantId));
    expect(events).toHaveLength(finished.length);
    const byRun = new Map(events.map((e) => [e.runId, e]));
    for (const run of finished) {
      expect(byRun.get(run.id)?.costUsd).toBe(run.costUsd);
      expect(byRun.get(run.id)?.totalTokens).toBe(run.totalTokens);
    }
    const counts = await expectRollupsSettleToRaw(db());
    expect(counts.agent_stats_daily).toBeGreaterThan(10);
    expect(counts.agent_tool_metric_daily).toBeGreaterThan(10);
    expect(counts.agent_version_stats).toBeGreaterThanOrEqual(9);

    // Damage: wrong totals and ratios, and a lost cost event (as if its run-completed job never ran).
    const [lost] = events.filter((e) => e.agentId && e.costUsd > 0);
    await db().delete(costEvent).where(eq(costEvent.id, lost.id));
    await db()
      .update(agentRun)
      .set({ updatedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(agentRun.id, lost.runId));
    await db().update(agentCostDaily).set({ runs: 999, totalCostUsd: 12345 });
    await db().update(agentVersionStats).set({ runs: 999, avgDurationMs: 1 });
    await db()
      .update(agentStatsDaily)
      .set({ successRate: 0.01, p95DurationMs: 1 })
      .where(eq(agentStatsDaily.tenantId, alice.tenantId));
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const result = (await handleJob('rollup-daily', { from }, deps())) as { backfilledCostEvents: number };
    expect(result.backfilledCostEvents).toBe(1);
    expect(await db().select().from(costEvent).where(eq(costEvent.runId, lost.runId))).toHaveLength(1);
    expect(await expectRollupsEqualRaw(db())).toEqual(counts);
    // Runs still in flight are never counted.
    const running = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(costEvent)
      .innerJoin(agentRun, eq(agentRun.id, costEvent.runId))
      .where(eq(agentRun.status, 'RUNNING'));
    expect(running[0].n).toBe(0);
  });
});
