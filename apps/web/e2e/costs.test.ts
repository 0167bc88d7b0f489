// Costs and budgets in Chromium against a fake OpenAI (priced runs): an empty Costs page, a hard budget set in the
// form (errors at the field), API runs until one is refused with 402, the spend, remaining budget and daily chart
// on the Costs page, the overview cards, resolving the cost alert, "Run again" on a run (refused, then allowed),
// cancelling a run in flight, the Alerts page, the organization budget, alert destinations and price overrides in
// Settings, and the audit log of all of it.
// Every page is screenshotted in light and dark, and no console error is logged except those a step provokes.
import type { FakeLlm } from '@trellis/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from '../../server/test/harness';
import { expectProvoked, hasChromium, startSignedIn, type WatchedPage } from './browser';

let fake: FakeLlm;
let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let api: ApiClient;
let browser: Browser;
let w: WatchedPage;
let agent: { id: string; slug: string };
let completed = 0;

const EMAIL = 'ada@example.com';
const LIMIT = 0.001;
const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
  new Date(),
);
const costsPath = () => `/workspace/${agent.slug}/costs`;

describe.skipIf(!hasChromium)('costs and budgets in Chromium', () => {
  beforeAll(async () => {
    // One run costs 20 × $0.15/M + 200 × $0.60/M = $0.000123 on gpt-4o-mini.
    h = await startHarnessWithFakeOpenAi(
      {},
      { defaultReply: () => ({ text: 'ok', usage: { inputTokens: 20, outputTokens: 200 } }) },
    );
    fake = h.fake;
    api = await h.signUp(EMAIL);
    const created = await api.post('/api/agents', {
      name: 'Priced Helper',
      instructions: 'Answer briefly.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      maxTokens: 200,
      maxSteps: 1,
    });
    expect(created.status).toBe(201);
    agent = created.body;
    ({ browser, w } = await startSignedIn(h.url, EMAIL));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows an empty Costs page, then sets a hard budget with errors at the field', async () => {
    const { page } = w;
    await page.goto(costsPath());
    await page.getByText(`No spend in ${monthName}`).waitFor();
    await page.getByText('No budget is set: runs are never refused for cost.').first().waitFor();
    await w.screenshot('costs-empty');

    const budget = page.getByRole('region', { name: 'Budget', exact: true });
    const limit = budget.getByLabel('Monthly limit (USD)');
    // Checked in the browser: a negative limit never reaches the API.
    await limit.fill('-1');
    await budget.getByRole('button', { name: 'Save budget' }).click();
    await budget.getByText('The limit must be a number of USD, 0 or more.').waitFor();
    await expect.poll(() => limit.getAttribute('aria-invalid')).toBe('true');
    // Checked by the API: past its maximum, its 400 shows at the field (the browser logs the 400).
    const before = w.errors.length;
    await limit.fill('20000000');
    await budget.getByRole('button', { name: 'Save budget' }).click();
    await budget
      .getByRole('alert')
      .filter({ hasText: /10000000|10,000,000|less than or equal/i })
      .waitFor();
    expectProvoked(w, before, 400);

    await limit.fill(String(LIMIT));
    await budget.getByLabel('Alert at (% of the limit)').fill('50');
    await budget.getByRole('switch', { name: 'Hard limit' }).click();
    await budget.getByRole('button', { name: 'Save budget' }).click();
    await page.getByText("Saved the agent's budget").waitFor();
    await budget.getByText('hard limit', { exact: true }).waitFor();
    const saved = await api.get(`/api/agents/${agent.id}/budget`);
    expect(saved.body.policy).toMatchObject({ monthlyLimitUsd: LIMIT, alertAtPct: 50, hardLimit: true, enabled: true });
  });

  it('runs the agent through the API until the budget refuses a run with 402 BUDGET_EXCEEDED', async () => {
    let refused: { status: number; body: any } | undefined;
    for (let i = 0; i < 30 && !refused; i++) {
      const res = await api.post(`/api/agents/${agent.id}/runs`, { input: `question ${i}` });
      if (res.status === 402) refused = res;
      else {
        expect(res.status).toBe(201);
        completed++;
      }
    }
    expect(refused?.body.error).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { scope: 'agent', limitUsd: LIMIT },
    });
    expect(completed).toBeGreaterThan(3);
    // The cost rollups and the budget check are jobs that run after each run: wait for them.
    await vi.waitFor(
      async () => expect((await api.get(`/api/agents/${agent.id}/costs`)).body.totals.runs).toBe(completed),
      { timeout: 20_000, interval: 200 },
    );
    await vi.waitFor(
      async () =>
        expect((await api.get(`/api/alerts?agentId=${agent.id}&source=COST`)).body.alerts.length).toBeGreaterThan(0),
      { timeout: 20_000, interval: 200 },
    );
  });

  it('shows the spend, the remaining budget and the daily chart on the Costs page', async () => {
    const { page } = w;
    const costs = (await api.get(`/api/agents/${agent.id}/costs`)).body;
    await page.goto(costsPath());
    await page.getByText('Spend, month to date').waitFor();
    await page.getByRole('heading', { name: 'Daily spend' }).waitFor();
    const chart = page.getByRole('region', { name: 'Daily spend' });
    expect(await chart.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const models = page.getByRole('table', { name: 'Spend by model' });
    await models.getByRole('cell', { name: 'gpt-4o-mini' }).waitFor();
    expect(await models.getByRole('cell', { name: String(completed), exact: true }).count()).toBe(1);
    expect(costs.totals.costUsd).toBeGreaterThan(LIMIT / 2);

    const budget = page.getByRole('region', { name: 'Budget', exact: true });
    const meter = budget.getByRole('progressbar', { name: "Agent's budget used" });
    expect(Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(50);
    const remaining = (await api.get(`/api/agents/${agent.id}/budget`)).body.remainingUsd as number;
    await budget.getByText('Remaining').waitFor();
    await budget.getByText(`$${remaining.toPrecision(2)}`).waitFor();
    await page
      .getByRole('region', { name: 'Organization budget' })
      .getByRole('link', { name: /in Settings/ })
      .waitFor();
    await page
      .getByRole('region', { name: 'Cost alerts' })
      .getByRole('button', { name: /^Resolve/ })
      .first()
      .waitFor();
    await w.screenshot('costs');
    // The tooltip of a day: both parts, the total and the runs.
    await chart.locator('.recharts-bar-rectangle').last().hover();
    await chart.getByText(`${completed} runs`).waitFor();
    await w.screenshot('costs-tooltip');

    // An earlier month has no spend.
    await page.getByRole('button', { name: 'Previous month' }).click();
    await page.waitForURL(/month=\d{4}-\d{2}/);
    await page.getByText(/^No spend in /).waitFor();
    await page.getByRole('button', { name: 'Next month' }).click();
    await page.getByText('Spend, month to date').waitFor();
  });

  it('shows the month-to-date cost and the open alert on the Overview', async () => {
    const { page } = w;
    await page.goto(`/workspace/${agent.slug}/overview`);
    await page.getByText(`Cost, ${monthName} to date`).waitFor();
    await page.getByText('Open alerts').waitFor();
    await page.getByRole('link', { name: 'Review' }).waitFor();
    // The main navigation counts the organization's open alerts.
    const openCount = (await api.get('/api/alerts?status=open')).body.alerts.length;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: `Alerts ${openCount} open` })
      .waitFor();
    await w.screenshot('overview-costs');
  });

  it('resolves the open cost alerts and recomputes the recommendations', async () => {
    const { page } = w;
    await page.goto(costsPath());
    const alerts = page.getByRole('region', { name: 'Cost alerts' });
    const resolve = alerts.getByRole('button', { name: /^Resolve/ });
    await resolve.first().waitFor();
    while ((await resolve.count()) > 0) {
      const count = await resolve.count();
      await resolve.first().click();
      await expect.poll(() => resolve.count()).toBeLessThan(count);
    }
    await alerts.getByText('No open cost alerts.').waitFor();
    const open = await api.get(`/api/alerts?agentId=${agent.id}&source=COST&status=open`);
    expect(open.body.alerts).toEqual([]);

    await page.getByRole('button', { name: 'Recompute' }).click();
    await page.getByText(/\d+ recommendations? found/).waitFor();
  });

  it('lists every alert of the organization on the Alerts page, with filters in the URL', async () => {
    const { page } = w;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Alerts/ })
      .click();
    await page.waitForURL('**/alerts');
    await page.getByText('No open alerts').waitFor();
    await page.getByLabel('Status').selectOption('all');
    await page.waitForURL(/status=all/);
    const list = page.getByRole('list', { name: 'Alerts' });
    const items = list.getByRole('listitem');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    await items.first().getByText('cost', { exact: true }).waitFor();
    await items.first().getByRole('link', { name: 'Priced Helper' }).waitFor();
    await items
      .first()
      .getByText(/^resolved /)
      .waitFor();
    await w.screenshot('alerts');
    await page.getByLabel('Source').selectOption('SYSTEM');
    await page.waitForURL(/source=SYSTEM/);
    await page.getByText('No alerts', { exact: true }).waitFor();
    await page.getByLabel('Source').selectOption('');
    await items.first().getByRole('link', { name: 'Priced Helper' }).click();
    await page.waitForURL(`**/workspace/${agent.slug}/overview`);
  });

  it('"Run again" is refused while the budget is spent, and opens the new run once it is raised', async () => {
    const { page } = w;
    await page.goto(`/workspace/${agent.slug}/runs`);
    await page.getByRole('link', { name: 'question 0', exact: true }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const original = page.url().split('/').at(-1) as string;
    await page.getByRole('heading', { name: /^Run / }).waitFor();

    const before = w.errors.length;
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.getByRole('alert').filter({ hasText: 'monthly budget' }).waitFor();
    expectProvoked(w, before, 402);
    await w.screenshot('run-again-refused');

    await page.goto(costsPath());
    const budget = page.getByRole('region', { name: 'Budget', exact: true });
    await budget.getByLabel('Monthly limit (USD)').fill('5');
    await budget.getByRole('button', { name: 'Save budget' }).click();
    await page.getByText("Saved the agent's budget").first().waitFor();

    await page.goBack();
    await page.waitForURL(new RegExp(`/runs/${original}$`));
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.waitForURL((url) => /\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(original));
    const rerunOf = page.getByRole('link', { name: `rerun of ${original.slice(0, 8)}` });
    await rerunOf.waitFor();
    const rerunId = page.url().split('/').at(-1) as string;
    const rerun = await api.get(`/api/agents/${agent.id}/runs/${rerunId}`);
    expect(rerun.body).toMatchObject({ parentRunId: original, inputText: 'question 0', status: 'COMPLETED' });
    await w.screenshot('run-rerun');
    await rerunOf.click();
    await page.waitForURL(new RegExp(`/runs/${original}$`));
  });

  it('cancels a run in flight after confirmation', async () => {
    const { page } = w;
    fake.enqueue({ text: 'too late', delayMs: 20_000 });
    const pending = api.post(`/api/agents/${agent.id}/runs`, { input: 'take your time' });
    let runId: string | undefined;
    await vi.waitFor(
      async () => {
        runId = (await api.get(`/api/agents/${agent.id}/runs?status=RUNNING`)).body.runs[0]?.id;
        expect(runId).toBeTruthy();
      },
      { timeout: 10_000, interval: 50 },
    );
    await page.goto(`/workspace/${agent.slug}/runs/${runId}`);
    await page.getByText('running', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Cancel this run?' });
    await w.screenshot('run-cancel-confirm');
    await confirm.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByText('cancelled', { exact: true }).waitFor();
    await page.getByText(/The run was cancelled/).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
    const finished = await pending;
    expect(finished.body).toMatchObject({ id: runId, status: 'CANCELLED' });
  });

  it('sets the organization budget, adds alert destinations and a price override in Settings', async () => {
    const { page } = w;
    await page.goto('/settings');
    const orgBudget = page.getByRole('region', { name: 'Organization budget' });
    await orgBudget.getByLabel('Monthly limit (USD)').fill('100');
    await orgBudget.getByRole('button', { name: 'Save budget' }).click();
    await page.getByText("Saved the organization's budget").waitFor();
    expect((await api.get('/api/budget')).body.policy).toMatchObject({ monthlyLimitUsd: 100, hardLimit: false });

    const destinations = page.getByRole('region', { name: 'Alert destinations' });
    await destinations.getByText('No destinations yet').waitFor();
    await destinations.getByLabel('URL').fill('https://hooks.example.com/trellis');
    await destinations.getByLabel('Signing secret (optional)').fill('whsec-0123456789abcdef');
    await destinations.getByRole('button', { name: 'Add destination' }).click();
    const table = destinations.getByRole('table', { name: 'Alert destinations' });
    await table.getByText('https://hooks.example.com/trellis').waitFor();
    await table.getByText('signed').waitFor();
    const listed = await api.get('/api/alert-destinations');
    expect(listed.body.destinations).toMatchObject([{ kind: 'webhook', signed: true }]);
    expect(JSON.stringify(listed.body)).not.toContain('whsec');
    // The secret is write-only: the form is empty again.
    expect(await destinations.getByLabel('Signing secret (optional)').inputValue()).toBe('');

    await destinations.getByLabel('Kind').selectOption('slack');
    await destinations.getByLabel('URL').fill('https://hooks.slack.com/services/T000/B000/XXXX');
    await destinations.getByRole('button', { name: 'Add destination' }).click();
    await table.getByText('https://hooks.slack.com/services/T000/B000/XXXX').waitFor();
    await table.getByRole('button', { name: /^Remove slack destination/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove destination' }).click();
    await expect.poll(() => table.getByText('hooks.slack.com').count()).toBe(0);

    const prices = page.getByRole('region', { name: 'Price overrides' });
    await prices.getByLabel('Provider').selectOption('openai');
    await prices.getByLabel('Model').fill('gpt-4o-mini');
    await prices.getByLabel('Input $/M tokens').fill('0.075');
    await prices.getByLabel('Output $/M tokens').fill('0.3');
    await prices.getByRole('button', { name: 'Save price' }).click();
    await prices.getByRole('table', { name: 'Price overrides' }).getByText('$0.075').waitFor();
    expect((await api.get('/api/prices')).body.overrides).toMatchObject([
      { provider: 'openai', modelName: 'gpt-4o-mini', inputPerMTokUsd: 0.075, outputPerMTokUsd: 0.3 },
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await w.screenshot('settings-costs');

    // Edit fills the form with the row; saving replaces the override; removal is confirmed.
    const priceTable = prices.getByRole('table', { name: 'Price overrides' });
    await priceTable.getByRole('button', { name: 'Edit the price of openai / gpt-4o-mini' }).click();
    expect(await prices.getByLabel('Model').inputValue()).toBe('gpt-4o-mini');
    await prices.getByLabel('Output $/M tokens').fill('0.25');
    await prices.getByRole('button', { name: 'Save price' }).click();
    await priceTable.getByText('$0.25').waitFor();
    await priceTable.getByRole('button', { name: 'Remove the price of openai / gpt-4o-mini' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove price' }).click();
    await prices.getByText('No price overrides').waitFor();
    expect((await api.get('/api/prices')).body.overrides).toEqual([]);
  });

  it('the Audit log shows each of these writes, who made it and what it changed — never a secret', async () => {
    const { page } = w;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await page.waitForURL('**/audit');
    const log = page.getByRole('list', { name: 'Audit log' });
    // The price edit: an update by you, listing the changed field with its old and new value.
    const edit = log.getByRole('listitem', { name: 'price.update by you' }).first();
    await edit.getByRole('list', { name: 'Changes' }).getByText('outputPerMTokUsd').waitFor();
    await edit.getByText('0.3', { exact: true }).waitFor();
    await log.getByRole('listitem', { name: 'price.delete by you' }).waitFor();
    await log.getByRole('listitem', { name: 'alertDestination.create by you' }).first().waitFor();
    await log.getByRole('listitem', { name: 'alert.resolve by you' }).first().waitFor();
    await w.screenshot('audit');
    expect(await log.textContent()).not.toContain('whsec');

    await page.getByLabel('Entity').selectOption('budget');
    await page.waitForURL(/entityType=budget/);
    const budgets = log.locator(':scope > li');
    await expect.poll(async () => (await budgets.allTextContents()).every((t) => t.startsWith('budget.'))).toBe(true);
    await expect.poll(() => budgets.count()).toBeGreaterThan(0);
    await budgets
      .first()
      .getByRole('button', { name: /^After/ })
      .click();
    await budgets.first().getByText('"monthlyLimitUsd"').waitFor();
    await page.getByLabel('Entity').selectOption('');
    await page.getByLabel('From (UTC)').fill('2020-01-01');
    await page.getByLabel('To (UTC)').fill('2020-01-02');
    await page.getByText('Nothing recorded').waitFor();
  });

  it('every page looks right in the dark theme and at 1024 px, and logged no console error', async () => {
    const { page } = w;
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    const runs = (await api.get(`/api/agents/${agent.id}/runs?limit=1`)).body.runs;
    for (const [name, path] of [
      ['costs', costsPath()],
      ['overview-costs', `/workspace/${agent.slug}/overview`],
      ['run-rerun', `/workspace/${agent.slug}/runs/${runs[0].id}`],
      ['settings-costs', '/settings'],
      ['alerts', '/alerts?status=all'],
      ['audit', '/audit'],
    ]) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await w.screenshot(`${name}-dark`);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(costsPath());
    await page.getByRole('heading', { name: 'Daily spend' }).waitFor();
    await page.waitForLoadState('networkidle');
    await w.screenshot('costs-dark-1024');
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'light'));
    await page.reload();
    await page.getByRole('heading', { name: 'Daily spend' }).waitFor();
    await w.screenshot('costs-1024');
    expect(w.errors).toEqual([]);
  });
});
