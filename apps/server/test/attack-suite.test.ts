// The attack suite, generated from the OpenAPI document so a new route is covered the day it is added: every route
// called with no credential, a made-up key and a revoked key (401, nothing written), by another organization with the
// first organization's real ids (a 404 or a 400, never its data, never a change), and with malformed, wrongly typed and oversized bodies and wrongly typed queries (a 4xx with a message,
// never a 5xx; a URL past Node's header limit is a 431).
import { raiseAlert, systemContext } from '@trellis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Harness, startHarness } from './harness';

let h: Harness;
let alice: ApiClient & { tenantId: string };
let bob: ApiClient & { tenantId: string };
const secretName = `Alice's private agent ${Date.now()}`;
const ids: Record<string, string> = {};

interface Operation {
  method: string;
  path: string;
  operation: string;
  hasBody: boolean;
  query: { name: string; schema?: { type?: string } }[];
}

async function operations(): Promise<Operation[]> {
  const doc = (await h.anonymous.get('/api/openapi.json')).body as {
    paths: Record<
      string,
      Record<string, { requestBody?: unknown; parameters?: { in: string; name: string; schema?: { type?: string } }[] }>
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({
        method: m.toUpperCase(),
        path,
        operation: `${m.toUpperCase()} ${path}`,
        hasBody: Boolean(op.requestBody),
        query: (op.parameters ?? []).filter((p) => p.in === 'query'),
      }))
      .filter((op) => !['/api/health', '/api/instance', '/api/me'].includes(op.path)),
  );
}

const withIds = (path: string) => path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'no-such-id');

beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  bob = await h.signUp();
  const agent = await alice.post('/api/agents', {
    name: secretName,
    instructions: 'Alice only',
    modelProvider: 'demo',
    modelName: 'demo-1',
  });
  expect(agent.status).toBe(201);
  ids.id = agent.body.id;
  ids.version = '1';
  const run = await alice.post(`/api/agents/${ids.id}/runs`, { input: 'what is 1+1' });
  expect(run.status).toBe(201);
  ids.runId = run.body.id;
  const goal = await alice.post('/api/goals', { title: 'Alice goal', input: 'x', agents: ['assistant'] });
  expect(goal.status).toBe(201);
  ids.goalId = goal.body.id;
  const destination = await alice.post('/api/alert-destinations', { kind: 'webhook', url: 'https://example.com/hook' });
  expect(destination.status).toBe(201);
  ids.destinationId = destination.body.id;
  const alert = await raiseAlert(systemContext(h.trellis.database.db, h.trellis.runtime, alice.tenantId), {
    agentId: ids.id,
    severity: 'WARNING',
    source: 'SYSTEM',
    message: 'Alice alert',
    dedupeKey: 'attack-suite',
  });
  ids.alertId = alert?.id ?? '';
  expect(ids.alertId).not.toBe('');
});
afterAll(async () => {
  await h?.close();
});

describe('no credential, or a dead one', () => {
  it('every route answers 401 with a message without a session or key, with a made-up key and with a revoked one', async () => {
    const { key, id } = await alice.createApiKey('soon revoked');
    expect((await new ApiClient(h.url, { apiKey: key }).get('/api/agents')).status).toBe(200);
    expect((await alice.post('/api/auth/api-key/delete', { keyId: id })).status).toBe(200);
    const callers = {
      anonymous: h.anonymous,
      'made-up key': new ApiClient(h.url, { apiKey: 'trl_made-up-key-that-was-never-issued' }),
      'revoked key': new ApiClient(h.url, { apiKey: key }),
    };
    const agentsBefore = (await alice.get('/api/agents')).body.agents.length;
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(40);
    for (const [who, client] of Object.entries(callers)) {
      for (const op of ops) {
        const res = await client.request(op.method, withIds(op.path), op.method === 'GET' ? undefined : {});
        const label = `${who} ${op.operation} → ${res.status}`;
        expect(res.status, label).toBe(401);
        expect(res.body.error?.code, label).toBe('UNAUTHENTICATED');
        expect(res.body.error?.message, label).toEqual(expect.any(String));
      }
    }
    expect((await alice.get('/api/agents')).body.agents.length).toBe(agentsBefore);
  });
});

