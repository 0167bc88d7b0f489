// The workspace in a real browser: first visit leads to sign-up, the seeded agents appear, an agent is created from
// the dialog, API keys are created once-visible and revoked, organizations switch — and no page logs an error.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../server/test/harness';
import { hasChromium, launch, openPage, type WatchedPage } from './browser';

let h: Harness;
let browser: Browser;
let w: WatchedPage;

describe.skipIf(!hasChromium)('workspace in Chromium', () => {
  beforeAll(async () => {
    h = await startHarness();
    browser = await launch();
    w = await openPage(browser, h.url);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a first visit on an empty install leads to sign-up, which opens the seeded workspace', async () => {
    const { page } = w;
    await page.goto('/');
    await page.waitForURL('**/sign-up**');
    await w.screenshot('sign-up');
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/workspace');
    const cards = page.getByRole('list', { name: 'Agents' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(12);
    await expect.poll(() => page.getByText('demo (offline)').count()).toBe(12);
    await w.screenshot('workspace');
  });

  it('searches and filters the grid through the URL', async () => {
    const { page } = w;
    await page.getByLabel('Search agents').fill('transport');
    await page.waitForURL(/q=transport/);
    await expect.poll(() => page.getByRole('list', { name: 'Agents' }).getByRole('listitem').count()).toBe(1);
    await page.getByLabel('Search agents').fill('');
    await page.getByLabel('Filter by type').selectOption('SYSTEM');
    await expect.poll(() => page.getByRole('list', { name: 'Agents' }).getByRole('listitem').count()).toBe(5);
    await page.goto('/workspace?q=zzz-nothing');
    await page.getByText('No agent matches these filters').waitFor();
  });

  it('creates an agent from the dialog, with the API validation shown at the field', async () => {
    const { page } = w;
    await page.goto('/workspace');
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an agent' });
    await dialog.getByLabel('Name').fill('Assistant');
    await dialog.getByLabel('Instructions').fill('Add things up.');
    const before = w.errors.length;
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    // The seeded assistant has the slug "assistant": the server's 409 message shows in the dialog (and the browser
    // logs the 409 response, expected here and only here).
    await dialog.getByText(/already exists/).waitFor();
    expect(w.errors.splice(before).every((e) => e.includes('409'))).toBe(true);
    await dialog.getByLabel('Name').fill('Math Helper');
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    await page.waitForURL('**/workspace/math-helper/configure');
    const agent = await h.trellis.database.db.query.agent.findFirst({
      where: (a, { eq }) => eq(a.slug, 'math-helper'),
    });
    expect(agent).toMatchObject({
      name: 'Math Helper',
      instructions: 'Add things up.',
      modelProvider: 'demo',
      version: 1,
    });
  });

  it('shows the agent header, navigation and overview; an unknown agent is a not-found page', async () => {
    const { page } = w;
    await page.goto('/workspace/assistant');
    await page.waitForURL(/\/workspace\/assistant\/overview/, { waitUntil: 'commit' }).catch((e) => {
      throw new Error(`at ${page.url()}: ${e}`);
    });
    await page.getByRole('heading', { name: 'Assistant', level: 1 }).waitFor();
    await page.getByText('Latest runs').waitFor();
    await w.screenshot('overview');
    const before = w.errors.length;
    await page.goto('/workspace/no-such-agent/overview');
    await page.getByRole('heading', { name: 'This agent does not exist' }).waitFor();
    // The browser logs the API's 404 for the missing agent: expected here, and only here.
    const logged = w.errors.splice(before);
    expect(logged.every((e) => e.includes('404'))).toBe(true);
    await page.goto('/nowhere');
    await page.getByRole('heading', { name: 'This page does not exist' }).waitFor();
  });

  it('every agent page has arrived: Learning and Evaluations render, and none says it is not available yet', async () => {
    const { page } = w;
    await page.goto('/workspace/assistant/learning');
    await page.getByRole('heading', { name: 'Learning', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Sessions', exact: true }).waitFor();
    await w.screenshot('learning');
    await page.goto('/workspace/assistant/evaluations');
    await page.getByRole('heading', { name: 'Evaluations', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Feedback', exact: true }).waitFor();
    expect(await page.getByText('is not available yet').count()).toBe(0);
  });

  it('creates an API key shown once, which then works against the API, and revokes it', async () => {
    const { page } = w;
    await page.goto('/settings');
    await page.getByLabel('New key name').fill('ci pipeline');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent()) ?? '';
    expect(key).toMatch(/^trl_/);
    const res = await fetch(`${h.url}/api/agents/math-helper`, { headers: { 'x-api-key': key } });
    expect(res.status).toBe(200);
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByRole('cell', { name: 'ci pipeline', exact: true }).waitFor();
    await w.screenshot('settings');
    await page.getByRole('button', { name: 'Revoke ci pipeline' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('No API keys yet').waitFor();
    expect((await fetch(`${h.url}/api/agents/math-helper`, { headers: { 'x-api-key': key } })).status).toBe(401);
  });

  it('creates a second organization with its own seeded agents and switches between them', async () => {
    const { page } = w;
    await page.goto('/workspace');
    await page.getByRole('button', { name: 'Switch organization' }).click();
    await page.getByRole('menuitem', { name: 'New organization' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Acme Travel');
    await page.getByRole('dialog').getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('button', { name: 'Switch organization' }).getByText('Acme Travel').waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Agents' }).getByRole('listitem').count()).toBe(12);
    expect(await page.getByText('Math Helper').count()).toBe(0);
    await page.getByRole('button', { name: 'Switch organization' }).click();
    await page.getByRole('menuitem', { name: /Ada Lovelace/ }).click();
    await page.getByText('Math Helper').waitFor();
  });

  it('works in the dark theme and signs out', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await w.screenshot('workspace-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.getByRole('button', { name: 'Account menu' }).click();
    const before = w.errors.length;
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in**');
    await page.goto('/workspace');
    await page.waitForURL('**/sign-in**');
    // Signed out, the API answers 401 and the app goes to sign-in: the browser logs the 401s, expected only here.
    expect(w.errors.splice(before).every((e) => e.includes('401'))).toBe(true);
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/workspace');
  });

  it('logged no console error on any page', () => {
    expect(w.errors).toEqual([]);
  });
});
