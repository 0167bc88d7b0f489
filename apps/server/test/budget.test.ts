// Budgets: policy CRUD per agent and organization, and hard limits enforced before a run starts — 50 concurrent
// runs at a budget's edge never spend past it, and every refused run gets one typed error and leaves no row.
import { agentAlert, agentRun, budgetPolicy, budgetReservation } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };

const USAGE = { inputTokens: 20, outputTokens: 200 };

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi({}, { defaultReply: () => ({ text: 'ok', usage: USAGE }) });
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(() => h?.close());

const db = () => h.trellis.database.db;
const newAgent = async (client: ApiClient, name: string) =>
  (
    await client.post('/api/agents', {
      name,
      instructions: 'Answer.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      maxTokens: 200,
      maxSteps: 1,
    })
  ).body;

describe('budget policies', () => {
  it('reads, sets, changes and removes an agent budget and the organization budget', async () => {
    const agent = await newAgent(alice, 'Budgeted A');
    const empty = await alice.get(`/api/agents/${agent.slug}/budget`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      scope: 'agent',
      policy: null,
      spentUsd: 0,
      reservedUsd: 0,
      remainingUsd: null,
      period: new Date().toISOString().slice(0, 7),
    });
    const set = await alice.put(`/api/agents/${agent.id}/budget`, { monthlyLimitUsd: 25, hardLimit: true });
    expect(set.status).toBe(200);
    expect(set.body.policy).toMatchObject({
      monthlyLimitUsd: 25,
      hardLimit: true,
      alertAtPct: 80,
      enabled: true,
      agentId: agent.id,
    });
    expect(set.body.remainingUsd).toBe(25);
    const changed = await alice.put(`/api/agents/${agent.id}/budget`, { monthlyLimitUsd: 30, alertAtPct: 50 });
    expect(changed.body.policy).toMatchObject({ monthlyLimitUsd: 30, alertAtPct: 50, hardLimit: false });
    expect(await db().select().from(budgetPolicy).where(eq(budgetPolicy.agentId, agent.id))).toHaveLength(1);
    const org = await alice.put('/api/budget', { monthlyLimitUsd: 100, hardLimit: true });
    expect(org.body).toMatchObject({ scope: 'tenant', policy: { agentId: null, monthlyLimitUsd: 100 } });
    expect((await alice.get('/api/budget')).body.policy.monthlyLimitUsd).toBe(100);
    expect((await alice.delete(`/api/agents/${agent.id}/budget`)).body).toEqual({ deleted: true });
    expect((await alice.delete('/api/budget')).body).toEqual({ deleted: true });
    expect((await alice.get('/api/budget')).body.policy).toBeNull();
  });

  it('rejects bad input with a message and writes nothing; another organization gets 404', async () => {
    const agent = await newAgent(alice, 'Budgeted B');
    for (const body of [
      { monthlyLimitUsd: -1 },
      { monthlyLimitUsd: 5, alertAtPct: 0 },
      { monthlyLimitUsd: 5, alertAtPct: 101 },
      { hardLimit: true },
      { monthlyLimitUsd: 5, extra: 1 },
    ]) {
      const res = await alice.put(`/api/agents/${agent.id}/budget`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await db().select().from(budgetPolicy).where(eq(budgetPolicy.agentId, agent.id))).toHaveLength(0);
    expect((await mallory.get(`/api/agents/${agent.id}/budget`)).status).toBe(404);
    expect((await mallory.put(`/api/agents/${agent.id}/budget`, { monthlyLimitUsd: 1 })).status).toBe(404);
    expect((await mallory.delete(`/api/agents/${agent.id}/budget`)).status).toBe(404);
    expect(await db().select().from(budgetPolicy).where(eq(budgetPolicy.agentId, agent.id))).toHaveLength(0);
  });
});

