// Evaluations and feedback in Chromium against a fake OpenAI: an agent without scorers says so and points to
// Configure; runs of an agent with all four scorers, made through the API, are scored in the background, then the
// Evaluations page shows a tile per scorer (mean, count, direction), the daily chart, the worst runs (the bad answers
// first, linked to their runs) and the scored runs with "Load more", over a range kept in the URL. On the Test page a
// reply gets thumbs down, a 2-star rating (by keyboard) and a comment, then thumbs up — one verdict, changed, as the
// API confirms — which the run's page and the Evaluations page's feedback section show. A viewer sees no feedback
// controls. Screenshots in light and dark at 1024 px go to /tmp/evaluations-*.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, signUpAt, startHarnessWithFakeOpenAi } from '../../server/test/harness';
import { hasChromium, openPage, screenshotsOf, signInAs, startSignedIn, type WatchedPage } from './browser';

const GOOD_Q = 'What is the capital of France and how many people live there?';
const GOOD_A = 'The capital of France is Paris, where about 2.1 million people live.';
const BAD_Q = 'Explain how photosynthesis works in green plants.';
const BAD_A = 'Shut up, you damn idiot, this shit is not my problem.';
const CHAT_Q = 'Which river flows through Paris?';
const CHAT_A = 'The Seine flows through Paris, from east to west.';
const answers: Record<string, string> = { [GOOD_Q]: GOOD_A, [BAD_Q]: BAD_A, [CHAT_Q]: CHAT_A };
const COMMENT = 'Correct, but it could name the bridges too.';
const SCORERS = ['relevancy', 'completeness', 'tone', 'toxicity'];
/** 21 runs: one more than a page of the scored runs table. */
const INPUTS = [BAD_Q, BAD_Q, ...Array.from({ length: 19 }, () => GOOD_Q)];

const EMAIL = 'edith@example.com';
const VIEWER = 'vera-viewer@example.com';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let api: ApiClient & { tenantId: string };
let browser: Browser;
let w: WatchedPage;
let agent: { id: string; slug: string };
let plain: { id: string; slug: string };
let chatRunId: string;
const { shot, shotOf } = screenshotsOf('evaluations', () => w.page);

