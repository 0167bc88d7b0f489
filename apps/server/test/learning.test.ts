// Continuous learning end to end on a fake OpenAI server whose answers depend on the agent's instructions: weak runs
// raise signals, the threshold opens a session, the demo proposer adds guidance, the candidate runs on a share of live
// traffic (its runs carry the candidate version) and the sequential decision promotes a truly better candidate, stops
// a worse one with a regression alert (in Trellis and on a fake Slack Web API), and ends equal arms inconclusive. Also:
// the policy's validation, pause, the never-two-sessions rule, a fresh process routing the running experiment, job
// redelivery, and the cross-tenant paths.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleJob, jobLog } from '@trellis/core';
import { agentAlert, agentRun, agentVersion, learningExperiment } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi, startPeer } from './harness';

const RELEVANT = 'Answer the question that was asked directly';
const HEDGE = 'say plainly when you do not know';

/**
 * The agent's instructions decide how good the fake model is: with the relevancy guidance it answers the question
 * (high keyword coverage); with the feedback guidance it hedges; agents told to be ECHO answer well by default.
 */
function reply(text: string, request: { body: unknown }) {
  const body = JSON.stringify(request.body);
  if (text.includes('SLOW')) return { text: 'A slow answer.', delayMs: 1500 };
  if (text.includes('BREAK')) return { error: { status: 400, message: 'the provider refused' } };
  if (body.includes(HEDGE)) return { text: 'I do not know.' };
  if (body.includes(RELEVANT) || body.includes('ECHO')) return { text: `About ${text}: yes, ${text}` };
  return { text: 'Sorry, no idea.' };
}

