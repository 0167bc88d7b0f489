// Email through SMTP, against a local SMTP server speaking the real protocol: the verification link that sign-in
// waits for, a password reset that signs the account out everywhere, and an invitation with its link.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, type Harness, startHarness } from './harness';

interface Received {
  to: string[];
  raw: string;
}
let smtp: SMTPServer;
const inbox: Received[] = [];
let h: Harness;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  h = await startHarness({
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Trellis <trellis@example.com>',
    REQUIRE_EMAIL_VERIFICATION: 'true',
  });
});
afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

/** The body of the latest message to `to`, quoted-printable decoded, and the first link in it. */
async function mailTo(to: string, subject: RegExp) {
  let found: Received | undefined;
  await vi.waitFor(
    () => {
      found = [...inbox].reverse().find((m) => m.to.includes(to) && subject.test(decode(m.raw)));
      expect(found).toBeDefined();
    },
    { timeout: 10_000, interval: 50 },
  );
  const text = decode((found as Received).raw);
  const link =
    /https?:\/\/\S+/.exec(
      text
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n'),
    )?.[0] ?? '';
  return { text, link };
}
const decode = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: h.url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
const password = 'correct horse battery';

async function verifiedUser(email: string) {
  expect((await post('/api/auth/sign-up/email', { email, password, name: email.split('@')[0] })).status).toBe(200);
  const { link } = await mailTo(email, /Confirm your email/);
  const verified = await fetch(link, { redirect: 'manual' });
  expect(verified.status).toBeLessThan(400);
  const signedIn = await post('/api/auth/sign-in/email', { email, password });
  expect(signedIn.status).toBe(200);
  return new ApiClient(h.url, { cookie: cookieOf(signedIn) });
}

describe('email', () => {
  it('the instance says it sends email', async () => {
    expect((await h.anonymous.get('/api/instance')).body.email).toBe('smtp');
  });

  it('sign-in waits for the emailed verification link; after it, the account works', async () => {
    const email = `verify-${Date.now()}@example.com`;
    expect((await post('/api/auth/sign-up/email', { email, password, name: 'Vera' })).status).toBe(200);
    const { text, link } = await mailTo(email, /Confirm your email/);
    expect(text).toContain('From: Trellis <trellis@example.com>');
    expect(link).toContain(`${h.url}/api/auth/verify-email?token=`);
    const early = await post('/api/auth/sign-in/email', { email, password });
    expect(early.status).toBe(403);
    expect((await fetch(link, { redirect: 'manual' })).status).toBeLessThan(400);
    const signedIn = await post('/api/auth/sign-in/email', { email, password });
    expect(signedIn.status).toBe(200);
    const client = new ApiClient(h.url, { cookie: cookieOf(signedIn) });
    expect((await client.get('/api/agents')).status).toBe(200);
  });

  it('a password reset link sets a new password once and signs the account out everywhere', async () => {
    const email = `reset-${Date.now()}@example.com`;
    const before = await verifiedUser(email);
    expect((await post('/api/auth/request-password-reset', { email, redirectTo: '/reset-password' })).status).toBe(200);
    const { link } = await mailTo(email, /Reset your Trellis password/);
    const opened = await fetch(link, { redirect: 'manual' });
    const location = opened.headers.get('location') ?? '';
    expect(location).toMatch(/\/reset-password\?token=/);
    const token = new URL(location, h.url).searchParams.get('token');
    const reset = await post('/api/auth/reset-password', { newPassword: 'a brand new password', token });
    expect(reset.status).toBe(200);
    expect((await post('/api/auth/reset-password', { newPassword: 'and once more please', token })).status).toBe(400);
    expect((await before.get('/api/agents')).status).toBe(401);
    expect((await post('/api/auth/sign-in/email', { email, password })).status).toBe(401);
    expect((await post('/api/auth/sign-in/email', { email, password: 'a brand new password' })).status).toBe(200);
    // Asking for an unknown address answers the same, and sends nothing.
    const count = inbox.length;
    expect((await post('/api/auth/request-password-reset', { email: 'nobody@example.com' })).status).toBe(200);
    expect(inbox.length).toBe(count);
  });

  it('an invitation is emailed with its link and role', async () => {
    const owner = await verifiedUser(`owner-${Date.now()}@example.com`);
    const organizationId = (await owner.get('/api/me')).body.organizationId;
    const invitee = `invitee-${Date.now()}@example.com`;
    const res = await owner.post('/api/auth/organization/invite-member', {
      email: invitee,
      role: 'viewer',
      organizationId,
    });
    expect(res.status).toBe(200);
    const { text, link } = await mailTo(invitee, /invites you to/);
    expect(text).toContain('as viewer');
    expect(link).toBe(`${h.url}/accept-invitation/${res.body.id}`);
  });
});
