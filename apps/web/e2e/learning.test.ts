// Continuous learning in Chromium with the offline demo model: the empty page says what to do; Settings refuses a
// traffic share above one half at its field, then saves learning on (checked after a reload); thumbs down on runs
// made through the API become signals; "Start session" opens a session whose patterns and proposal show within
// seconds (the demo proposer, labelled as such: a LOW risk instruction edit with its diff); the proposal's experiment
// gets live runs; Approve stays disabled while it runs, a reason is required, and Reject makes the proposal REJECTED
// and cancels the experiment; Metrics counts it all; Pause makes the status "paused" and "Start session" shows the
// server's refusal; the Overview's Learning card says the same. Screenshots of every tab at 1280 and 1024 px go to
// /tmp/learning-*.png.
import { bucketOf } from '@trellis/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../server/test/harness';
import { expectProvoked, hasChromium, screenshotsOf, startWithDemoAgent, type WatchedPage } from './browser';

let api: ApiClient;
let w: WatchedPage;
let agent: { id: string; slug: string };
const { shot, shotOf } = screenshotsOf('learning', () => w.page);

const EMAIL = 'lena@example.com';
const QUESTIONS = ['How do I reset my password?', 'What are your opening hours?', 'Can I get a refund?'];
const learningPath = (tab?: string) => `/workspace/${agent.slug}/learning${tab ? `?tab=${tab}` : ''}`;
const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 30_000, interval: 250 });

async function run(input: string, threadId?: string): Promise<string> {
  const res = await api.post(`/api/agents/${agent.id}/runs`, { input, threadId });
  expect(res.body.status, JSON.stringify(res.body)).toBe('COMPLETED');
  return res.body.id;
}

/** `count` thread ids that the experiment routes to each arm (a conversation's arm is fixed by its thread). */
function threadsPerArm(experimentId: string, split: number, count: number) {
  const arms = { BASELINE: [] as string[], CANDIDATE: [] as string[] };
  for (let i = 0; arms.BASELINE.length < count || arms.CANDIDATE.length < count; i++) {
    const thread = `learning-thread-${i}`;
    const arm = arms[bucketOf(experimentId, thread) < split ? 'CANDIDATE' : 'BASELINE'];
    if (arm.length < count) arm.push(thread);
  }
  return arms;
}