/** A fake Slack Web API: records chat.postMessage calls (form-encoded, bearer token) and answers ok. */
async function startFakeSlack() {
  const calls: { token: string | undefined; channel: string | null; text: string | null }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      if (req.url?.endsWith('/chat.postMessage'))
        calls.push({
          token: req.headers.authorization?.replace('Bearer ', ''),
          channel: form.get('channel'),
          text: form.get('text'),
        });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, channel: form.get('channel'), ts: '1700000000.000100' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return { url, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let slack: Awaited<ReturnType<typeof startFakeSlack>>;
let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string; userId: string };
let mallory: ApiClient & { tenantId: string };

beforeAll(async () => {
  slack = await startFakeSlack();
  h = await startHarnessWithFakeOpenAi(
    { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_ALERTS_CHANNEL: '#learning', SLACK_API_URL: slack.url },
    { defaultReply: reply },
  );
  alice = await h.signUp();
  mallory = await h.signUp();
}, 60_000);
afterAll(async () => {
  await h?.close();
  await slack?.close();
});

const db = () => h.trellis.database.db;
const until = (check: () => Promise<void>, timeout = 40_000) => vi.waitFor(check, { timeout, interval: 150 });
const learning = (agentId: string, path = '') => alice.get(`/api/agents/${agentId}/learning${path}`);

async function makeAgent(name: string, instructions: string, scorers: string[] = ['relevancy']) {
  const res = await alice.post('/api/agents', {
    name,
    instructions,
    modelProvider: 'openai',
    modelName: 'gpt-4o-mini',
    scorers,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; slug: string; version: number };
}

const policy = (agentId: string, body: Record<string, unknown>) =>
  alice.post(`/api/agents/${agentId}/learning/policy`, body);

/** Runs the agent, each run in its own conversation; returns the run bodies. */
async function runMany(agentId: string, count: number, from = 0, client = alice) {
  const runs = [];
  for (let i = from; i < from + count; i++) {
    const res = await client.post(`/api/agents/${agentId}/runs`, {
      input: `which tram line reaches the castle number ${i}`,
      threadId: `thread-${agentId}-${i}`,
    });
    expect(res.status).toBe(201);
    runs.push(res.body);
  }
  return runs;
}

async function runningExperiment(agentId: string) {
  let experiment: any;
  await until(async () => {
    experiment = (await learning(agentId, '/experiments')).body.experiments[0];
    expect(experiment?.status).toBe('RUNNING');
  });
  return experiment;
}

/** Sends traffic until the experiment is decided (the checker follows runs within seconds). */
async function driveToDecision(agentId: string, maxRuns: number) {
  let experiment: any;
  for (let sent = 0; sent < maxRuns; sent += 4) {
    await runMany(agentId, 4, 1000 + sent);
    experiment = (await learning(agentId, '/experiments')).body.experiments[0];
    if (experiment.status !== 'RUNNING') return experiment;
  }
  await until(async () => {
    experiment = (await learning(agentId, '/experiments')).body.experiments[0];
    expect(experiment.status).not.toBe('RUNNING');
  });
  return experiment;
}

describe('learning policy', () => {
  it('shows the spec defaults until saved, saves a validated override and audits it', async () => {
    const agent = await makeAgent('Policy', 'Answer.');
    const first = await learning(agent.id, '/policy');
    expect(first.body).toMatchObject({
      enabled: false,
      paused: false,
      saved: false,
      signalCount: 5,
      signalWindowMinutes: 60,
      lowScoreThreshold: 0.5,
      candidateSplit: 0.1,
      minRunsPerGroup: 20,
      maxRunsPerExperiment: 200,
      maxExperimentDurationHours: 72,
      autoPromotionEnabled: false,
      minWinRate: 0.55,
      minConfidenceScore: 0.7,
      minRunsBeforeAutoPromotion: 50,
    });
    const saved = await policy(agent.id, { enabled: true, candidateSplit: 0.25 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, candidateSplit: 0.25, saved: true, signalCount: 5 });
    const audit = await alice.get(`/api/audit-logs?action=learning.policy.update`);
    expect(audit.body.auditLogs.some((l: any) => l.entityId === agent.id)).toBe(true);

    expectInvalid(await policy(agent.id, { candidateSplit: 0.9 }), 'candidateSplit');
    expectInvalid(await policy(agent.id, { minRunsPerGroup: 'many' }), 'minRunsPerGroup');
    expectInvalid(await policy(agent.id, { scheduleCron: '* * * * *' }), 'scheduleCron');
    expectInvalid(await policy(agent.id, { minRunsPerGroup: 150, maxRunsPerExperiment: 200 }), 'maxRunsPerExperiment');
    // Nothing half-written: the refused bodies left the saved policy as it was.
    expect((await learning(agent.id, '/policy')).body).toMatchObject({ candidateSplit: 0.25, minRunsPerGroup: 20 });
  });

  it('pause refuses a manual start with 409; resumed, a second start while one is open is a 409 too', async () => {
    const agent = await makeAgent('Pausable', 'Answer.');
    expect((await alice.post(`/api/agents/${agent.id}/learning/pause`, { paused: true })).status).toBe(200);
    expect((await learning(agent.id)).body.status).toBe('paused');
    const refused = await alice.post(`/api/agents/${agent.id}/learning/sessions`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/paused/);
    expectInvalid(await alice.post(`/api/agents/${agent.id}/learning/pause`, { paused: 'yes' }), 'paused');

    await alice.post(`/api/agents/${agent.id}/learning/pause`, { paused: false });
    const started = await alice.post(`/api/agents/${agent.id}/learning/sessions`, {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ trigger: 'manual' });
    const again = await alice.post(`/api/agents/${agent.id}/learning/sessions`, {});
    // Either still open (409) or already finished with nothing to learn from (no runs): never two open at once.
    if (again.status === 409) expect(again.body.error.message).toMatch(/already open/);
    await until(async () => {
      const session = (await learning(agent.id, `/sessions/${started.body.id}`)).body;
      expect(session.status).toBe('COMPLETED');
      expect(session.summary.outcome).toBe('no signals to learn from');
    });
  });

  it("another organization's agent, session and proposal are 404s", async () => {
    const agent = await makeAgent('Private', 'Answer.');
    for (const path of ['', '/policy', '/sessions', '/experiments', '/metrics', '/proposals', '/sessions/nope'])
      expect((await mallory.get(`/api/agents/${agent.id}/learning${path}`)).status).toBe(404);
    expect((await mallory.post(`/api/agents/${agent.id}/learning/policy`, { enabled: true })).status).toBe(404);
    expect((await mallory.post(`/api/agents/${agent.id}/learning/pause`, { paused: true })).status).toBe(404);
    expect((await mallory.post(`/api/agents/${agent.id}/learning/sessions`, {})).status).toBe(404);
    expect(
      (await mallory.post(`/api/agents/${agent.id}/learning/proposals/x/approve`, { reason: 'looks good' })).status,
    ).toBe(404);
    expect((await learning(agent.id)).body.policy.enabled).toBe(false);
  });
});

describe('learning signals', () => {
  it('records each kind once per run, withdraws feedback turned positive, and ignores replaced versions', async () => {
    const agent = await makeAgent('Signals', 'ECHO the question back with an answer.', []);
    await policy(agent.id, { enabled: true, signalCount: 100 });
    await alice.put(`/api/agents/${agent.id}/guardrails`, { configJson: { input: { pii: 'block' } } });
    const runs = await runMany(agent.id, 20);
    const post = (input: string) => alice.post(`/api/agents/${agent.id}/runs`, { input });
    const slow = (await post('a SLOW question')).body;
    const broken = (await post('please BREAK')).body;
    const blocked = (await post('write to ada@example.com')).body;
    expect([slow.status, broken.status, blocked.status]).toEqual(['COMPLETED', 'FAILED', 'FAILED']);
    const feedback = (runId: string, thumbs: 'up' | 'down') =>
      alice.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs });
    await feedback(runs[0].id, 'down');
    await feedback(runs[1].id, 'down');
    await feedback(runs[1].id, 'up');
    const kinds = async () =>
      Object.fromEntries(
        (await learning(agent.id)).body.signals.recent.map((sg: any) => [`${sg.type}:${sg.runId}`, sg.value]),
      );
    await until(async () => {
      expect(Object.keys(await kinds()).sort()).toEqual(
        [
          `GUARDRAIL_VIOLATION:${blocked.id}`,
          `HIGH_LATENCY:${slow.id}`,
          `NEGATIVE_FEEDBACK:${runs[0].id}`,
          `RUN_FAILURE:${broken.id}`,
        ].sort(),
      );
    });
    expect((await kinds())[`HIGH_LATENCY:${slow.id}`]).toBeGreaterThanOrEqual(1500);
    // A new version: feedback on a run of the old one says nothing about the agent now.
    await alice.put(`/api/agents/${agent.id}`, { instructions: 'ECHO the question back, briefly.' });
    await feedback(runs[2].id, 'down');
    const fresh = (await runMany(agent.id, 1, 300))[0];
    await feedback(fresh.id, 'down');
    await until(async () => {
      expect(Object.keys(await kinds())).toContain(`NEGATIVE_FEEDBACK:${fresh.id}`);
    });
    expect(Object.keys(await kinds())).not.toContain(`NEGATIVE_FEEDBACK:${runs[2].id}`);
    expect((await learning(agent.id)).body.signals.unconsumed).toBe(1);
  });
});

