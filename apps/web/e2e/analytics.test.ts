// Analytics and Traces in Chromium against a fake OpenAI: runs made through the API (one with a calculator call,
// one failed by the model provider, two agent versions), then — once the run-completed jobs filled the rollups —
// the charts, the tool, model and version tables, the range picker with its empty state, and on Traces the run
// list (mouse and arrow keys), a run's steps and tool calls, and the link to the full run. Screenshots in light,
// dark and at 1024 px; no console error.
import type { FakeLlm } from '@trellis/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from '../../server/test/harness';
import { hasChromium, startSignedIn, type WatchedPage } from './browser';

let fake: FakeLlm;
let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let api: ApiClient;
let browser: Browser;
let w: WatchedPage;
let agent: { id: string; slug: string };

const EMAIL = 'grace@example.com';
const analyticsPath = () => `/workspace/${agent.slug}/analytics`;
const tracesPath = () => `/workspace/${agent.slug}/traces`;

async function run(input: string) {
  const res = await api.post(`/api/agents/${agent.id}/runs`, { input });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
}

describe.skipIf(!hasChromium)('analytics and traces in Chromium', () => {
  beforeAll(async () => {
    h = await startHarnessWithFakeOpenAi(
      {},
      { defaultReply: () => ({ text: 'ok', usage: { inputTokens: 30, outputTokens: 10 } }) },
    );
    fake = h.fake;
    api = await h.signUp(EMAIL);
    const created = await api.post('/api/agents', {
      name: 'Measured Helper',
      instructions: 'Answer briefly.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['calculator'],
    });
    expect(created.status).toBe(201);
    agent = created.body;
    ({ browser, w } = await startSignedIn(h.url, EMAIL));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the empty state before any run', async () => {
    const { page } = w;
    await page.goto(analyticsPath());
    await page.getByText('No runs in this range').waitFor();
    await page.getByText(/once its background job has run/).waitFor();
    await page.goto(tracesPath());
    await page.getByText('No runs yet').waitFor();
  });

  it('makes runs through the API until the analytics report them', async () => {
    fake.enqueue(
      {
        toolCalls: [{ name: 'calculator', args: { expression: '2+3' } }],
        usage: { inputTokens: 80, outputTokens: 12 },
      },
      { text: 'It is 5.', usage: { inputTokens: 100, outputTokens: 6 } },
    );
    expect((await run('add two and three')).status).toBe('COMPLETED');
    expect((await run('say hello')).status).toBe('COMPLETED');
    expect((await api.put(`/api/agents/${agent.id}`, { instructions: 'Answer very briefly.' })).status).toBe(200);
    expect((await run('say hello again')).status).toBe('COMPLETED');
    fake.enqueue({ error: { status: 400, message: 'the model refused this request' } });
    expect((await run('this one fails')).status).toBe('FAILED');
    // The rollups are filled by the run-completed job of each run: wait for all four.
    await vi.waitFor(
      async () => expect((await api.get(`/api/agents/${agent.id}/analytics`)).body.daily[0]?.runs).toBe(4),
      { timeout: 20_000, interval: 200 },
    );
    const { body } = await api.get(`/api/agents/${agent.id}/analytics`);
    expect(body.tools).toMatchObject([{ toolKey: 'calculator', calls: 1, failures: 0 }]);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('charts the days and tabulates tools, models and versions', async () => {
    const { page } = w;
    await page.goto(analyticsPath());
    const runsChart = page.getByRole('region', { name: 'Runs per day' });
    await runsChart.locator('svg.recharts-surface').first().waitFor();
    await expect.poll(() => runsChart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const latency = page.getByRole('region', { name: 'Latency' });
    expect(await latency.locator('.recharts-line').count()).toBe(3);
    expect(await page.getByRole('region', { name: 'Success rate' }).locator('.recharts-line').count()).toBe(1);
    const usage = page.getByRole('region', { name: 'Tokens and cost' });
    await expect.poll(() => usage.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await usage.locator('.recharts-line').count()).toBe(1);
    // The KPIs: 4 runs, 1 failed, 75% success.
    await page.getByText('75%').first().waitFor();
    await page.getByText('1 failed').waitFor();

    const tools = page.getByRole('table', { name: 'Tool usage' });
    const calculator = tools.getByRole('row', { name: /calculator/ });
    expect(await calculator.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['calculator', '1', '0', '0%']),
    );
    const models = page.getByRole('table', { name: 'Model comparison' });
    const mini = models.getByRole('row', { name: /gpt-4o-mini/ });
    const cells = await mini.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['gpt-4o-mini', '4', '75%']);
    const versions = page.getByRole('table', { name: 'Runs by version' });
    expect(await versions.getByRole('row', { name: /^v2 / }).getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['v2', '2', '50%']),
    );
    expect(await versions.getByRole('row', { name: /^v1 / }).getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining(['v1', '2', '100%']),
    );
    // The screen-reader tables repeat the charts' figures.
    expect(await runsChart.locator('table.sr-only tbody tr').count()).toBe(1);
    await w.screenshot('analytics');

    // A chart's tooltip names the day and the figures.
    await runsChart.locator('.recharts-bar-rectangle').first().hover();
    await runsChart.getByText('4 runs').waitFor();
    await w.screenshot('analytics-tooltip');

    await versions.getByRole('link', { name: 'v1' }).click();
    await page.waitForURL(/\/versions\?right=1$/);
    expect(await page.getByLabel('Right (after)').inputValue()).toBe('1');
    await page.goBack();
    await page.getByRole('table', { name: 'Runs by version' }).getByRole('link', { name: 'v2' }).click();
    await page.waitForURL(/\/versions\?right=2$/);
  });

  it('keeps the range in the URL, with an empty state for a range without runs', async () => {
    const { page } = w;
    await page.goto(analyticsPath());
    const range = page.getByLabel('Range');
    await range.selectOption('7');
    await page.waitForURL(/days=7/);
    await page.getByRole('region', { name: 'Runs per day' }).waitFor();
    await range.selectOption('custom');
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await page.getByLabel('From (UTC)').fill('2020-01-01');
    await page.getByRole('alert').filter({ hasText: 'at most 366 days' }).waitFor();
    await page.getByLabel('To (UTC)').fill('2020-01-31');
    await page.getByText('No runs in this range').waitFor();
    expect(page.url()).toMatch(/from=2020-01-01&to=2020-01-31/);
    await w.screenshot('analytics-empty');
    await page.reload();
    await page.getByText('No runs in this range').waitFor();
    expect(await page.getByLabel('From (UTC)').inputValue()).toBe('2020-01-01');
    await page.getByLabel('Range').selectOption('30');
    await page.getByRole('region', { name: 'Runs per day' }).waitFor();
  });

  it('lists the runs on Traces and shows the selected run’s steps and tool calls', async () => {
    const { page } = w;
    await page.goto(tracesPath());
    const list = page.getByRole('listbox', { name: 'Runs' });
    await expect.poll(() => list.getByRole('option').count()).toBe(4);
    // Without ?run= the newest run (the failed one) is shown.
    const panel = page.getByRole('region', { name: /^Trace of run/ });
    await panel.getByText('the model refused this request').waitFor();

    await list.getByRole('option', { name: /add two and three/ }).click();
    await page.waitForURL(/\?run=[0-9a-f-]{36}$/);
    await expect
      .poll(() => list.getByRole('option', { name: /add two and three/ }).getAttribute('aria-selected'))
      .toBe('true');
    const steps = panel.getByRole('list', { name: 'Trace steps' });
    await expect.poll(() => steps.getByRole('listitem').count()).toBe(3);
    await steps.getByRole('button', { name: /calculator/ }).waitFor();
    await panel.getByRole('table').getByRole('cell', { name: 'calculator' }).waitFor();
    await panel.getByText('1 tool call', { exact: false }).waitFor();
    await steps.getByRole('button', { name: /calculator/ }).click();
    await panel.getByText('"2+3"').first().waitFor();
    await w.screenshot('traces');

    // Arrow keys move the selection (newest first: up goes to "say hello").
    const selectedUrl = page.url();
    await list.press('ArrowUp');
    await expect.poll(() => page.url()).not.toBe(selectedUrl);
    await list.getByRole('option', { selected: true }).filter({ hasText: 'say hello' }).waitFor();
    expect(await list.getByRole('option', { selected: true }).textContent()).not.toContain('again');
    await panel.getByText('The agent called no tools in this run.').waitFor();

    await panel.getByRole('link', { name: 'Open the full run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /^Run / }).waitFor();
  });

  it('looks right in the dark theme and at 1024 px, and logged no console error', async () => {
    const { page } = w;
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    await page.goto(analyticsPath());
    await page.getByRole('region', { name: 'Runs per day' }).locator('.recharts-bar-rectangle').first().waitFor();
    await w.screenshot('analytics-dark');
    await page.goto(tracesPath());
    await page.getByRole('list', { name: 'Trace steps' }).waitFor();
    await w.screenshot('traces-dark');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(analyticsPath());
    await page.getByRole('region', { name: 'Runs per day' }).locator('.recharts-bar-rectangle').first().waitFor();
    await w.screenshot('analytics-dark-1024');
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'light'));
    await page.reload();
    await page.getByRole('region', { name: 'Runs per day' }).locator('.recharts-bar-rectangle').first().waitFor();
    await w.screenshot('analytics-1024');
    await page.goto(tracesPath());
    await page.getByRole('list', { name: 'Trace steps' }).waitFor();
    await w.screenshot('traces-1024');
    expect(w.errors).toEqual([]);
  });
});
