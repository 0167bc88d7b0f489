// Learning with a proposer model (LEARNING_PROPOSER_MODEL on a fake OpenAI server): the risk tier follows what the
// change touches (a temperature change is HIGH, so a winning candidate still waits for a person even with
// auto-promotion on), the test-suite gate stops a candidate that fails a pinned case before any live traffic, and the
// scheduled jobs — the six-hourly backstop and the daily metrics rollup — do their part.
import { handleJob, jobLog } from '@trellis/core';
import { learningMetricDaily, learningSession } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

/** The proposer's answer per agent (recognised by the agent's instructions inside the proposer prompt). */
function proposerAnswer(prompt: string) {
  if (prompt.includes('Capital facts'))
    return {
      title: 'Be careful',
      rationale: 'Hedging avoids wrong answers.',
      instructions: 'Capital facts. Be CAREFUL.',
    };
  return { title: 'Lower the temperature', rationale: 'Answers wander at 0.7.', temperature: 0.1 };
}

function reply(text: string, request: { body: unknown }) {
  const body = request.body as { messages?: unknown; temperature?: number };
  const all = JSON.stringify(body);
  if (all.includes('You improve an AI agent')) return { text: JSON.stringify(proposerAnswer(text)) };
  if (all.includes('CAREFUL')) return { text: 'I am not sure.' };
  if (all.includes('Capital facts')) return { text: 'Paris is the capital of France.' };
  // The tempered agent answers the question only at the proposed temperature.
  return { text: body.temperature === 0.1 ? `About ${text}: yes, ${text}` : 'Sorry, no idea.' };
}

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string; userId: string };

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi({ LEARNING_PROPOSER_MODEL: 'openai/gpt-4o-mini' }, { defaultReply: reply });
  alice = await h.signUp();
}, 60_000);
afterAll(() => h?.close());

const until = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 60_000, interval: 150 });
const learning = (agentId: string, path = '') => alice.get(`/api/agents/${agentId}/learning${path}`);
const deps = () => ({
  db: h.trellis.database.db,
  runtime: h.trellis.runtime,
  jobs: h.trellis.jobs.queue,
  boss: h.trellis.jobs.boss,
  log: jobLog('silent'),
});