describe('the learning loop', () => {
  it('finds low relevancy, proposes guidance, tries it on live traffic and auto-promotes the better candidate', async () => {
    const agent = await makeAgent('Tram guide', 'Help with tram questions.');
    await policy(agent.id, {
      enabled: true,
      signalCount: 3,
      candidateSplit: 0.5,
      minRunsPerGroup: 8,
      maxRunsPerExperiment: 80,
      autoPromotionEnabled: true,
      minRunsBeforeAutoPromotion: 16,
    });
    // Three weak answers: three LOW_SCORE signals cross the threshold and open a session.
    await runMany(agent.id, 3);
    const experiment = await runningExperiment(agent.id);
    const dashboard = (await learning(agent.id)).body;
    expect(dashboard.status).toBe('active');
    const [proposal] = dashboard.proposals;
    expect(proposal).toMatchObject({ riskTier: 'LOW', status: 'EXPERIMENTING', proposedBy: 'demo (offline)' });
    expect(proposal.changesJson.map((c: any) => c.field)).toEqual(['instructions']);
    expect(proposal.changesJson[0].after).toContain(RELEVANT);
    expect(proposal.gate).toMatchObject({ status: 'skipped' });
    const session = (await learning(agent.id, `/sessions/${proposal.sessionId}`)).body;
    expect(session).toMatchObject({ trigger: 'threshold', status: 'EXPERIMENTING' });
    expect(session.summary.patterns.byType.LOW_SCORE).toBe(3);
    expect(session.summary.patterns.scorers[0].scorer).toBe('relevancy');

    const decided = await driveToDecision(agent.id, 80);
    expect(decided).toMatchObject({ status: 'COMPLETED', result: { winner: 'CANDIDATE' } });
    expect(decided.result.stats.difference.low).toBeGreaterThan(0);
    expect(decided.candidateScore).toBeGreaterThan(decided.baselineScore);

    // The candidate arm really ran the candidate version: its runs carry it and the model got its instructions.
    const runs = await db().select().from(agentRun).where(eq(agentRun.experimentId, experiment.id));
    const candidateRuns = runs.filter((r) => r.experimentGroup === 'CANDIDATE');
    const baselineRuns = runs.filter((r) => r.experimentGroup === 'BASELINE');
    expect(candidateRuns.length).toBeGreaterThan(0);
    expect(new Set(candidateRuns.map((r) => r.versionId))).toEqual(new Set([experiment.candidateVersionId]));
    expect(new Set(baselineRuns.map((r) => r.versionId))).toEqual(new Set([experiment.baselineVersionId]));
    expect(candidateRuns.every((r) => r.outputText?.startsWith('About'))).toBe(true);
    expect(baselineRuns.every((r) => r.outputText === 'Sorry, no idea.')).toBe(true);

    // Auto-promoted: a new version equal to the candidate, an approval without a person, alerts in Trellis and Slack.
    let promoted: any;
    await until(async () => {
      promoted = (await learning(agent.id, '/proposals')).body.proposals[0];
      expect(promoted.status).toBe('PROMOTED');
    });
    expect(promoted.approvals).toMatchObject([{ decision: 'APPROVED', mode: 'auto', decidedBy: null }]);
    const now = (await alice.get(`/api/agents/${agent.id}`)).body;
    expect(now.instructions).toContain(RELEVANT);
    const [version] = await db().select().from(agentVersion).where(eq(agentVersion.id, promoted.promotedVersionId));
    expect(version.version).toBe(now.version);
    expect(version.description).toMatch(/Promoted learning proposal/);
    expect(version.changesJson?.map((c) => c.field)).toEqual(['instructions']);
    const alerts = await db()
      .select()
      .from(agentAlert)
      .where(and(eq(agentAlert.agentId, agent.id), eq(agentAlert.source, 'LEARNING')));
    expect(alerts.map((a) => (a.metadata as any).kind)).toEqual(['auto-promotion']);
    expect((alerts[0].metadata as any).slack).toMatch(/^delivered/);
    expect(slack.calls.some((c) => c.text?.includes('Auto-promoted') && c.channel === '#learning')).toBe(true);
    expect(slack.calls.every((c) => c.token === 'xoxb-test-token')).toBe(true);
    const board = (await learning(agent.id)).body;
    expect(board.counts).toMatchObject({ activeExperiments: 0, autoPromotions: 1, manualPromotions: 0 });
    expect(board.openSession).toBeNull();

    // After the experiment, live runs are no longer routed.
    const [after] = await runMany(agent.id, 1, 5000);
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, after.id));
    expect(row.experimentId).toBeNull();

    const metrics = (await learning(agent.id, '/metrics')).body;
    expect(metrics.totals).toMatchObject({
      sessions: 1,
      proposals: 1,
      promotions: 1,
      autoPromotions: 1,
      gatePassed: 1,
    });
    expect(metrics.totals.medianSignalToPromotionMinutes).toBeGreaterThanOrEqual(0);
  });

  it('stops a worse candidate with a regression alert and keeps the baseline', async () => {
    const agent = await makeAgent('Echo guide', 'ECHO the question back with an answer.');
    await policy(agent.id, {
      enabled: true,
      signalCount: 2,
      candidateSplit: 0.5,
      minRunsPerGroup: 6,
      maxRunsPerExperiment: 80,
      autoPromotionEnabled: true,
    });
    // Good answers, but two people dislike them: NEGATIVE_FEEDBACK signals; the proposal makes the agent hedge.
    for (const run of await runMany(agent.id, 2)) {
      const res = await alice.post(`/api/agents/${agent.id}/runs/${run.id}/feedback`, { thumbs: 'down' });
      expect(res.status).toBe(200);
    }
    await runningExperiment(agent.id);
    const decided = await driveToDecision(agent.id, 80);
    expect(decided).toMatchObject({ status: 'COMPLETED', result: { winner: 'BASELINE', regression: true } });
    expect(decided.result.stats.difference.high).toBeLessThan(0);
    const [proposal] = (await learning(agent.id, '/proposals')).body.proposals;
    expect(proposal.status).toBe('FAILED');
    expect((await alice.get(`/api/agents/${agent.id}`)).body.version).toBe(agent.version);
    await until(async () => {
      const alerts = await db()
        .select()
        .from(agentAlert)
        .where(and(eq(agentAlert.agentId, agent.id), eq(agentAlert.source, 'LEARNING')));
      expect(alerts.map((a) => [(a.metadata as any).kind, a.severity])).toEqual([['regression', 'WARNING']]);
    });
    expect(slack.calls.some((c) => c.text?.includes('baseline kept'))).toBe(true);
    // Approving a failed proposal is refused.
    const refused = await alice.post(`/api/agents/${agent.id}/learning/proposals/${proposal.id}/approve`, {
      reason: 'I like it anyway',
    });
    expect(refused.status).toBe(409);
  });

  it('ends equal arms inconclusive at the run cap; a person then approves (audited) and it is promoted', async () => {
    const agent = await makeAgent('Twin', 'ECHO the question back.', []);
    await policy(agent.id, {
      enabled: true,
      signalCount: 1,
      candidateSplit: 0.5,
      minRunsPerGroup: 5,
      maxRunsPerExperiment: 16,
    });
    const [run] = await runMany(agent.id, 1);
    await alice.post(`/api/agents/${agent.id}/runs/${run.id}/feedback`, { thumbs: 'down', rating: 1 });
    // The feedback guidance makes the fake hedge, but an agent without scorers only counts success: equal arms.
    const experiment = await runningExperiment(agent.id);
    const decided = await driveToDecision(agent.id, 24);
    expect(decided.status).toBe('INCONCLUSIVE');
    expect(decided.result.winner).toBeNull();
    await until(async () => {
      const [alert] = await db()
        .select()
        .from(agentAlert)
        .where(and(eq(agentAlert.agentId, agent.id), eq(agentAlert.source, 'LEARNING')));
      expect((alert.metadata as any).kind).toBe('timeout');
    });
    const [proposal] = (await learning(agent.id, '/proposals')).body.proposals;
    expect(proposal.status).toBe('AWAITING_APPROVAL');
    expectInvalid(
      await alice.post(`/api/agents/${agent.id}/learning/proposals/${proposal.id}/approve`, { reason: '' }),
      'reason',
    );
    const approved = await alice.post(`/api/agents/${agent.id}/learning/proposals/${proposal.id}/approve`, {
      reason: 'Same quality, clearer wording',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.approval).toMatchObject({ decision: 'APPROVED', mode: 'human', decidedBy: alice.userId });
    await until(async () => {
      expect((await learning(agent.id, '/proposals')).body.proposals[0].status).toBe('PROMOTED');
    });
    const audit = await alice.get('/api/audit-logs?action=learning.proposal.approve');
    expect(audit.body.auditLogs[0]).toMatchObject({ entityId: proposal.id, actorId: alice.userId });
    expect((await alice.get(`/api/agents/${agent.id}`)).body.instructions).toContain(HEDGE);

    // Redelivered jobs change nothing: the checker of a concluded experiment and a second promotion.
    const deps = {
      db: db(),
      runtime: h.trellis.runtime,
      jobs: h.trellis.jobs.queue,
      boss: h.trellis.jobs.boss,
      log: jobLog('silent'),
    };
    const check = { tenantId: alice.tenantId, experimentId: experiment.id };
    expect(await handleJob('learning-experiment-check', check, deps)).toEqual({ status: 'INCONCLUSIVE' });
    const promote = { tenantId: alice.tenantId, proposalId: proposal.id };
    expect(await handleJob('learning-version-promotion', promote, deps)).toEqual({ status: 'PROMOTED' });
    const versions = await db().select().from(agentVersion).where(eq(agentVersion.agentId, agent.id));
    expect(versions.filter((v) => v.description?.startsWith('Promoted'))).toHaveLength(1);
  });

  it('a fresh process routes the running experiment; the same conversation stays on one arm; pause holds', async () => {
    const agent = await makeAgent('Router', 'Help with tram questions.');
    await policy(agent.id, { enabled: true, signalCount: 2, candidateSplit: 0.5, minRunsPerGroup: 50 });
    await runMany(agent.id, 2);
    const experiment = await runningExperiment(agent.id);

    // A second process with empty caches (as after a restart) finds the experiment in the database.
    const peer = await startPeer(h);
    try {
      const key = await alice.createApiKey('peer');
      const client = peer.client(key.key);
      const thread = 'one-conversation';
      const groups = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const res = await client.post(`/api/agents/${agent.id}/runs`, { input: `turn ${i}`, threadId: thread });
        const [row] = await db().select().from(agentRun).where(eq(agentRun.id, res.body.id));
        expect(row.experimentId).toBe(experiment.id);
        groups.add(row.experimentGroup as string);
      }
      expect(groups.size).toBe(1);
    } finally {
      await peer.close();
    }

    // Paused: no routing, no decision, no signals; resumed, routing again.
    await alice.post(`/api/agents/${agent.id}/learning/pause`, { paused: true });
    const [paused] = await runMany(agent.id, 1, 7000);
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, paused.id));
    expect(row.experimentId).toBeNull();
    const [stored] = await db().select().from(learningExperiment).where(eq(learningExperiment.id, experiment.id));
    expect(stored.status).toBe('RUNNING');
    await alice.post(`/api/agents/${agent.id}/learning/pause`, { paused: false });
    const [resumed] = await runMany(agent.id, 1, 7100);
    const [again] = await db().select().from(agentRun).where(eq(agentRun.id, resumed.id));
    expect(again.experimentId).toBe(experiment.id);

    // Editing the agent takes away the experiment's baseline: the checker cancels it and routing stops.
    await alice.put(`/api/agents/${agent.id}`, { instructions: 'Help with tram and bus questions.' });
    await runMany(agent.id, 1, 7200);
    await until(async () => {
      expect((await learning(agent.id, '/experiments')).body.experiments[0].status).toBe('CANCELLED');
    });
    const [proposal] = (await learning(agent.id, '/proposals')).body.proposals;
    expect(proposal.status).toBe('FAILED');
  });

  it('a manual session without signals looks through recent runs; a rejection with a reason ends it', async () => {
    const agent = await makeAgent('Manual', 'Help with tram questions.');
    await runMany(agent.id, 2);
    // Learning is off (no signals were collected), but the scores are there: the session finds them itself.
    await until(async () => {
      const evaluations = (await alice.get(`/api/agents/${agent.id}/evaluations`)).body;
      expect(evaluations.evaluations.length).toBe(2);
    });
    const started = await alice.post(`/api/agents/${agent.id}/learning/sessions`, {});
    expect(started.status).toBe(202);
    let proposal: any;
    await until(async () => {
      proposal = (await learning(agent.id, '/proposals')).body.proposals[0];
      expect(proposal?.status).toBe('EXPERIMENTING');
    });
    const session = (await learning(agent.id, `/sessions/${started.body.id}`)).body;
    expect(session.summary.patterns).toMatchObject({ origin: 'recent-runs', signals: 2 });
    expect(session.signals.map((s: any) => s.type)).toEqual(['LOW_SCORE', 'LOW_SCORE']);
    expectInvalid(
      await alice.post(`/api/agents/${agent.id}/learning/proposals/${proposal.id}/reject`, { reason: 'x' }),
      'reason',
    );
    const rejected = await alice.post(`/api/agents/${agent.id}/learning/proposals/${proposal.id}/reject`, {
      reason: 'Not the tone we want',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.proposal.status).toBe('REJECTED');
    const board = (await learning(agent.id)).body;
    expect(board.experiments[0]).toMatchObject({ status: 'CANCELLED', result: { reason: 'Rejected by a person' } });
    expect(board.openSession).toBeNull();
    const [candidate] = await runMany(agent.id, 1, 9000);
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, candidate.id));
    expect(row.experimentId).toBeNull();
  });
});
