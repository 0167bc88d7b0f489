// The whole loop in Chromium: create an agent, give it a tool, chat with it and see the streamed reply and the tool
// call, find the run and open its trace, edit the instructions, compare versions and roll back. Every page it passes
// through is screenshotted, and none may log a console error.
import { agent, agentVersion } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../server/test/harness';
import { hasChromium, launch, openPage, type WatchedPage } from './browser';

let h: Harness;
let browser: Browser;
let w: WatchedPage;

const agentRow = async () => (await h.trellis.database.db.select().from(agent).where(eq(agent.slug, 'math-helper')))[0];

describe.skipIf(!hasChromium)('an agent from creation to rollback, in Chromium', () => {
  beforeAll(async () => {
    h = await startHarness();
    browser = await launch();
    w = await openPage(browser, h.url);
    const { page } = w;
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/workspace');
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('creates an agent and gives it the calculator on the configure page (version 2)', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an agent' });
    await dialog.getByLabel('Name').fill('Math Helper');
    await dialog.getByLabel('Instructions').fill('You answer arithmetic questions.');
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    await page.waitForURL('**/workspace/math-helper/configure');
    await page.locator('#tool-calculator').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 2').waitFor();
    await w.screenshot('configure');
    const row = await agentRow();
    expect(row.version).toBe(2);
  });

  it('chats: the reply streams in with the calculator call inline and its tokens', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Test' }).click();
    await page.waitForURL(/\/workspace\/math-helper\/test/);
    await page.getByLabel('Message').fill('What is 12*7?');
    await page.keyboard.press('Enter');
    const conversation = page.getByLabel('Conversation');
    await conversation.getByText('calculator returned 84').waitFor();
    await conversation.getByText('calculator', { exact: true }).waitFor();
    await conversation
      .getByText(/tokens/)
      .first()
      .waitFor();
    await conversation.getByText('demo (offline)').first().waitFor();
    await w.screenshot('test-chat');
  });

  it('finds the run in the runs list and opens its trace', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.waitForURL(/\/workspace\/math-helper\/runs/);
    // The runs page loads on demand: click inside it (the test page's thread list links the same words).
    const runsPage = page.getByRole('region', { name: 'Runs', exact: true });
    await runsPage.getByRole('link', { name: 'What is 12*7?' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const steps = page.getByRole('list', { name: 'Trace steps' }).getByRole('listitem');
    await expect.poll(() => steps.count()).toBe(3);
    await steps.nth(1).getByText('calculator').waitFor();
    await steps.nth(1).getByRole('button').click();
    await page.getByText('"expression"').first().waitFor();
    await w.screenshot('run-detail');
  });

  it('edits the instructions (version 3), compares versions 2 and 3, and rolls back to 2 (version 4)', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Configure' }).click();
    await page.waitForURL(/\/configure$/);
    await page
      .getByRole('textbox', { name: 'Instructions', exact: true })
      .fill('You answer arithmetic questions, showing your working.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 3').waitFor();
    await page.getByRole('link', { name: 'Versions' }).click();
    await page.waitForURL(/\/versions/);
    await page.getByRole('table', { name: 'Version history' }).waitFor();
    await page.getByText('showing your working').first().waitFor();
    await page.getByText('You answer arithmetic questions.').first().waitFor();
    await w.screenshot('versions-diff');
    await page.getByRole('table', { name: 'Version history' }).getByRole('button', { name: 'Roll back to v2' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Roll back to v2' }).click();
    await page.getByText('Rolled back: now version 4').waitFor();
    const row = await agentRow();
    expect(row).toMatchObject({ version: 4, instructions: 'You answer arithmetic questions.' });
    const [v4] = await h.trellis.database.db
      .select()
      .from(agentVersion)
      .where(and(eq(agentVersion.agentId, row.id), eq(agentVersion.version, 4)));
    expect(v4.description).toBe('Rolled back to version 2');
    await w.screenshot('versions-rolled-back');

    // The agent's own audit log: the rollback, the edit and the creation, each by you.
    await page.getByRole('link', { name: 'Audit log of this agent' }).click();
    await page.waitForURL(/\/audit\?entityType=agent&entityId=/);
    const log = page.getByRole('list', { name: 'Audit log' });
    await log.getByRole('listitem', { name: 'agent.rollback by you' }).waitFor();
    await log.getByRole('listitem', { name: 'agent.create by you' }).waitFor();
    const entries = await log.locator(':scope > li').count();
    expect(entries).toBeGreaterThanOrEqual(4);
    await page.goBack();
  });

  it('every agent page and the workspace load without console errors, in both themes', async () => {
    const { page } = w;
    const pages = [
      'overview',
      'configure',
      'test',
      'runs',
      'versions',
      'analytics',
      'traces',
      'evaluations',
      'costs',
      'guardrails',
      'learning',
    ];
    for (const path of pages) {
      await page.goto(`/workspace/math-helper/${path}`);
      await page.getByRole('navigation', { name: 'Agent' }).waitFor();
      await page.waitForLoadState('networkidle');
      await w.screenshot(`page-${path}`);
    }
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    for (const path of ['overview', 'test', 'runs', 'versions', 'configure']) {
      await page.goto(`/workspace/math-helper/${path}`);
      await page.waitForLoadState('networkidle');
      await w.screenshot(`page-${path}-dark`);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/workspace/math-helper/runs');
    await page.waitForLoadState('networkidle');
    await w.screenshot('page-runs-1024');
    expect(w.errors).toEqual([]);
  });
});