async function makeAgent(name: string, instructions: string, extra: Record<string, unknown> = {}) {
  const res = await alice.post('/api/agents', {
    name,
    instructions,
    modelProvider: 'openai',
    modelName: 'gpt-4o-mini',
    temperature: 0.7,
    scorers: ['relevancy'],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

async function run(agentId: string, i: number) {
  const res = await alice.post(`/api/agents/${agentId}/runs`, {
    input: `which ferry crosses the bay number ${i}`,
    threadId: `t-${agentId}-${i}`,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function proposalOf(agentId: string, status: string) {
  let proposal: any;
  await until(async () => {
    proposal = (await learning(agentId, '/proposals')).body.proposals[0];
    expect(proposal?.status).toBe(status);
  });
  return proposal;
}

describe('learning with a proposer model', () => {
  it('a HIGH-risk candidate that wins waits for a person, even with auto-promotion on; approved, it is promoted', async () => {
    const agent = await makeAgent('Tempered', 'Help with ferry questions.');
    await alice.post(`/api/agents/${agent.id}/learning/policy`, {
      candidateSplit: 0.5,
      minRunsPerGroup: 6,
      maxRunsPerExperiment: 60,
      autoPromotionEnabled: true,
      minRunsBeforeAutoPromotion: 0,
    });
    for (let i = 0; i < 2; i++) await run(agent.id, i);
    await until(async () => {
      expect((await alice.get(`/api/agents/${agent.id}/evaluations`)).body.evaluations).toHaveLength(2);
    });
    expect((await alice.post(`/api/agents/${agent.id}/learning/sessions`, {})).status).toBe(202);
    const experimenting = await proposalOf(agent.id, 'EXPERIMENTING');
    expect(experimenting).toMatchObject({
      riskTier: 'HIGH',
      proposedBy: 'openai/gpt-4o-mini',
      title: 'Lower the temperature',
      changesJson: [{ field: 'temperature', before: 0.7, after: 0.1 }],
    });
    for (let i = 10; i < 70; i++) {
      await run(agent.id, i);
      const [experiment] = (await learning(agent.id, '/experiments')).body.experiments;
      if (experiment.status !== 'RUNNING') break;
    }
    const waiting = await proposalOf(agent.id, 'AWAITING_APPROVAL');
    const [experiment] = (await learning(agent.id, '/experiments')).body.experiments;
    expect(experiment.result).toMatchObject({ winner: 'CANDIDATE' });
    expect(experiment.result.reason).toMatch(/HIGH risk needs a person's approval/);
    expect(waiting.approvals).toEqual([]);

    const approved = await alice.post(`/api/agents/${agent.id}/learning/proposals/${waiting.id}/approve`, {
      reason: 'Checked the answers by hand',
    });
    expect(approved.status).toBe(200);
    await proposalOf(agent.id, 'PROMOTED');
    const now = (await alice.get(`/api/agents/${agent.id}`)).body;
    expect(now.temperature).toBe(0.1);
    const board = (await learning(agent.id)).body;
    expect(board.counts).toMatchObject({ autoPromotions: 0, manualPromotions: 1 });
  });

  it('the gate stops a candidate that fails a pinned test case, before any live traffic', async () => {
    const agent = await makeAgent('Capitals', 'Capital facts.', { scorers: [] });
    const created = await alice.post(`/api/agents/${agent.id}/test-cases`, {
      name: 'capital',
      inputText: 'What is the capital of France?',
      expectedOutput: 'paris',
      pinned: true,
    });
    expect(created.status).toBe(201);
    const [first] = [await run(agent.id, 0)];
    await alice.post(`/api/agents/${agent.id}/runs/${first.id}/feedback`, { thumbs: 'down' });
    expect((await alice.post(`/api/agents/${agent.id}/learning/sessions`, {})).status).toBe(202);
    const failed = await proposalOf(agent.id, 'FAILED');
    expect(failed.riskTier).toBe('LOW');
    expect(failed.gate).toMatchObject({
      status: 'failed',
      regressions: [{ name: 'capital' }],
      passed: { baseline: 1, candidate: 0, total: 1 },
    });
    expect((await learning(agent.id, '/experiments')).body.experiments).toEqual([]);
    const session = (await learning(agent.id, `/sessions/${failed.sessionId}`)).body;
    expect(session.status).toBe('COMPLETED');
    expect(session.summary.outcome).toMatch(/pinned test case/);
    const refused = await alice.post(`/api/agents/${agent.id}/learning/proposals/${failed.id}/reject`, {
      reason: 'already failed',
    });
    expect(refused.status).toBe(409);
  });

  it('the six-hourly backstop opens a session below the threshold; the daily rollup stores the metrics', async () => {
    const agent = await makeAgent('Backstopped', 'Help with ferry questions.');
    await alice.post(`/api/agents/${agent.id}/learning/policy`, { enabled: true, signalCount: 100 });
    await run(agent.id, 0);
    await until(async () => {
      expect((await learning(agent.id)).body.signals.unconsumed).toBe(1);
    });
    expect((await learning(agent.id)).body.openSession).toBeNull();
    const started = (await handleJob('learning-scheduled-trigger', {}, deps())) as { started: number };
    expect(started.started).toBeGreaterThanOrEqual(1);
    const sessions = await h.trellis.database.db
      .select()
      .from(learningSession)
      .where(eq(learningSession.agentId, agent.id));
    expect(sessions.map((s) => s.trigger)).toEqual(['scheduled']);
    // Run again: the agent has an open session now, so the backstop starts no second one.
    await handleJob('learning-scheduled-trigger', {}, deps());
    expect(
      await h.trellis.database.db.select().from(learningSession).where(eq(learningSession.agentId, agent.id)),
    ).toHaveLength(1);

    await handleJob('learning-metrics-daily', {}, deps());
    const rows = await h.trellis.database.db
      .select()
      .from(learningMetricDaily)
      .where(eq(learningMetricDaily.agentId, agent.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ signals: 1, sessions: 1 });
    const metrics = (await learning(agent.id, '/metrics')).body;
    expect(metrics.totals).toMatchObject({ signals: 1, sessions: 1 });
    expectInvalid(await learning(agent.id, '/metrics?from=2026-12-06&to=2026-12-01'), 'from');
    expectInvalid(await learning(agent.id, '/metrics?from=yesterday'), 'from');
  });
});
