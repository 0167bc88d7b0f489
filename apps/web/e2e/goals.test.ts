// Goals in Chromium against a fake OpenAI: the empty Goals page, a submission without agents refused at the field,
// a goal planned into two steps whose progress shows live (the second step running, then the result), the link to a
// step's run, the page in the dark theme and at 1024 px, and cancelling a running goal. No console error except
// the one the 400 provokes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from '../../server/test/harness';
import { hasChromium, startSignedIn, type WatchedPage } from './browser';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let api: ApiClient;
let browser: Browser;
let w: WatchedPage;

const EMAIL = 'grace@example.com';
const plan = {
  reasoning: 'Research first, then write.',
  steps: [
    { agentSlug: 'researcher', input: 'Find three facts about otters' },
    { agentSlug: 'writer', input: 'Write a haiku from the facts' },
  ],
};

describe.skipIf(!hasChromium)('goals in Chromium', () => {
  beforeAll(async () => {
    h = await startHarnessWithFakeOpenAi();
    api = await h.signUp(EMAIL);
    for (const slug of ['planner', 'researcher', 'writer']) {
      const created = await api.post('/api/agents', {
        name: slug[0].toUpperCase() + slug.slice(1),
        slug,
        instructions: `You are the ${slug}.`,
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      });
      expect(created.status).toBe(201);
    }
    ({ browser, w } = await startSignedIn(h.url, EMAIL));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the empty page, and a goal without agents is refused at the field', async () => {
    const { page } = w;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Goals' }).click();
    await page.waitForURL('**/goals');
    await page.getByText('No goals yet').waitFor();
    await w.screenshot('goals-empty');

    await page.getByRole('button', { name: 'New goal' }).click();
    const form = page.getByRole('form', { name: 'New goal' });
    await form.getByLabel('Title').fill('Otter haiku');
    await form.getByLabel('What should be achieved').fill('Write a researched haiku about otters');
    const before = w.errors.length;
    await form.getByRole('button', { name: 'Run goal' }).click();
    await form.getByText('agents must name at least one agent').waitFor();
    // The browser logs the refused request; that one error is expected here.
    expect(w.errors.splice(before).every((e) => e.includes('400'))).toBe(true);
  });

  it('runs a goal: the plan, the steps live as they run, the result, and a link to each run', async () => {
    const { page } = w;
    h.fake.reset();
    h.fake.enqueue(
      { text: JSON.stringify(plan) },
      { text: 'FACTS: otters hold hands; they use tools; they have pockets' },
      { text: 'Paws linked in the stream', delayMs: 2500 },
    );
    const form = page.getByRole('form', { name: 'New goal' });
    await form.getByLabel('Orchestrator').selectOption('planner');
    await form.getByRole('checkbox', { name: 'Researcher', exact: true }).check();
    await form.getByRole('checkbox', { name: 'Writer', exact: true }).check();
    await form.getByRole('button', { name: 'Run goal' }).click();
    await page.waitForURL(/\/goals\?goal=[0-9a-f-]{36}/);

    const detail = page.getByRole('region', { name: 'Otter haiku' });
    const second = detail.getByRole('listitem', { name: 'Step 2' });
    // While the writer's model call is pending, the page shows it running with the first step done.
    await second.getByText('running').waitFor();
    await expect.poll(() => detail.getByRole('listitem', { name: 'Step 1' }).getByText('completed').count()).toBe(1);
    await detail.getByText('Research first, then write.').waitFor();
    await w.screenshot('goals-running');
    await detail.getByText('Paws linked in the stream').first().waitFor();
    await second.getByText('completed').waitFor();
    await expect.poll(() => detail.getByText('completed').count()).toBeGreaterThanOrEqual(3);
    await w.screenshot('goals');

    await detail.getByRole('listitem', { name: 'Step 1' }).getByRole('link', { name: 'Run' }).click();
    await page.waitForURL(/\/workspace\/researcher\/runs\/[0-9a-f-]{36}$/);
    await page.getByText('otters hold hands').first().waitFor();
  });

  it('looks right in the dark theme and at 1024 px, and logged no console error', async () => {
    const { page } = w;
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    await page.goto('/goals');
    await page.getByRole('region', { name: 'Otter haiku' }).getByText('Paws linked in the stream').first().waitFor();
    await w.screenshot('goals-dark');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'light'));
    await page.reload();
    await page.getByRole('region', { name: 'Otter haiku' }).getByText('Paws linked in the stream').first().waitFor();
    await w.screenshot('goals-1024');
    expect(w.errors).toEqual([]);
  });

  it('cancels a running goal from its page: the step stops, the goal says who cancelled it', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1280, height: 800 });
    h.fake.reset();
    h.fake.enqueue(
      { text: JSON.stringify({ steps: [{ agentSlug: 'writer', input: 'Write slowly' }] }) },
      { text: 'never shown', delayMs: 30_000 },
    );
    await page.getByRole('button', { name: 'New goal' }).click();
    const form = page.getByRole('form', { name: 'New goal' });
    await form.getByLabel('Title').fill('Slow essay');
    await form.getByLabel('What should be achieved').fill('An essay, slowly');
    await form.getByRole('checkbox', { name: 'Writer', exact: true }).check();
    await form.getByRole('button', { name: 'Run goal' }).click();
    const detail = page.getByRole('region', { name: 'Slow essay' });
    await detail.getByRole('listitem', { name: 'Step 1' }).getByText('running').waitFor();

    await detail.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel goal' }).click();
    await detail.getByRole('listitem', { name: 'Step 1' }).getByText('cancelled', { exact: true }).waitFor();
    await detail
      .getByText(/^Cancelled by user /)
      .first()
      .waitFor();
    await expect.poll(() => detail.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Goals' }).getByText('cancelled', { exact: true }).waitFor();
    await w.screenshot('goals-cancelled');
    expect(w.errors).toEqual([]);
  });
});
