// Sign-up creates an organization with seeded agents; /api needs a session or an API key; tenants are isolated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const seeded = [
  'accommodation-agent',
  'activities-agent',
  'assistant',
  'budget-agent',
  'destination-agent',
  'evaluated',
  'itinerary-agent',
  'research',
  'routing-agent',
  'structured',
  'transport-agent',
  'vision',
];

describe('auth and tenancy', () => {
  it('a new user gets an organization seeded with the built-in agents on the demo model', async () => {
    const alice = await h.signUp();
    const res = await alice.get('/api/agents');
    expect(res.status).toBe(200);
    expect(res.body.agents.map((a: { slug: string }) => a.slug).sort()).toEqual(seeded);
    const assistant = res.body.agents.find((a: { slug: string }) => a.slug === 'assistant');
    expect(assistant).toMatchObject({
      type: 'SYSTEM',
      modelProvider: 'demo',
      modelName: 'demo-1',
      version: 1,
      tenantId: alice.tenantId,
    });
    expect(assistant.tools).toEqual(['calculator', 'date-time', 'generate-id', 'json-parser', 'web-fetch']);
    const transport = res.body.agents.find((a: { slug: string }) => a.slug === 'transport-agent');
    expect(transport).toMatchObject({ type: 'USER', tags: ['trip-planner'] });
    const versions = await alice.get('/api/agents/assistant/versions');
    expect(versions.body.versions).toHaveLength(1);
  });

  it('rejects /api calls without a session or key with 401 and a message', async () => {
    for (const path of ['/api/agents', '/api/models', '/api/agents/tools', '/api/agents/assistant/runs']) {
      const res = await h.anonymous.get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(res.body.error.requestId).toBeTruthy();
    }
    const bad = await h.anonymous.request('GET', '/api/agents', undefined, { 'x-api-key': 'trl_not-a-real-key' });
    expect(bad.status).toBe(401);
  });

  it('says whether the install has users yet, publicly', async () => {
    const fresh = await startHarness();
    try {
      expect((await fresh.anonymous.get('/api/instance')).body).toEqual({
        version: '0.1.0',
        hasUsers: false,
        signInProviders: [],
        email: 'log',
      });
      await fresh.signUp();
      expect((await fresh.anonymous.get('/api/instance')).body).toEqual({
        version: '0.1.0',
        hasUsers: true,
        signInProviders: [],
        email: 'log',
      });
    } finally {
      await fresh.close();
    }
  });

  it('health and docs are public', async () => {
    const health = await h.anonymous.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { ok: true } });
    expect(['pglite', 'postgres']).toContain(health.body.database.kind);
    const doc = await h.anonymous.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/agents',
        '/api/agents/{id}',
        '/api/agents/{id}/runs',
        '/api/agents/{id}/versions/{version}/rollback',
        '/api/models',
        '/api/health',
      ]),
    );
    // Every JSON success response declares its shape (no free-form objects), e.g. the overview's KPIs.
    type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[] };
    const resolve = (schema: Schema): Schema => {
      const named: Schema = schema.$ref ? doc.body.components.schemas[schema.$ref.split('/').pop() as string] : schema;
      if (!named.allOf) return named;
      const parts = named.allOf.map(resolve);
      return { properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) };
    };
    const loose: string[] = [];
    for (const [path, ops] of Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, op] of Object.entries(ops as Record<string, { responses?: Record<string, unknown> }>)) {
        for (const code of ['200', '201']) {
          const res = op.responses?.[code] as { content?: Record<string, { schema: Schema }> } | undefined;
          const schema = res?.content?.['application/json']?.schema;
          if (schema && !Object.keys(resolve(schema).properties ?? {}).length) loose.push(`${method} ${path} ${code}`);
        }
      }
    }
    expect(loose).toEqual([]);
    const overview = resolve(
      doc.body.paths['/api/agents/{id}/overview'].get.responses['200'].content['application/json'].schema,
    );
    expect(Object.keys(overview.properties ?? {})).toEqual(
      expect.arrayContaining(['successRate', 'p95DurationMs', 'costMonthToDateUsd', 'recentRuns']),
    );
    const page = await h.anonymous.get('/api/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('/api/docs/init.js');
    const init = await fetch(`${h.url}/api/docs/init.js`);
    expect(await init.text()).toContain("url: '/api/openapi.json'");
    const asset = await fetch(`${h.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
  });

  it('an organization API key authenticates programmatic calls and stops working when revoked', async () => {
    const bob = await h.signUp();
    const { key, id } = await bob.createApiKey();
    expect(key.startsWith('trl_')).toBe(true);
    const viaKey = new (bob.constructor as typeof import('./harness').ApiClient)(h.url, { apiKey: key });
    const list = await viaKey.get('/api/agents');
    expect(list.status).toBe(200);
    expect(list.body.agents.every((a: { tenantId: string }) => a.tenantId === bob.tenantId)).toBe(true);
    const bearer = await h.anonymous.request('GET', '/api/agents', undefined, { authorization: `Bearer ${key}` });
    expect(bearer.status).toBe(200);
    const created = await viaKey.post('/api/agents', { name: 'Key Made', instructions: 'hi' });
    expect(created.status).toBe(201);
    expect(created.body.ownerId).toBeNull();
    const revoked = await bob.post('/api/auth/api-key/delete', { keyId: id });
    expect(revoked.status).toBe(200);
    expect((await viaKey.get('/api/agents')).status).toBe(401);
  });

  it("one organization never sees another's agents", async () => {
    const carol = await h.signUp();
    const dave = await h.signUp();
    const mine = await carol.post('/api/agents', { name: 'Carol Private', instructions: 'secret' });
    expect(mine.status).toBe(201);
    expect((await dave.get(`/api/agents/${mine.body.id}`)).status).toBe(404);
    const daveList = await dave.get('/api/agents?q=Carol');
    expect(daveList.body.agents).toEqual([]);
    // Both have an `assistant`, each their own.
    const a = await carol.get('/api/agents/assistant');
    const b = await dave.get('/api/agents/assistant');
    expect(a.body.id).not.toBe(b.body.id);
    expect(b.body.tenantId).toBe(dave.tenantId);
  });
});