const tab = (name: string) => w.page.getByRole('tab', { name, exact: true });
/** Nothing sticks out sideways: the page is no wider than the window. */
const expectNoSideways = async () =>
  expect(await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
const statusBadge = () => w.page.locator('[data-learning-status]');

describe.skipIf(!hasChromium)('learning in Chromium', () => {
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ api, agent, w, close } = await startWithDemoAgent(EMAIL, {
      name: 'Learning Helper',
      instructions: 'Answer customer questions briefly.',
    }));
  });
  afterAll(() => close());

  it('shows the inactive status and empty tabs that say what to do', async () => {
    const { page } = w;
    await page.goto(learningPath());
    await page.getByRole('heading', { name: 'Learning', exact: true }).waitFor();
    await waitFor(async () => expect(await statusBadge().textContent()).toBe('Learning status: inactive'));
    await page.getByText('No sessions yet').waitFor();
    await page.getByText('Enable learning in Settings so signals are collected, or start a session now').waitFor();
    await shot('empty');
    await tab('Proposals').click();
    await page.waitForURL(/tab=proposals/);
    await page.getByText('No proposals yet').waitFor();
    await tab('Experiments').click();
    await page.getByText('No experiments yet').waitFor();
  });

  it('refuses a traffic share above one half at its field, then saves learning on', async () => {
    const { page } = w;
    await tab('Settings').click();
    const form = page.getByRole('form', { name: 'Learning policy' });
    await form.getByText('This agent runs on the defaults: nothing saved yet.').waitFor();
    const split = form.getByLabel('Share of traffic to the candidate');
    expect(await split.inputValue()).toBe('0.1');
    // The default beside each field.
    await form.getByText(/Default\s*0\.1\s*· above 0, at most 0\.5/).waitFor();

    const before = w.errors.length;
    await split.fill('0.8');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await form.getByRole('alert').filter({ hasText: 'at most half of the traffic' }).waitFor();
    await expect.poll(() => split.getAttribute('aria-invalid')).toBe('true');
    expectProvoked(w, before, 400);
    expect((await api.get(`/api/agents/${agent.id}/learning/policy`)).body.saved).toBe(false);

    // Half of the traffic (so the experiment gets runs quickly), a high threshold (no session starts by itself), on.
    await split.fill('0.5');
    await form.getByLabel('Signals that start a session').fill('50');
    await form.getByRole('switch', { name: 'Learning enabled' }).click();
    await form.getByText('Unsaved changes').waitFor();
    await shot('settings-1280');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Saved the learning policy: learning is on').waitFor();

    await page.reload();
    await form.getByText('This agent has its own learning policy.').waitFor();
    expect(await form.getByRole('switch', { name: 'Learning enabled' }).getAttribute('aria-checked')).toBe('true');
    expect(await form.getByLabel('Share of traffic to the candidate').inputValue()).toBe('0.5');
    expect(await form.getByLabel('Signals that start a session').inputValue()).toBe('50');
    await waitFor(async () => expect(await statusBadge().textContent()).toBe('Learning status: active'));
    expect((await api.get(`/api/agents/${agent.id}/learning/policy`)).body).toMatchObject({
      saved: true,
      enabled: true,
      candidateSplit: 0.5,
      signalCount: 50,
      paused: false,
    });
  });

  it('turns thumbs down on runs into signals', async () => {
    for (const q of QUESTIONS) {
      const runId = await run(q);
      const res = await api.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: 'down' });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    await run('Thanks, that helped.');
    await waitFor(async () =>
      expect((await api.get(`/api/agents/${agent.id}/learning`)).body.signals.unconsumed).toBe(QUESTIONS.length),
    );
    await w.page.reload();
    await w.page.getByText(`${QUESTIONS.length} signals waiting for a session`).waitFor();
  });

  it('starts a session whose patterns and demo proposal show within seconds', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.waitForURL(/tab=sessions.*session=|session=.*tab=sessions/);
    const history = page.getByRole('table', { name: 'Learning sessions, newest first' });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(1);
    await history.getByText('Started by hand').waitFor();

    const detail = page.getByRole('region', { name: /^Session of / });
    await detail.getByText(`${QUESTIONS.length} signals collected since the previous session.`).waitFor();
    await detail.getByRole('list', { name: 'Signal types' }).getByText('Negative feedback').waitFor();
    const examples = detail.getByRole('table', { name: 'Example inputs' });
    await expect.poll(() => examples.locator('tbody tr').count()).toBe(QUESTIONS.length);
    await examples.getByTitle(QUESTIONS[0], { exact: true }).waitFor();
    expect(await examples.getByRole('link', { name: /^Open run / }).count()).toBe(QUESTIONS.length);

    const proposal = detail.getByRole('article', { name: 'Check the answer against the question' });
    await proposal.waitFor({ timeout: 30_000 });
    expect(await proposal.locator('[data-proposer]').textContent()).toBe('Proposed by demo (offline)');
    await shot('session-1280');
  });

  it('shows the proposal: LOW risk with its explanation, the demo label, its diff and the gate', async () => {
    const { page } = w;
    await tab('Proposals').click();
    const card = page.getByRole('article', { name: 'Check the answer against the question' });
    await card.waitFor();
    expect(await card.locator('[data-risk]').textContent()).toBe('Risk tier LOW');
    await card.getByText('Instructions only: may be promoted automatically').waitFor();
    expect(await card.locator('[data-proposer]').textContent()).toBe('Proposed by demo (offline)');
    await card.getByText(/The demo proposer \(offline, rule-based\)/).waitFor();
    const diff = card.getByRole('figure', { name: 'Instructions: line differences' });
    await diff.getByText('Learned guidance:').waitFor();
    await diff.getByText(/check that the answer addresses what the user asked/).waitFor();
    // No test cases: the gate is skipped and the experiment starts.
    await card.getByText('The agent has no test cases: nothing to check before live traffic').waitFor();
    await waitFor(async () => expect(await card.locator('[data-status]').first().textContent()).toBe('EXPERIMENTING'));
    await card.getByRole('link', { name: /^candidate v\d+$/ }).waitFor();
    await shotOf('proposal-card', card);
  });

  it('shows the running experiment: arms, the interval around zero, guards and the stopping rule', async () => {
    const [experiment] = (await api.get(`/api/agents/${agent.id}/learning/experiments`)).body.experiments;
    expect(experiment).toMatchObject({ status: 'RUNNING', split: 0.5 });
    const threads = threadsPerArm(experiment.id, experiment.split, 4);
    for (const [i, thread] of [...threads.BASELINE, ...threads.CANDIDATE].entries())
      await run(`${QUESTIONS[i % QUESTIONS.length]} (${i})`, thread);
    const { page } = w;
    await tab('Experiments').click();
    const card = page.getByRole('article', { name: 'Check the answer against the question' });
    await card.waitFor();
    expect(await card.locator('[data-status]').first().textContent()).toBe('RUNNING');
    await card.getByText('50% of the traffic to the candidate').waitFor();
    const arms = card.getByRole('table', { name: 'Arms' });
    // Four runs in each arm (the agent has no scorers: a completed run counts as 1), read again while it runs.
    await waitFor(async () =>
      expect(await arms.locator('tbody tr').allTextContents()).toEqual(['Baseline41.00', 'Candidate41.00']),
    );
    await card.getByText(/mSPRT, normal mixture τ=0\.1, always-valid 95 % interval/).waitFor();
    await card
      .getByText(
        'The interval stays valid however often it is checked: a candidate is promoted only when the whole interval lies above zero.',
      )
      .waitFor();
    const guards = card.getByRole('table', { name: 'Guard metrics' });
    await guards.getByText('Cost per run').waitFor();
    await guards.getByText('Guardrail block rate').waitFor();
    await card.getByText('Baseline runs').waitFor();
    await card.getByText(/left until the time cap/).waitFor();
    await card.getByRole('link', { name: /^Compare the candidate \(v\d+\) with the baseline$/ }).waitFor();
    await shot('experiments-running-1280');
  });

  it('rejects the proposal with a reason: REJECTED, recorded, and its experiment cancelled', async () => {
    const { page } = w;
    await tab('Proposals').click();
    const card = page.getByRole('article', { name: 'Check the answer against the question' });
    const form = card.getByRole('form', { name: 'Decide on Check the answer against the question' });
    expect(await form.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await form.getByText('Approval opens once the experiment ends').waitFor();
    const reason = form.getByLabel('Reason for your decision');
    await reason.fill('no');
    await form.getByRole('button', { name: 'Reject' }).click();
    await form.getByRole('alert').filter({ hasText: 'Say why, in at least 3 characters.' }).waitFor();
    await reason.fill('The current answers are fine');
    await form.getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Rejected "Check the answer against the question"').waitFor();
    await waitFor(async () => expect(await card.locator('[data-status]').first().textContent()).toBe('REJECTED'));
    const decisions = card.getByRole('list', { name: 'Decisions' });
    await decisions.getByText('by you').waitFor();
    await decisions.getByText('“The current answers are fine”').waitFor();
    await form.waitFor({ state: 'detached' });
    await shot('proposals-1280');

    const [proposal] = (await api.get(`/api/agents/${agent.id}/learning/proposals`)).body.proposals;
    expect(proposal).toMatchObject({ status: 'REJECTED', riskTier: 'LOW', proposedBy: 'demo (offline)' });
    expect(proposal.approvals).toMatchObject([{ decision: 'REJECTED', mode: 'human' }]);

    await tab('Experiments').click();
    const experiment = page.getByRole('article', { name: 'Check the answer against the question' });
    await waitFor(async () =>
      expect(await experiment.locator('[data-status]').first().textContent()).toBe('CANCELLED'),
    );
    await experiment.getByText('Rejected by a person').waitFor();
    await shot('experiments-1280');

    await tab('Sessions').click();
    const history = page.getByRole('table', { name: 'Learning sessions, newest first' });
    await history.getByText('Proposal rejected').waitFor();
    expect(await history.locator('[data-status]').textContent()).toBe('COMPLETED');
  });

  it('counts it all on the Metrics tab, with the daily charts', async () => {
    const { page } = w;
    await tab('Metrics').click();
    const kpis = page.getByRole('region', { name: 'Learning figures of the range' });
    await kpis.waitFor();
    const kpi = (label: string) => kpis.getByText(label, { exact: true }).locator('..');
    await waitFor(async () => expect(await kpi('Signals').textContent()).toContain(String(QUESTIONS.length)));
    expect(await kpi('Sessions').textContent()).toContain('1');
    expect(await kpi('Proposals').textContent()).toContain('1');
    expect(await kpi('Gate pass rate').textContent()).toContain('100%');
    await kpis.getByText('0 automatic · 0 by a person').waitFor();
    await page.getByRole('region', { name: 'Signals and sessions per day' }).locator('svg.recharts-surface').waitFor();
    await page
      .getByRole('region', { name: 'Proposals and outcomes per day' })
      .locator('svg.recharts-surface')
      .waitFor();
    await page.getByLabel('Range', { exact: true }).selectOption('7');
    await page.waitForURL(/days=7/);
    expect(page.url()).toContain('tab=metrics');
    await expectNoSideways();
    await shot('metrics-1280');
  });

  it('pauses learning: the status says so and starting a session is refused with the reason', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Pause learning' }).click();
    await page.getByText('Learning paused').waitFor();
    await waitFor(async () => expect(await statusBadge().textContent()).toBe('Learning status: paused'));
    await page.getByRole('button', { name: 'Resume learning' }).waitFor();

    const before = w.errors.length;
    await page.getByRole('button', { name: 'Start session' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Learning is paused for this agent; resume it to start a session' })
      .waitFor();
    expectProvoked(w, before, 409);
    expect((await api.get(`/api/agents/${agent.id}/learning`)).body.status).toBe('paused');
  });

  it("shows the learning state on the Overview's Learning card, linking to the page", async () => {
    const { page } = w;
    await page.goto(`/workspace/${agent.slug}/overview`);
    const card = page.getByRole('region', { name: 'Learning' });
    await card.getByText('Learning: running experiments').waitFor();
    await expect.poll(() => card.textContent()).toMatch(/^Learning: running experiments0/);
    expect(await card.locator('[data-learning-status]').textContent()).toBe('Learning status: paused');
    await card.getByText('promoted 0 automatically · 0 by a person').waitFor();
    await shotOf('overview-card', card);
    await shot('overview-1280');
    await card.getByRole('link', { name: 'Learning', exact: true }).click();
    await page.waitForURL(`**/workspace/${agent.slug}/learning`);
    await page.getByRole('heading', { name: 'Learning', exact: true }).waitFor();
  });

  it('lays out every tab at 1024 px, and logged no unexpected console error', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const t of ['sessions', 'proposals', 'experiments', 'metrics', 'settings']) {
      await page.goto(learningPath(t));
      await page.getByRole('tab', { name: new RegExp(t, 'i'), selected: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectNoSideways();
      await shot(`${t}-1024`);
    }
    const session = (await api.get(`/api/agents/${agent.id}/learning/sessions`)).body.sessions[0];
    await page.goto(`${learningPath('sessions')}&session=${session.id}`);
    await page
      .getByRole('region', { name: /^Session of / })
      .getByText('Negative feedback')
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    await expectNoSideways();
    await shot('session-1024');
    await page.goto(`/workspace/${agent.slug}/overview`);
    await page.getByRole('region', { name: 'Learning' }).getByText('Learning: running experiments').waitFor();
    await page.waitForLoadState('networkidle');
    await expectNoSideways();
    await shot('overview-1024');
    expect(w.errors).toEqual([]);
  });
});
