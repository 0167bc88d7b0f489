// Sessions: a user sees every session signed in as them and signs any other out; a signed-out session is refused at
// once on the API. Nobody sees or ends another user's sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Harness, signUpAt, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function signIn(email: string, userAgent: string) {
  const res = await fetch(`${h.url}/api/auth/sign-in/email`, {
    method: 'POST',
    // A client-sent address header is not believed: the server sets it from the connection.
    headers: {
      'content-type': 'application/json',
      origin: h.url,
      'user-agent': userAgent,
      'x-trellis-client-address': '203.0.113.9',
    },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return new ApiClient(h.url, { cookie });
}

describe('sessions', () => {
  it('lists the user’s sessions, revokes one (refused at once), then all others', async () => {
    const email = `sessions-${Date.now()}@example.com`;
    await signUpAt(h.url, email);
    const laptop = await signIn(email, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0');
    const phone = await signIn(email, 'Mozilla/5.0 (iPhone) Safari/605.1.15');
    const tablet = await signIn(email, 'Mozilla/5.0 (iPad) Safari/605.1.15');

    const listed = await laptop.get('/api/auth/list-sessions');
    expect(listed.status).toBe(200);
    const agents = listed.body.map((s: { userAgent: string }) => s.userAgent);
    expect(agents).toEqual(
      expect.arrayContaining([expect.stringContaining('iPhone'), expect.stringContaining('Firefox')]),
    );
    for (const s of listed.body as { ipAddress: string }[]) expect(s.ipAddress).toMatch(/127\.0\.0\.1/);
    const phoneSession = (await phone.get('/api/auth/get-session')).body.session;

    expect((await phone.get('/api/agents')).status).toBe(200);
    expect((await laptop.post('/api/auth/revoke-session', { token: phoneSession.token })).status).toBe(200);
    expect((await phone.get('/api/agents')).status).toBe(401);
    expect((await laptop.get('/api/agents')).status).toBe(200);

    expect((await laptop.post('/api/auth/revoke-other-sessions', {})).status).toBe(200);
    expect((await tablet.get('/api/agents')).status).toBe(401);
    expect((await laptop.get('/api/agents')).status).toBe(200);
    expect((await laptop.get('/api/auth/list-sessions')).body).toHaveLength(1);
  });

  it('another user can neither list nor revoke them', async () => {
    const email = `owner-${Date.now()}@example.com`;
    await signUpAt(h.url, email);
    const mine = await signIn(email, 'Mozilla/5.0 Firefox/128.0');
    const token = (await mine.get('/api/auth/get-session')).body.session.token;
    const stranger = await h.signUp();
    const theirs = (await stranger.get('/api/auth/list-sessions')).body as { token: string }[];
    expect(theirs.some((s) => s.token === token)).toBe(false);
    await stranger.post('/api/auth/revoke-session', { token });
    expect((await mine.get('/api/agents')).status).toBe(200);
  });
});
