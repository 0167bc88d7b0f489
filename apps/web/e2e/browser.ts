// Browser end-to-end support: Debian's Chromium driven by playwright-core (never a downloaded browser), a page that
// records console errors and failed requests, and screenshots under test-output/screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startHarness } from '../../server/test/harness';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests run when Chromium is installed (CI installs it always). */
export const hasChromium = existsSync(chromiumPath);

const shots = resolve(import.meta.dirname, '../../../test-output/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  screenshot(name: string): Promise<void>;
}

export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: options.width ?? 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  mkdirSync(shots, { recursive: true });
  return {
    page,
    context,
    errors,
    screenshot: async (name) => {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
  };
}

/** Signs in through the form as a user the harness signed up (its fixed test password), landing on the workspace. */
export async function signInAs(w: WatchedPage, email: string, password = 'correct horse battery') {
  await w.page.goto('/sign-in');
  await w.page.getByLabel('Email').fill(email);
  await w.page.getByLabel('Password').fill(password);
  await w.page.getByRole('button', { name: 'Sign in' }).click();
  await w.page.waitForURL('**/workspace');
}

/** A browser with one watched page signed in as `email` (a user the harness signed up), on the workspace. */
export async function startSignedIn(baseURL: string, email: string): Promise<{ browser: Browser; w: WatchedPage }> {
  const browser = await launch();
  const w = await openPage(browser, baseURL);
  await signInAs(w, email);
  return { browser, w };
}

/**
 * A fresh Trellis (its environment extended by `env`) with one signed-up user who owns a demo-model agent, and a
 * browser signed in as them: what most page tests start from. `close` ends both.
 */
export async function startWithDemoAgent(
  email: string,
  agent: { name: string; instructions: string },
  env: Record<string, string> = {},
) {
  const h = await startHarness(env);
  const api = await h.signUp(email);
  const created = await api.post('/api/agents', { ...agent, modelProvider: 'demo', modelName: 'demo-1' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { browser, w } = await startSignedIn(h.url, email);
  return {
    api,
    agent: created.body as { id: string; slug: string },
    w,
    close: async () => {
      await browser.close();
      await h.close();
    },
  };
}

/** Drops the console errors a step provoked on purpose (the browser logs failed responses), checking each one. */
export function expectProvoked(w: WatchedPage, before: number, status: number) {
  const logged = w.errors.splice(before);
  expect(logged.length).toBeGreaterThan(0);
  expect(
    logged.every((e) => e.includes(String(status))),
    logged.join('\n'),
  ).toBe(true);
}

/**
 * Screenshots for looking at, written to /tmp/<prefix>-<name>.png: `shot` the whole page from the top (the sticky
 * header stays at the top of it), `shotOf` one part of the page at full resolution.
 */
export function screenshotsOf(prefix: string, page: () => Page) {
  return {
    async shot(name: string) {
      await page().evaluate(() => window.scrollTo(0, 0));
      await page().screenshot({ path: `/tmp/${prefix}-${name}.png`, fullPage: true });
    },
    shotOf: (name: string, part: Locator) => part.screenshot({ path: `/tmp/${prefix}-${name}.png` }),
  };
}