const evaluationsPath = (slug = agent.slug) => `/workspace/${slug}/evaluations`;
const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 30_000, interval: 250 });
const createAgent = async (name: string, scorers: string[]) => {
  const res = await api.post('/api/agents', {
    name,
    instructions: 'Answer briefly.',
    modelProvider: 'openai',
    modelName: 'gpt-4o-mini',
    scorers,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; slug: string };
};

describe.skipIf(!hasChromium)('evaluations and feedback in Chromium', () => {
  beforeAll(async () => {
    h = await startHarnessWithFakeOpenAi({}, { defaultReply: (text) => ({ text: answers[text] ?? 'Fine.' }) });
    api = await h.signUp(EMAIL);
    const viewer = await signUpAt(h.url, VIEWER);
    await h.trellis.auth.api.addMember({
      body: { userId: viewer.userId, organizationId: api.tenantId, role: 'viewer' },
    });
    agent = await createAgent('Scored Helper', SCORERS);
    plain = await createAgent('Plain Helper', []);
    ({ browser, w } = await startSignedIn(h.url, EMAIL));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('says plainly when an agent has no scorers, and links to Configure', async () => {
    const { page } = w;
    await page.goto(evaluationsPath(plain.slug));
    await page.getByRole('heading', { name: 'Evaluations', exact: true }).waitFor();
    const empty = page.getByText('This agent has no scorers');
    await empty.waitFor();
    const configure = empty.locator('..').getByRole('link', { name: 'Configure', exact: true });
    expect(await configure.getAttribute('href')).toBe(`/workspace/${plain.slug}/configure`);
    await page.getByText('No feedback in this range').waitFor();
  });

  it('shows a tile per scorer, the daily chart, the worst runs and the scored runs once runs are scored', async () => {
    for (const input of INPUTS) {
      const run = await api.post(`/api/agents/${agent.id}/runs`, { input });
      expect(run.body.status, JSON.stringify(run.body)).toBe('COMPLETED');
    }
    // Scoring runs in the background job queue.
    const data = await waitFor(async () => {
      const res = await api.get(`/api/agents/${agent.id}/evaluations`);
      expect(res.body.evaluations).toHaveLength(INPUTS.length);
      expect(res.body.byScorer.map((s: { count: number }) => s.count)).toEqual(SCORERS.map(() => INPUTS.length));
      return res.body;
    });

    const { page } = w;
    await page.goto(evaluationsPath());
    const tiles = page.getByRole('region', { name: 'Mean score per scorer' });
    await tiles.getByText('Answer Relevancy').waitFor();
    for (const scorer of data.scorers as { id: string; name: string; higherIsBetter: boolean }[]) {
      const mean = data.byScorer.find((s: { scorerId: string }) => s.scorerId === scorer.id).avgScore as number;
      const tile = tiles.locator('> div').filter({ hasText: scorer.name });
      await tile.getByText(mean.toFixed(2), { exact: true }).waitFor();
      await tile.getByText(`mean of ${INPUTS.length} runs`).waitFor();
      await tile.getByText(scorer.higherIsBetter ? 'higher is better' : 'lower is better').waitFor();
    }
    expect(await tiles.locator('> div').count()).toBe(4);

    // The chart: a line per scorer, toxicity's marked lower-is-better.
    const chart = page.getByRole('region', { name: 'Mean score per day' });
    await chart.locator('.recharts-surface').first().waitFor();
    await expect.poll(() => chart.locator('.recharts-line').count()).toBe(4);
    await chart.locator('figcaption').getByText('Toxicity (lower is better)', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'How runs are scored' })
      .getByText(/EVAL_SAMPLE_RATE/)
      .waitFor();

    // The worst runs: the two bad answers first, each linked to its run.
    const worst = page.getByRole('table', { name: 'Lowest-quality runs' });
    const worstRows = worst.locator('tbody tr');
    await expect.poll(() => worstRows.count()).toBe(10);
    for (const i of [0, 1]) {
      await worstRows.nth(i).getByText(BAD_A.slice(0, 20)).waitFor();
      const link = worstRows.nth(i).getByRole('link');
      expect(await link.getAttribute('href')).toBe(`/workspace/${agent.slug}/runs/${data.worst[i].runId}`);
    }
    await worstRows.nth(2).getByText('Paris, where about').waitFor();

    // The scored runs, newest first, a page of 20 and "Load more".
    const recent = page.getByRole('table', { name: 'Scored runs, newest first' });
    await expect.poll(() => recent.locator('tbody tr').count()).toBe(20);
    await page.getByRole('button', { name: 'Load more runs' }).click();
    await expect.poll(() => recent.locator('tbody tr').count()).toBe(21);
    await page.getByRole('button', { name: 'Load more runs' }).waitFor({ state: 'detached' });
    await shot('scores');

    // The range is the URL's.
    await page.getByLabel('Range').selectOption('7');
    await page.waitForURL(/days=7/);
    await tiles.getByText('Toxicity').waitFor();
    await worst.getByRole('link').first().click();
    await page.waitForURL(`**/runs/${data.worst[0].runId}`);
    await page.getByRole('heading', { name: 'Your feedback' }).waitFor();
  });

  it('takes thumbs down, a 2-star rating and a comment on a chat reply, then thumbs up: one verdict', async () => {
    const { page } = w;
    await page.goto(`/workspace/${agent.slug}/test`);
    await page.getByLabel('Message').fill(CHAT_Q);
    await page.keyboard.press('Enter');
    const conversation = page.getByLabel('Conversation');
    await conversation.getByText(CHAT_A).waitFor();
    const controls = conversation.getByRole('group', { name: 'Feedback on this answer' });
    const up = controls.getByRole('button', { name: 'Thumbs up' });
    const down = controls.getByRole('button', { name: 'Thumbs down' });
    await expect.poll(() => up.isEnabled()).toBe(true);
    expect(await up.getAttribute('aria-pressed')).toBe('false');
    expect(await down.getAttribute('aria-pressed')).toBe('false');

    // Thumbs down saves at once and opens the rating and comment; the rating is chosen with the arrow keys.
    await down.click();
    await expect.poll(() => down.getAttribute('aria-pressed')).toBe('true');
    const form = conversation.getByRole('form', { name: 'Rating and comment' });
    await form.getByRole('radio', { name: '1 star' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => form.getByRole('radio', { name: '2 stars' }).isChecked()).toBe(true);
    await form.getByLabel('Comment (optional)').fill(COMMENT);
    await shot('chat-feedback-form');
    await form.getByRole('button', { name: 'Save feedback' }).click();
    await form.waitFor({ state: 'detached' });
    await conversation.getByText(`Your comment: ${COMMENT}`).waitFor();
    await conversation.getByRole('img', { name: 'Rated 2 of 5' }).waitFor();

    const list = (await api.get(`/api/agents/${agent.id}/feedback`)).body;
    expect(list.feedback).toHaveLength(1);
    expect(list.feedback[0]).toMatchObject({ thumbs: 'down', rating: 2, comment: COMMENT });
    chatRunId = list.feedback[0].runId;
    const first = list.feedback[0].id;

    // Thumbs up changes the same verdict, keeping the rating and comment.
    await up.click();
    await expect.poll(() => up.getAttribute('aria-pressed')).toBe('true');
    expect(await down.getAttribute('aria-pressed')).toBe('false');
    await waitFor(async () => {
      const after = (await api.get(`/api/agents/${agent.id}/feedback`)).body;
      expect(after.feedback).toHaveLength(1);
      expect(after.feedback[0]).toMatchObject({ id: first, thumbs: 'up', rating: 2, comment: COMMENT });
      expect(after.totals).toMatchObject({ thumbsUp: 1, thumbsDown: 0, count: 1 });
    });
    const mine = (await api.get(`/api/agents/${agent.id}/runs/${chatRunId}/feedback`)).body;
    expect(mine.mine).toMatchObject({ id: first, thumbs: 'up' });
    expect(mine.feedback).toHaveLength(1);

    // A fresh visit reads the saved verdict, on the thread's reply and on the run's page.
    await page.reload();
    await conversation.getByText(CHAT_A).waitFor();
    await expect.poll(() => up.getAttribute('aria-pressed')).toBe('true');
    await shot('chat');
    await page.goto(`/workspace/${agent.slug}/runs/${chatRunId}`);
    await page.getByRole('heading', { name: 'Your feedback' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Thumbs up' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByText(`Your comment: ${COMMENT}`).waitFor();
  });

  it("shows the feedback in the Evaluations page's feedback section, filtered by verdict in the URL", async () => {
    const { page } = w;
    await page.goto(evaluationsPath());
    const section = page.getByRole('region', { name: 'Feedback', exact: true });
    const totals = section.getByRole('definition');
    await section.getByRole('list', { name: 'Feedback, newest first' }).waitFor();
    expect(await totals.allTextContents()).toEqual(['1', '0', '2.0 / 5', '1']);
    await section.locator('.recharts-surface').first().waitFor();
    const item = section.getByRole('listitem');
    await item.getByText(COMMENT).waitFor();
    await item.getByText('by you', { exact: false }).waitFor();
    expect(await item.getByRole('link').getAttribute('href')).toBe(`/workspace/${agent.slug}/runs/${chatRunId}`);

    await section.getByLabel('Verdict').selectOption('down');
    await page.waitForURL(/thumbs=down/);
    await section.getByText('No thumbs down in this range.').waitFor();
    await section.getByLabel('Verdict').selectOption('up');
    await item.getByText(COMMENT).waitFor();
    // The scores are still there: the chat's reply was scored too.
    await page.getByRole('region', { name: 'Mean score per scorer' }).getByText('Answer Relevancy').waitFor();
  });

  it('looks right in light and dark at 1024 px, and logged no console error', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(evaluationsPath());
    await page.getByRole('table', { name: 'Scored runs, newest first' }).waitFor();
    await page.getByRole('list', { name: 'Feedback, newest first' }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot('light-1024');
    await shotOf('light-1024-top', page.locator('section[aria-labelledby="evaluations-title"] > div').first());
    await shotOf('light-1024-scores', page.getByRole('region', { name: 'Mean score per scorer' }));
    await shotOf('light-1024-chart', page.getByRole('region', { name: 'Mean score per day' }));
    await shotOf('light-1024-notes', page.getByRole('region', { name: 'How runs are scored' }));
    await shotOf('light-1024-worst', page.getByRole('region', { name: 'Lowest-quality runs' }));
    await shotOf('light-1024-feedback', page.getByRole('region', { name: 'Feedback', exact: true }));
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    await page.reload();
    await page.getByRole('list', { name: 'Feedback, newest first' }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot('dark-1024');
    await shotOf('dark-1024-chart', page.getByRole('region', { name: 'Mean score per day' }));
    await shotOf('dark-1024-worst', page.getByRole('region', { name: 'Lowest-quality runs' }));
    await shotOf('dark-1024-feedback', page.getByRole('region', { name: 'Feedback', exact: true }));
    await page.goto(`/workspace/${agent.slug}/runs/${chatRunId}`);
    await page.getByRole('heading', { name: 'Your feedback' }).waitFor();
    await shot('run-dark-1024');
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'light'));
    expect(w.errors).toEqual([]);
  });

  it('shows a viewer the scores and feedback but no feedback controls', async () => {
    const v = await openPage(browser, h.url);
    await signInAs(v, VIEWER);
    const switched = await v.page.evaluate(async (organizationId) => {
      const res = await fetch('/api/auth/organization/set-active', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organizationId }),
      });
      return res.status;
    }, api.tenantId);
    expect(switched).toBe(200);
    const me = await v.page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.role).toBe('viewer');

    await v.page.goto(`/workspace/${agent.slug}/runs/${chatRunId}`);
    await v.page.getByText(CHAT_A).first().waitFor();
    await v.page.waitForLoadState('networkidle');
    expect(await v.page.getByRole('button', { name: /Thumbs (up|down)/ }).count()).toBe(0);
    expect(await v.page.getByRole('heading', { name: 'Your feedback' }).count()).toBe(0);

    await v.page.goto(evaluationsPath());
    await v.page.getByRole('list', { name: 'Feedback, newest first' }).getByText(COMMENT).waitFor();
    await v.page.getByRole('region', { name: 'Mean score per scorer' }).getByText('Toxicity').waitFor();
    expect(await v.page.getByRole('button', { name: /Thumbs (up|down)/ }).count()).toBe(0);

    await v.page.goto(`/workspace/${agent.slug}/test`);
    await v.page.getByText('You can read this agent’s threads but not chat with it').waitFor();
    expect(await v.page.getByRole('button', { name: /Thumbs (up|down)/ }).count()).toBe(0);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });
});
