// Sign-in with OpenID Connect against a local provider speaking the real protocol (discovery, authorization code with
// PKCE, a signed id_token with the request's nonce): a first sign-in creates the user and their organization; the
// provider's id_token is checked; the sign-in screen learns which providers exist.
import { type FakeOidc, startFakeOidc } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Harness, startHarness } from './harness';

let oidc: FakeOidc;
let h: Harness;

beforeAll(async () => {
  oidc = await startFakeOidc({ sub: 'ada-1', email: 'ada.sso@example.com', name: 'Ada SSO' });
  h = await startHarness({
    OIDC_ISSUER_URL: oidc.issuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    OIDC_NAME: 'Example SSO',
  });
});
afterAll(async () => {
  await h?.close();
  await oidc?.close();
});

const cookiesOf = (res: Response, jar: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [name, ...value] = pair.split('=');
    jar.set(name, value.join('='));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
};

/** The browser's part: start at Trellis, follow the provider's redirect back, end with Trellis's session cookie. */
async function signInThroughProvider() {
  const jar = new Map<string, string>();
  const start = await fetch(`${h.url}/api/auth/sign-in/social`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: h.url },
    body: JSON.stringify({ provider: 'oidc', callbackURL: '/workspace' }),
  });
  expect(start.status).toBe(200);
  let cookie = cookiesOf(start, jar);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${oidc.issuer}/authorize?`)).toBe(true);
  expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
  const authorized = await fetch(url, { redirect: 'manual' });
  const callback = authorized.headers.get('location') as string;
  expect(callback.startsWith(`${h.url}/api/auth/callback/oidc?`)).toBe(true);
  const back = await fetch(callback, { redirect: 'manual', headers: { cookie } });
  cookie = cookiesOf(back, jar);
  return { back, client: new ApiClient(h.url, { cookie }) };
}

describe('OpenID Connect sign-in', () => {
  it('the sign-in screen learns the provider', async () => {
    const instance = (await h.anonymous.get('/api/instance')).body;
    expect(instance.signInProviders).toEqual([{ id: 'oidc', name: 'Example SSO' }]);
  });

  it('a first sign-in creates the user and their organization; a second signs the same user in', async () => {
    const { back, client } = await signInThroughProvider();
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/workspace');
    const me = (await client.get('/api/me')).body;
    expect(me).toMatchObject({ kind: 'user', role: 'owner', user: { email: 'ada.sso@example.com', name: 'Ada SSO' } });
    expect((await client.get('/api/agents')).body.agents.length).toBeGreaterThan(0);

    const again = await signInThroughProvider();
    const meAgain = (await again.client.get('/api/me')).body;
    expect(meAgain.user.id).toBe(me.user.id);
    expect(meAgain.organizationId).toBe(me.organizationId);
    expect(oidc.refused).toEqual([]);
  });

  it('a callback with a forged code signs nobody in', async () => {
    const start = await fetch(`${h.url}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: h.url },
      body: JSON.stringify({ provider: 'oidc', callbackURL: '/workspace' }),
    });
    const jar = new Map<string, string>();
    const cookie = cookiesOf(start, jar);
    const state = new URL(((await start.json()) as { url: string }).url).searchParams.get('state');
    const forged = await fetch(`${h.url}/api/auth/callback/oidc?code=forged&state=${state}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(forged.headers.getSetCookie().some((c) => c.includes('session_token=') && !c.includes('Max-Age=0'))).toBe(
      false,
    );
    expect(forged.headers.get('location')).toMatch(/error/);
    expect(oidc.refused).toContain('unknown or used code');
  });
});
