// Workflows in Chromium against a fake OpenAI that answers each trip agent with its own findings: the empty page with
// the trip planner's graph, a trip whose dates run backwards refused at the field, a trip planned live (the three
// middle steps running together, then every step completed with the itinerary and budget), the link from a step to
// its run, the page in the dark theme and at 1024 px, a failed step shown on the graph, and cancelling a running
// trip. Screenshots go to test-output/screenshots and /tmp/workflows-*.png. No console error except the 400 provoked.
import type { FakeTurn } from '@trellis/testkit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarnessWithFakeOpenAi } from '../../server/test/harness';
import { expectProvoked, hasChromium, screenshotsOf, startSignedIn, type WatchedPage } from './browser';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let browser: Browser;
let w: WatchedPage;
const { shot } = screenshotsOf('workflows', () => w.page);

const EMAIL = 'tom@example.com';
/** Each trip agent is known by a phrase of its instructions (agents/definitions.ts). */
const agents: [string, string][] = [
  ['You research travel destinations', 'destination-agent'],
  ['You find accommodation', 'accommodation-agent'],
  ['You recommend activities', 'activities-agent'],
  ['You find transport', 'transport-agent'],
  ['You optimise routes', 'routing-agent'],
  ['You assemble itineraries', 'itinerary-agent'],
  ['You analyse trip budgets', 'budget-agent'],
];
const findings: Record<string, string> = {
  'destination-agent': 'Lisbon in May: 22 °C and sunny. Stay in Baixa or Alfama; trams and miradouros everywhere.',
  'accommodation-agent': 'Hotel Alfama View, €140/night, rated 4.6 — quiet, by the castle.',
  'activities-agent': 'Day 1 Alfama walk and fado; day 2 Belém tower and pastéis; day 3 Sintra.',
  'transport-agent': 'Paris–Lisbon direct flight, 2h35, €180 return each.',
  'routing-agent': 'Day 1: hotel → castle → Alfama → fado house (all on foot, 15 min between stops).',
  'itinerary-agent': 'Day 1: 10:00 castle, 13:00 lunch in Alfama, 21:00 fado. Day 2: Belém. Day 3: Sintra.',
  'budget-agent': 'Total €1,420 for two against €2,400: €980 under budget.',
};
/** What the fake does: each agent's findings, after `delayMs`, or a provider error for the agents in `fail`. */
const script = { delayMs: {} as Record<string, number>, fail: new Set<string>() };
const agentOf = (body: unknown) => {
  const text = JSON.stringify(body);
  return agents.find(([phrase]) => text.includes(phrase))?.[1] ?? 'unknown';
};
const nav = () => w.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' });

async function planTrip(destination: string, dates: [string, string]) {
  const { page } = w;
  await page.getByRole('button', { name: 'Plan a trip' }).first().click();
  const form = page.getByRole('form', { name: 'Plan a trip' });
  await form.getByLabel('Destination').fill(destination);
  await form.getByLabel('Leaving from').fill('Paris');
  await form.getByLabel('From', { exact: true }).fill(dates[0]);
  await form.getByLabel('To', { exact: true }).fill(dates[1]);
  await form.getByLabel('Budget (whole trip)').fill('2400');
  await form.getByLabel('Interests').fill('food, history');
  await form.getByRole('button', { name: 'Plan trip' }).click();
  return form;
}