describe('hard limits', () => {
  it('50 concurrent runs at the edge: spend stays within the limit, every refusal is one typed 402, no refused run is recorded', async () => {
    const agent = await newAgent(alice, 'Edge');
    // One run costs 20 × $0.15/M + 200 × $0.60/M = $0.000123; its reservation is a little more. Room for about 10.
    const limit = 0.0013;
    await alice.put(`/api/agents/${agent.id}/budget`, { monthlyLimitUsd: limit, hardLimit: true });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => alice.post(`/api/agents/${agent.id}/runs`, { input: `question ${i}` })),
    );
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(ok.every((r) => r.body.status === 'COMPLETED')).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(402);
      expect(r.body.error.code).toBe('BUDGET_EXCEEDED');
      expect(r.body.error.details).toMatchObject({
        scope: 'agent',
        limitUsd: limit,
        period: new Date().toISOString().slice(0, 7),
      });
      expect(
        r.body.error.details.spentUsd + r.body.error.details.reservedUsd + r.body.error.details.requiredUsd,
      ).toBeGreaterThan(limit);
    }
    const runs = await db().select().from(agentRun).where(eq(agentRun.agentId, agent.id));
    expect(runs).toHaveLength(ok.length);
    const spent = runs.reduce((sum, r) => sum + r.costUsd, 0);
    expect(spent).toBeLessThanOrEqual(limit);
    // Not needlessly strict: refusals start only when the next worst case no longer fits.
    const worstCase = (
      await db()
        .select()
        .from(budgetReservation)
        .where(and(eq(budgetReservation.agentId, agent.id)))
    ).length;
    expect(worstCase).toBe(ok.length);
    // Each run's run-completed job settles its reservation at the actual cost.
    await vi.waitFor(async () => {
      const [reservation] = await db()
        .select()
        .from(budgetReservation)
        .where(eq(budgetReservation.runId, ok[0].body.id));
      expect(reservation).toMatchObject({ status: 'settled', scope: 'agent' });
      expect(reservation.amountUsd).toBeCloseTo(ok[0].body.costUsd, 10);
    });
    expect(ok.length).toBeGreaterThanOrEqual(8);
    // Many refusals, one CRITICAL alert for the period.
    const refusals = await db()
      .select()
      .from(agentAlert)
      .where(eq(agentAlert.dedupeKey, `budget:agent:${agent.id}:${new Date().toISOString().slice(0, 7)}:refused`));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ severity: 'CRITICAL', source: 'COST', agentId: agent.id });
    const budget = await alice.get(`/api/agents/${agent.id}/budget`);
    expect(budget.body.spentUsd).toBeCloseTo(spent, 10);
    expect(budget.body.reservedUsd).toBe(0);
  });

  it('spend is the rollups plus the runs they do not hold yet: it equals the month of raw runs in every state', async () => {
    const bob = await h.signUp();
    const agent = await newAgent(bob, 'Spend Probe');
    const other = await newAgent(bob, 'Spend Doomed');
    const rawSpend = async (agentId: string | null) => {
      const rows = await db()
        .select({ costUsd: agentRun.costUsd, status: agentRun.status })
        .from(agentRun)
        .where(and(eq(agentRun.tenantId, bob.tenantId), agentId ? eq(agentRun.agentId, agentId) : undefined));
      return rows.filter((r) => r.status !== 'RUNNING' && r.status !== 'QUEUED').reduce((n, r) => n + r.costUsd, 0);
    };
    const spent = async (path: string) => (await bob.get(path)).body.spentUsd as number;
    const expectSpend = async () => {
      expect(await spent(`/api/agents/${agent.id}/budget`)).toBeCloseTo(await rawSpend(agent.id), 10);
      expect(await spent('/api/budget')).toBeCloseTo(await rawSpend(null), 10);
    };
    // Counted runs (recorded by run-completed, in the rollups).
    for (const a of [agent, other])
      expect((await bob.post(`/api/agents/${a.id}/runs`, { input: 'hi' })).status).toBe(201);
    await vi.waitFor(
      async () => {
        const rows = await db().select().from(agentRun).where(eq(agentRun.tenantId, bob.tenantId));
        expect(rows.every((r) => r.countedAt !== null)).toBe(true);
      },
      { timeout: 20_000, interval: 50 },
    );
    await expectSpend();
    // A finished run its job has not counted yet, a code-defined agent's run (no rollup holds it), one in flight.
    const base = { tenantId: bob.tenantId, modelProvider: 'openai', modelName: 'gpt-4o-mini' };
    await db()
      .insert(agentRun)
      .values([
        { ...base, agentId: agent.id, agentSlug: agent.slug, status: 'COMPLETED', costUsd: 0.25 },
        { ...base, agentId: null, agentSlug: 'assistant', status: 'FAILED', costUsd: 0.125 },
        { ...base, agentId: agent.id, agentSlug: agent.slug, status: 'RUNNING', costUsd: 0 },
      ]);
    await expectSpend();
    // A deleted agent's rollups go with it, but its runs stay and still count for the organization.
    expect((await bob.delete(`/api/agents/${other.id}`)).status).toBe(200);
    await expectSpend();
    expect(await spent('/api/budget')).toBeGreaterThan(0.375);
  });

  it("the organization's hard limit covers every agent; streams are refused before they start", async () => {
    const bob = await h.signUp();
    const a = await newAgent(bob, 'Org A');
    const b = await newAgent(bob, 'Org B');
    await bob.put('/api/budget', { monthlyLimitUsd: 0.0002, hardLimit: true });
    expect((await bob.post(`/api/agents/${a.id}/runs`, { input: 'one' })).status).toBe(201);
    const refused = await bob.post(`/api/agents/${b.id}/runs`, { input: 'two' });
    expect(refused.status).toBe(402);
    expect(refused.body.error.details).toMatchObject({ scope: 'tenant', limitUsd: 0.0002 });
    const stream = await bob.post(`/api/agents/${b.id}/stream`, { input: 'three' });
    expect(stream.status).toBe(402);
    expect(stream.body.error.code).toBe('BUDGET_EXCEEDED');
    // Free runs (the demo model) are never refused; without a hard limit nothing is refused.
    const demo = (
      await bob.post('/api/agents', { name: 'Free', instructions: 'x', modelProvider: 'demo', modelName: 'demo-1' })
    ).body;
    expect((await bob.post(`/api/agents/${demo.id}/runs`, { input: 'free' })).body.status).toBe('COMPLETED');
    await bob.put('/api/budget', { monthlyLimitUsd: 0.0002, hardLimit: false });
    expect((await bob.post(`/api/agents/${b.id}/runs`, { input: 'soft' })).status).toBe(201);
    // Another organization is not affected.
    const other = await newAgent(mallory, 'Unlimited');
    expect((await mallory.post(`/api/agents/${other.id}/runs`, { input: 'hi' })).status).toBe(201);
  });
});
