// The forgotten-password pages in Chromium: asking for a link answers the same for any address, a reset page
// without a token says the link is unusable, and a token the server refuses shows its message on the form.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Harness, signUpAt, startHarness } from '../../server/test/harness';
import { hasChromium, launch, openPage, type WatchedPage } from './browser';

let h: Harness;
let browser: Browser;
let w: WatchedPage;

describe.skipIf(!hasChromium)('password pages in Chromium', () => {
  beforeAll(async () => {
    h = await startHarness();
    await signUpAt(h.url, 'forgetful@example.com');
    browser = await launch();
    w = await openPage(browser, h.url);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('asking for a link shows that it is on its way', async () => {
    const { page } = w;
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in page has an Email field too: fill only once the forgot-password form has replaced it (under load
    // its chunk can arrive after the click).
    await page.getByRole('button', { name: 'Send the link' }).waitFor();
    await page.getByLabel('Email').fill('forgetful@example.com');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').getByText('If an account uses that address, a link is on its way').waitFor();
    await w.screenshot('forgot-password-sent');
  });

  it('a reset page without a token, or with one the server refuses, says so', async () => {
    const { page } = w;
    await page.goto('/reset-password');
    await page.getByText('This link is invalid or has expired: ask for a new one.').waitFor();
    const before = w.errors.length;
    await page.goto('/reset-password?token=not-a-real-token');
    await page.getByLabel('New password').fill('another horse battery');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByRole('alert').getByText(/token/i).waitFor();
    await w.screenshot('reset-password-refused');
    // The browser logs the API's 400 for the refused token: expected here.
    w.errors.splice(before);
  });
});
