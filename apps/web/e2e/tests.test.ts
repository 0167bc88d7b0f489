// The test suite and judge agreement in Chromium against a fake OpenAI whose answers depend on the instructions:
// version 1 is vague, version 2 (its instructions say ANSWER-WELL) answers well. On the Versions page a test case is
// added through the form (an invalid RE2 pattern is refused at its field first), the suite runs on v1 and fails, on
// v2 and passes, live, and the two suite runs compared show the cases v2 fixed — and, swapped, the pinned case's
// regression called out. After thumbs given through the API the Evaluations page shows each scorer's agreement with
// people, with the few-pairs warning. Screenshots in light and dark at 1024 px go to /tmp/tests-*.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from '../../server/test/harness';
import { expectProvoked, hasChromium, screenshotsOf, startSignedIn, type WatchedPage } from './browser';

const EMAIL = 'tess@example.com';
const CAPITAL_Q = 'What is the capital of France?';
const ORDER_Q = 'When does order 12345 ship?';

/** Version 1's instructions make the fake model vague; version 2's make it answer well. */
function reply(text: string, request: { body: unknown }) {
  const good = JSON.stringify(request.body).includes('ANSWER-WELL');
  if (text.includes('capital'))
    return { text: good ? 'The capital of France is Paris.' : 'I am not sure, maybe Lyon.' };
  return { text: good ? 'Order 12345 ships tomorrow.' : 'It ships soon.' };
}

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let api: ApiClient & { tenantId: string };
let browser: Browser;
let w: WatchedPage;
let agent: { id: string; slug: string };
const { shot, shotOf } = screenshotsOf('tests', () => w.page);

const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 30_000, interval: 250 });