describe('another organization', () => {
  it("with the first organization's real ids, every route answers 404 or 400, never its data, and changes nothing", async () => {
    const ops = await operations();
    const before = (await alice.get(`/api/agents/${ids.id}`)).body;
    let withId = 0;
    for (const op of ops.filter((o) => o.path.includes('{'))) {
      withId++;
      const res = await bob.request(op.method, withIds(op.path), op.hasBody || op.method !== 'GET' ? {} : undefined);
      const label = `${op.operation} → ${res.status}`;
      expect([400, 404], label).toContain(res.status);
      expect(JSON.stringify(res.body), label).not.toContain(secretName);
      expect(res.body.error?.message, label).toEqual(expect.any(String));
    }
    expect(withId).toBeGreaterThan(25);
    // With bodies that would be valid for Alice, the writes find nothing: 404.
    const valid: [string, string, unknown][] = [
      ['POST', `/api/agents/${ids.id}/runs`, { input: 'hi' }],
      ['POST', `/api/agents/${ids.id}/stream`, { input: 'hi' }],
      ['POST', `/api/agents/${ids.id}/chat`, { input: 'hi' }],
      ['PUT', `/api/agents/${ids.id}`, { instructions: 'Bob was here' }],
      ['PUT', `/api/agents/${ids.id}/budget`, { monthlyLimitUsd: 1 }],
      ['POST', `/api/agents/${ids.id}/versions/1/rollback`, {}],
      ['POST', `/api/agents/${ids.id}/runs/${ids.runId}/rerun`, {}],
      ['POST', `/api/goals/${ids.goalId}/cancel`, {}],
      ['POST', `/api/alerts/${ids.alertId}/resolve`, {}],
      ['DELETE', `/api/alert-destinations/${ids.destinationId}`, undefined],
      ['DELETE', `/api/agents/${ids.id}`, undefined],
    ];
    for (const [method, path, body] of valid) {
      expect((await bob.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    // Nothing of Alice's moved: her agent, run, goal, destination and alert are as they were.
    expect((await alice.get(`/api/agents/${ids.id}`)).body).toEqual(before);
    expect((await alice.get(`/api/agents/${ids.id}/runs/${ids.runId}`)).status).toBe(200);
    expect((await alice.get(`/api/goals/${ids.goalId}`)).status).toBe(200);
    expect((await alice.get('/api/alert-destinations')).body.destinations).toHaveLength(1);
    const alerts = (await alice.get('/api/alerts?status=open&source=SYSTEM')).body.alerts as { id: string }[];
    expect(alerts.map((a) => a.id)).toContain(ids.alertId);
    // Lists show Bob only his own.
    for (const op of ops.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const res = await bob.get(op.path);
      expect(JSON.stringify(res.body), op.operation).not.toContain(secretName);
      expect(JSON.stringify(res.body), op.operation).not.toContain(ids.id);
    }
  });
});

describe('bad input on every route', () => {
  const send = (op: Operation, body: string, headers: Record<string, string> = {}) =>
    alice.request(op.method, withIds(op.path), body, { 'content-type': 'application/json', ...headers });

  it('malformed JSON and wrongly typed bodies are a 4xx with a message, never a 5xx', async () => {
    for (const op of (await operations()).filter((o) => o.hasBody)) {
      for (const body of [
        '{"unterminated": ',
        '[]',
        '123',
        '"text"',
        'null',
        '{"input": {"deep": [1, {"x": null}]}}',
      ]) {
        const res = await send(op, body);
        const label = `${op.operation} ${body} → ${res.status}`;
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.status, label).toBeLessThan(500);
        expect(res.body.error?.message, label).toEqual(expect.any(String));
      }
    }
  });

  it('a body over 5 MB is a 413 on every route that takes one', async () => {
    const big = JSON.stringify({ input: 'x'.repeat(5 * 1024 * 1024 + 10) });
    for (const op of (await operations()).filter((o) => o.hasBody)) {
      const res = await send(op, big);
      expect(res.status, op.operation).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('wrongly typed and oversized query values are a 4xx or ignored, never a 5xx', async () => {
    for (const op of (await operations()).filter((o) => o.method === 'GET' && o.query.length)) {
      for (const value of ['-1', 'not-a-value', '9'.repeat(40), '%E0%A4%A', 'x'.repeat(5000)]) {
        const qs = op.query.map((q) => `${q.name}=${value}`).join('&');
        const res = await alice.get(`${withIds(op.path)}?${qs}`);
        const label = `${op.operation}?${qs.slice(0, 80)} → ${res.status}`;
        expect(res.status, label).toBeLessThan(500);
        // A URL past Node's 16 KB header limit is refused by its HTTP parser (431, no body) before any handler.
        if (res.status === 431) continue;
        if (res.status >= 400) expect(res.body.error?.message, label).toEqual(expect.any(String));
      }
    }
  });
});
