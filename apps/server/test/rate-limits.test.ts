// Rate limits: an API key past its requests per minute, and an address past its own, get 429 RATE_LIMITED with
// Retry-After (other keys and health unaffected); failed sign-ins make an account wait, even with the right password.
// On PostgreSQL the counts are shared by the web processes: a second process refuses what the first counted.
import { rateLimitHit } from '@trellis/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, type Harness, signUpAt, startHarness, startPeer } from './harness';

describe('per API key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ RATE_LIMIT_API_KEY_PER_MINUTE: '5' });
  });
  afterAll(() => h?.close());

  it('the sixth call in a minute is a 429 with Retry-After; another key and the session go on', async () => {
    const alice = await h.signUp();
    const one = new ApiClient(h.url, { apiKey: (await alice.createApiKey('one')).key });
    const two = new ApiClient(h.url, { apiKey: (await alice.createApiKey('two')).key });
    for (let i = 0; i < 5; i++) expect((await one.get('/api/agents')).status).toBe(200);
    const limited = await one.get('/api/agents');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A refused run is not recorded.
    expect((await one.post('/api/agents/assistant/runs', { input: 'hi' })).status).toBe(429);
    expect((await two.get('/api/agents')).status).toBe(200);
    expect((await alice.get('/api/agents')).status).toBe(200);
  });
});

describe('per address', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ RATE_LIMIT_IP_PER_MINUTE: '12' });
  });
  afterAll(() => h?.close());

  it('an address past its limit is refused on every route but health until the minute ends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await h.anonymous.get('/api/agents')).status);
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
    const limited = await h.anonymous.get('/api/instance');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await h.anonymous.get('/api/health')).status).toBe(200);
  });
});

describe('failed sign-ins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ SIGN_IN_MAX_FAILURES: '3' });
  });
  afterAll(() => h?.close());

  const signIn = (email: string, password: string, origin = h.url) =>
    fetch(`${h.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-trellis-client-address': 'spoofed' },
      body: JSON.stringify({ email, password }),
    });

  it('three wrong passwords make the account wait, even with the right one; a success clears the count', async () => {
    const ada = 'ada-guard@example.com';
    const bob = 'bob-guard@example.com';
    await signUpAt(h.url, ada);
    await signUpAt(h.url, bob);
    // Two failures, then a success: the count starts again.
    for (let i = 0; i < 2; i++) expect((await signIn(bob, 'wrong password')).status).toBe(401);
    expect((await signIn(bob, 'correct horse battery')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await signIn(bob, 'wrong password')).status).toBe(401);
    expect((await signIn(bob, 'correct horse battery')).status).toBe(200);

    for (let i = 0; i < 3; i++) expect((await signIn(ada, 'wrong password')).status).toBe(401);
    const waiting = await signIn(ada, 'correct horse battery');
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await waiting.json()).code).toBe('RATE_LIMITED');
    // Another account from the same address is not held up by ada's failures.
    expect((await signIn(bob, 'correct horse battery')).status).toBe(200);
  });
});

describe.runIf(inject('testDbTemplate').kind === 'postgres')('across web processes (PostgreSQL)', () => {
  let h: Harness;
  let peer: Awaited<ReturnType<typeof startPeer>>;
  beforeAll(async () => {
    h = await startHarness({ RATE_LIMIT_API_KEY_PER_MINUTE: '6', SIGN_IN_MAX_FAILURES: '3' });
    peer = await startPeer(h);
  });
  afterAll(async () => {
    await peer?.close();
    await h?.close();
  });
  /** What the timers do every second, done now in both processes, twice, so each has seen the other's hits. */
  const exchange = async () => {
    for (let i = 0; i < 2; i++) {
      await h.trellis.rateLimitSync?.sync();
      await peer.trellis.rateLimitSync?.sync();
    }
  };

  it("one key's calls to two processes count against one limit", async () => {
    const alice = await h.signUp();
    const { key } = await alice.createApiKey('shared');
    const first = new ApiClient(h.url, { apiKey: key });
    const second = peer.client(key);
    for (let i = 0; i < 4; i++) expect((await first.get('/api/agents')).status).toBe(200);
    await exchange();
    expect((await second.get('/api/agents')).status).toBe(200);
    expect((await second.get('/api/agents')).status).toBe(200);
    const limited = await second.get('/api/agents');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    await exchange();
    expect((await first.get('/api/agents')).status).toBe(429);
    // Only hashes are stored: neither the key's id nor the address.
    const stored = await h.trellis.database.db.select().from(rateLimitHit);
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toMatch(/127\.0\.0\.1|trl_/);
  });

  it('failed sign-ins on one process make the account wait on the other', async () => {
    const email = `shared-guard-${Date.now()}@example.com`;
    await signUpAt(h.url, email);
    const signIn = (url: string, password: string) =>
      fetch(`${url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email, password }),
      });
    for (let i = 0; i < 2; i++) expect((await signIn(h.url, 'wrong password')).status).toBe(401);
    await exchange();
    expect((await signIn(peer.url, 'wrong password')).status).toBe(401);
    await exchange();
    expect((await signIn(h.url, 'correct horse battery')).status).toBe(429);
    expect((await signIn(peer.url, 'correct horse battery')).status).toBe(429);
  });
});