describe.skipIf(!hasChromium)('test suites and judge agreement in Chromium', () => {
  beforeAll(async () => {
    h = await startHarnessWithFakeOpenAi({}, { defaultReply: (text, request) => reply(text, request) });
    api = await h.signUp(EMAIL);
    const made = await api.post('/api/agents', {
      name: 'Suite Helper',
      instructions: 'Answer briefly.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      scorers: ['relevancy', 'completeness'],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    agent = made.body;
    const v2 = await api.put(`/api/agents/${agent.id}`, { instructions: 'Answer briefly. ANSWER-WELL' });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    const pinned = await api.post(`/api/agents/${agent.id}/test-cases`, {
      name: 'capital',
      inputText: CAPITAL_Q,
      expectedOutput: 'paris',
      pinned: true,
      tags: ['smoke'],
    });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(201);
    ({ browser, w } = await startSignedIn(h.url, EMAIL));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('adds a test case through the form, refusing an invalid pattern at its field', async () => {
    const { page } = w;
    await page.goto(`/workspace/${agent.slug}/versions`);
    const cards = page.getByRole('region', { name: 'Test cases' });
    const table = cards.getByRole('table', { name: 'Test cases' });
    await table.locator('tbody tr').filter({ hasText: CAPITAL_Q }).getByText('pinned', { exact: true }).waitFor();

    await cards.getByRole('button', { name: 'Add test case' }).click();
    const form = cards.getByRole('form', { name: 'Add test case' });
    await form.getByLabel('Name').fill('order ships');
    await form.getByLabel('Question').fill(ORDER_Q);
    await form.getByLabel('Match mode').selectOption('regex');
    await form.getByLabel('Expected output').fill('(?i)order (\\d{5} ships');
    await form.getByLabel('Tags').fill('smoke, orders');
    const before = w.errors.length;
    await form.getByRole('button', { name: 'Add test case' }).click();
    const expected = form.getByLabel('Expected output');
    await expect.poll(() => expected.getAttribute('aria-invalid')).toBe('true');
    const message = form.locator('#cfg-testCase-expectedOutput-error');
    expect(await message.textContent()).toMatch(/not a valid RE2 pattern/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cfg-testCase-expectedOutput');
    expectProvoked(w, before, 400);
    await shotOf('form-error', form);

    await expected.fill('(?i)order \\d{5} ships');
    await form.getByRole('button', { name: 'Add test case' }).click();
    await form.waitFor({ state: 'detached' });
    await table.getByText('order ships').waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const saved = (await api.get(`/api/agents/${agent.id}/test-cases`)).body.testCases;
    expect(saved[1]).toMatchObject({
      name: 'order ships',
      matchMode: 'regex',
      expectedOutput: '(?i)order \\d{5} ships',
      tags: ['smoke', 'orders'],
      pinned: false,
    });
  });

  it('runs the suite on v1 (it fails), then on v2 (it passes), following each live', async () => {
    const { page } = w;
    const suite = page.getByRole('region', { name: 'Run the test suite' });
    const runner = suite.getByRole('form', { name: 'Run suite' });
    const version = runner.getByLabel('Version');
    expect(await version.inputValue()).toBe('2');

    await version.selectOption('1');
    await runner.getByRole('button', { name: 'Run suite' }).click();
    const v1 = suite.getByRole('region', { name: 'Suite run of v1' });
    await v1.getByText('completed', { exact: true }).waitFor();
    await v1.getByText('2 of 2 done · 0 passed · 2 failed').waitFor();
    expect(await v1.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const v1Rows = v1.getByRole('table', { name: 'Suite results' }).locator('tbody tr');
    await expect.poll(() => v1Rows.filter({ hasText: 'failed' }).count()).toBe(2);
    await v1Rows.filter({ hasText: 'capital' }).getByText('maybe Lyon').waitFor();
    const runLink = v1Rows.first().getByRole('link', { name: 'View run' });
    expect(await runLink.getAttribute('href')).toMatch(new RegExp(`^/workspace/${agent.slug}/runs/[^/]+$`));

    await version.selectOption('2');
    await runner.getByRole('button', { name: 'Run suite' }).click();
    const v2 = suite.getByRole('region', { name: 'Suite run of v2' });
    await v2.getByText('completed', { exact: true }).waitFor();
    await v2.getByText('2 of 2 done · 2 passed · 0 failed').waitFor();
    const v2Rows = v2.getByRole('table', { name: 'Suite results' }).locator('tbody tr');
    await expect.poll(() => v2Rows.filter({ hasText: 'passed' }).count()).toBe(2);
    await v2Rows.filter({ hasText: 'order ships' }).getByText('Order 12345 ships tomorrow.').waitFor();
  });

  it('compares the two suite runs: v2 fixed both cases; swapped, the pinned case regressed', async () => {
    const { page } = w;
    const runs = page.getByRole('region', { name: 'Suite runs' });
    const history = runs.getByRole('table', { name: 'Suite runs, newest first' });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    await history.locator('tbody tr').first().getByText('2 / 2').waitFor();

    const compare = runs.getByRole('table', { name: 'Comparison of v1 and v2' });
    await expect.poll(() => compare.locator('tbody tr').filter({ hasText: 'fixed' }).count()).toBe(2);
    expect(await runs.getByLabel('Comparison summary').locator('dd').allTextContents()).toEqual([
      '2',
      '0',
      '0',
      '0',
      '0',
    ]);
    await shot('light-versions');

    // Swapped: v2 on the left, v1 on the right — both regressed, the pinned one called out.
    await history.getByRole('radio', { name: /^Compare left: v2/ }).check();
    await history.getByRole('radio', { name: /^Compare right: v1/ }).check();
    const swapped = runs.getByRole('table', { name: 'Comparison of v2 and v1' });
    await expect.poll(() => swapped.locator('tbody tr').filter({ hasText: 'regressed' }).count()).toBe(2);
    await runs.getByRole('alert').filter({ hasText: 'Pinned case regressed: capital' }).waitFor();
    await shotOf('light-compare-swapped', runs);
  });

  it('shows each scorer’s agreement with people on the Evaluations page, with the few-pairs warning', async () => {
    const runIds: string[] = [];
    for (const input of [CAPITAL_Q, ORDER_Q, CAPITAL_Q]) {
      const run = await api.post(`/api/agents/${agent.id}/runs`, { input });
      expect(run.body.status, JSON.stringify(run.body)).toBe('COMPLETED');
      runIds.push(run.body.runId ?? run.body.id);
    }
    await waitFor(async () => {
      const res = await api.get(`/api/agents/${agent.id}/evaluations`);
      const scored = new Set(res.body.evaluations.map((e: { runId: string }) => e.runId));
      expect(runIds.every((id) => scored.has(id))).toBe(true);
    });
    for (const [i, runId] of runIds.entries()) {
      const res = await api.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: i === 1 ? 'down' : 'up' });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    const agreement = (await api.get(`/api/agents/${agent.id}/evaluations/agreement?threshold=0.5`)).body;
    const relevancy = agreement.scorers.find((s: { scorerId: string }) => s.scorerId === 'relevancy');
    expect(relevancy.sources.feedback).toBe(3);

    const { page } = w;
    await page.goto(`/workspace/${agent.slug}/evaluations`);
    const card = page.getByRole('region', { name: 'Agreement with people' });
    await card.getByText(agreement.method).waitFor();
    const table = card.getByRole('table', { name: 'Agreement with people' });
    const row = table.locator('tbody > tr').filter({ hasText: 'Answer Relevancy' });
    await row.getByText(`${relevancy.pairs}`, { exact: true }).first().waitFor();
    await row.getByText(`${relevancy.sources.feedback} thumbs · ${relevancy.sources.testCases} test cases`).waitFor();
    await row.getByText('too few pairs').waitFor();
    await card.getByRole('note').filter({ hasText: 'Fewer than 20 pairs: these figures mean little.' }).waitFor();
    await row.getByRole('table', { name: 'Answer Relevancy: scorer against people' }).waitFor();
  });

  it('looks right in light and dark at 1024 px, and logged no console error', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`/workspace/${agent.slug}/evaluations`);
    const card = page.getByRole('region', { name: 'Agreement with people' });
    await card.getByRole('table').first().waitFor();
    await page.waitForLoadState('networkidle');
    await shotOf('light-1024-agreement', card);
    await page.goto(`/workspace/${agent.slug}/versions`);
    await page.getByRole('table', { name: 'Comparison of v1 and v2' }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot('light-1024-versions');
    await shotOf('light-1024-cases', page.getByRole('region', { name: 'Test cases' }));
    await shotOf('light-1024-suite', page.getByRole('region', { name: 'Run the test suite' }));
    await shotOf('light-1024-runs', page.getByRole('region', { name: 'Suite runs' }));

    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    await page.reload();
    await page.getByRole('table', { name: 'Comparison of v1 and v2' }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot('dark-1024-versions');
    await shotOf('dark-1024-runs', page.getByRole('region', { name: 'Suite runs' }));
    await page.getByRole('region', { name: 'Test cases' }).getByRole('button', { name: 'Add test case' }).click();
    await page.getByLabel('Match mode').selectOption('scorer');
    await shotOf('dark-1024-form-scorer', page.getByRole('form', { name: 'Add test case' }));
    await page.goto(`/workspace/${agent.slug}/evaluations`);
    await page.getByRole('region', { name: 'Agreement with people' }).getByRole('table').first().waitFor();
    await page.waitForLoadState('networkidle');
    await shotOf('dark-1024-agreement', page.getByRole('region', { name: 'Agreement with people' }));
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'light'));
    expect(w.errors).toEqual([]);
  });
});