describe.skipIf(!hasChromium)('workflows in Chromium', () => {
  beforeAll(async () => {
    h = await startHarnessWithFakeOpenAi(
      {},
      {
        defaultReply: (_text, request): FakeTurn => {
          const slug = agentOf(request.body);
          if (script.fail.has(slug)) return { error: { status: 400, message: 'the provider refused the request' } };
          return { text: findings[slug] ?? 'no idea', delayMs: script.delayMs[slug] ?? 0 };
        },
      },
    );
    await h.signUp(EMAIL);
    ({ browser, w } = await startSignedIn(h.url, EMAIL));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the trip planner and its graph, and refuses a trip whose dates run backwards at the field', async () => {
    const { page } = w;
    await nav().click();
    await page.waitForURL('**/workflows');
    await page.getByText('No trips planned yet').waitFor();
    await page.getByText('Trip planner', { exact: true }).waitFor();
    const graph = page.getByRole('list', { name: 'Step graph' });
    await expect.poll(() => graph.getByText('in parallel').count()).toBe(1);
    await expect.poll(() => graph.getByText(/-agent$/).count()).toBe(7);
    await w.screenshot('workflows-empty');
    await shot('empty');

    const before = w.errors.length;
    const form = await planTrip('Lisbon', ['2027-05-05', '2027-05-01']);
    await form.getByText('endDate must be after startDate').waitFor();
    await expect.poll(() => form.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot('form-error');
    expectProvoked(w, before, 400);
    await page.keyboard.press('Escape');
  });

  it('plans a trip live: the middle three run together, then every step completes with a link to its run', async () => {
    const { page } = w;
    script.delayMs = { 'accommodation-agent': 2500, 'activities-agent': 2500, 'transport-agent': 2500 };
    await planTrip('Lisbon', ['2027-05-01', '2027-05-05']);
    await page.waitForURL(/\/workflows\?workflow=trip-planner&run=[0-9a-f-]{36}/);

    const run = page.getByRole('region', { name: 'Trip to Lisbon' });
    const graph = run.getByRole('list', { name: 'Step graph' });
    for (const step of ['Accommodation', 'Activities', 'Transport'])
      await graph.getByRole('link', { name: `${step}: running` }).waitFor();
    await graph.getByRole('link', { name: 'Destination: completed' }).waitFor();
    await run.getByRole('listitem', { name: 'Destination' }).getByText('Lisbon in May: 22 °C and sunny.').waitFor();
    await w.screenshot('workflows-running');
    await shot('running');

    await graph.getByRole('link', { name: 'Budget: completed' }).waitFor({ timeout: 20_000 });
    await run.getByText('€980 under budget').first().waitFor();
    await expect.poll(() => run.getByText('7 / 7').count()).toBe(1);
    await page.getByRole('navigation', { name: 'Workflow runs' }).getByText('completed').waitFor();
    await w.screenshot('workflows');
    await shot('completed');

    const routing = run.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: 'Routing' });
    await routing.getByText('hotel → castle').waitFor();
    await routing.getByRole('link', { name: 'Run', exact: true }).click();
    await page.waitForURL(/\/workspace\/routing-agent\/runs\/[0-9a-f-]{36}$/);
    await page.getByText('hotel → castle').first().waitFor();
    script.delayMs = {};
  });

  it('looks right in the dark theme and at 1024 px, and logged no console error', async () => {
    const { page } = w;
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    await page.goto('/workflows');
    await page.getByRole('region', { name: 'Trip to Lisbon' }).getByText('€980 under budget').first().waitFor();
    await w.screenshot('workflows-dark');
    await shot('dark');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'light'));
    await page.reload();
    await page.getByRole('region', { name: 'Trip to Lisbon' }).getByText('€980 under budget').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await w.screenshot('workflows-1024');
    await shot('1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(w.errors).toEqual([]);
  });

  it('shows a failed step on the graph with its error; the siblings keep their findings', async () => {
    const { page } = w;
    script.fail = new Set(['transport-agent']);
    await planTrip('Porto', ['2027-06-01', '2027-06-03']);
    const run = page.getByRole('region', { name: 'Trip to Porto' });
    await run.getByRole('link', { name: 'Transport: failed' }).waitFor({ timeout: 20_000 });
    await run
      .getByRole('alert')
      .getByText(/Step transport \(transport-agent\) failed/)
      .waitFor();
    await run.getByRole('link', { name: 'Accommodation: completed' }).waitFor();
    await run.getByRole('link', { name: 'Budget: cancelled' }).waitFor();
    await shot('failed');
    script.fail = new Set();
    expect(w.errors).toEqual([]);
  });

  it('cancels a running trip from its page: the step stops, the run says who cancelled it', async () => {
    const { page } = w;
    script.delayMs = { 'destination-agent': 30_000 };
    await planTrip('Madrid', ['2027-07-01', '2027-07-04']);
    const run = page.getByRole('region', { name: 'Trip to Madrid' });
    await run.getByRole('link', { name: 'Destination: running' }).waitFor();
    await run.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel run' }).click();
    await run.getByRole('link', { name: 'Destination: cancelled' }).waitFor();
    await run
      .getByText(/^Cancelled by user /)
      .first()
      .waitFor();
    await expect.poll(() => run.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    // The cancelled step keeps the link to its (cancelled) run; the steps that never started are only on the graph.
    const steps = run.getByRole('list', { name: 'Steps' });
    await steps
      .getByRole('listitem', { name: 'Destination' })
      .getByRole('link', { name: 'Run', exact: true })
      .waitFor();
    expect(await steps.getByRole('listitem').count()).toBe(1);
    await shot('cancelled');
    script.delayMs = {};
    expect(w.errors).toEqual([]);
  });
});
