// Two Trellis web processes on one database: agent definitions, prices, budget policies and API keys are cached in
// each process, and a change made through one is used by the other's next request (announced with LISTEN/NOTIFY,
// never waiting for a cache to expire); a cancel through one aborts the run executing in the other.
import { agentRun } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, startHarnessWithFakeOpenAi, startPeer } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let peer: Awaited<ReturnType<typeof startPeer>>;
let alice: Awaited<ReturnType<typeof h.signUp>>;
let key: { key: string; id: string };
let viaA: ApiClient;
let viaB: ApiClient;

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  peer = await startPeer(h);
  alice = await h.signUp();
  key = await alice.createApiKey('two processes');
  viaA = new ApiClient(h.url, { apiKey: key.key });
  viaB = peer.client(key.key);
  const res = await viaA.post('/api/agents', {
    name: 'Echo',
    slug: 'echo',
    instructions: 'version one',
    modelProvider: 'openai',
    modelName: 'gpt-4o-mini',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(async () => {
  await peer?.close();
  await h?.close();
});

/** Bounded: a change is heard within milliseconds; without the notification the caches would keep it 10 minutes. */
const heard = { timeout: 5_000, interval: 20 };

describe('changes across processes', () => {
  it('an agent changed in one process is what the other runs next', async () => {
    h.fake.reset();
    expect((await viaB.post('/api/agents/echo/runs', { input: 'one' })).body.status).toBe('COMPLETED');
    expect(JSON.stringify(h.fake.requests[0].body)).toContain('version one');
    expect((await viaA.put('/api/agents/echo', { instructions: 'version two' })).status).toBe(200);
    await vi.waitFor(async () => {
      const resolved = await viaB.post('/api/agents/resolve', { slug: 'echo' });
      expect(resolved.body.instructions).toBe('version two');
    }, heard);
    const run = await viaB.post('/api/agents/echo/runs', { input: 'two' });
    expect(JSON.stringify(h.fake.requests.at(-1)?.body)).toContain('version two');
    const version = (await viaA.get('/api/agents/echo/versions')).body.versions[0];
    expect(run.body.versionId).toBe(version.id);
  });

  it('a price override set in one process prices the other’s next run', async () => {
    h.fake.enqueue({ text: 'a', usage: { inputTokens: 1_000_000, outputTokens: 0 } });
    const before = await viaB.post('/api/agents/echo/runs', { input: 'priced' });
    expect(before.body.costUsd).toBeCloseTo(0.15, 6); // the catalog price of gpt-4o-mini input
    const put = await viaA.put('/api/prices', {
      provider: 'openai',
      modelName: 'gpt-4o-mini',
      inputPerMTokUsd: 7,
      outputPerMTokUsd: 9,
    });
    expect(put.status).toBe(200);
    await vi.waitFor(async () => {
      h.fake.enqueue({ text: 'b', usage: { inputTokens: 1_000_000, outputTokens: 0 } });
      expect((await viaB.post('/api/agents/echo/runs', { input: 'priced' })).body.costUsd).toBeCloseTo(7, 6);
    }, heard);
    expect((await viaA.delete('/api/prices?provider=openai&modelName=gpt-4o-mini')).status).toBe(200);
  });

  it('a hard budget set in one process refuses the other’s next run; removing it lets runs through again', async () => {
    expect((await viaB.post('/api/agents/echo/runs', { input: 'free' })).status).toBe(201);
    const put = await viaA.put('/api/agents/echo/budget', { monthlyLimitUsd: 0.000001, hardLimit: true });
    expect(put.status).toBe(200);
    await vi.waitFor(async () => {
      const refused = await viaB.post('/api/agents/echo/runs', { input: 'refused' });
      expect(refused.status).toBe(402);
      expect(refused.body.error.code).toBe('BUDGET_EXCEEDED');
    }, heard);
    expect((await viaA.delete('/api/agents/echo/budget')).status).toBe(200);
    await vi.waitFor(async () => {
      expect((await viaB.post('/api/agents/echo/runs', { input: 'allowed' })).status).toBe(201);
    }, heard);
  });

  it('a cancel through one process aborts the run executing in the other', async () => {
    h.fake.reset();
    h.fake.enqueue({ text: 'too late', delayMs: 30_000 });
    const pending = viaB.post('/api/agents/echo/runs', { input: 'slow' });
    const db = h.trellis.database.db;
    const runId = await vi.waitFor(
      async () => {
        const [row] = await db.select({ id: agentRun.id }).from(agentRun).where(eq(agentRun.inputText, 'slow'));
        expect(row).toBeDefined();
        return row.id;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect((await viaA.post(`/api/agents/echo/runs/${runId}/cancel`)).status).toBe(200);
    const run = await pending;
    expect(run.body).toMatchObject({ id: runId, status: 'CANCELLED', errorCode: 'RUN_CANCELLED' });
    expect(peer.trellis.runtime.inFlight.has(runId)).toBe(false);
  });

  it('an API key revoked in one process is refused by the other', async () => {
    expect((await viaB.get('/api/agents/echo')).status).toBe(200);
    const revoked = await alice.post('/api/auth/api-key/delete', { keyId: key.id });
    expect(revoked.status).toBe(200);
    await vi.waitFor(async () => {
      const res = await viaB.get('/api/agents/echo');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }, heard);
    expect((await viaA.get('/api/agents/echo')).status).toBe(401);
  });
});
