// Secret scan: runs use a provider key, an API key, an alert destination's signing secret and secret-named request
// context fields; afterwards none of them is in clear in any API response, the server's console output (debug level),
// the webhook bodies or the database rows — the context fields are stored as [REDACTED] (observability/redact.ts),
// the destination secret only as ciphertext. Each secret is shown to be really used, so the scan cannot pass vacuously.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatWithOptions } from 'node:util';
import { REDACTED, raiseAlert, systemContext } from '@trellis/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { ApiClient, startHarnessWithFakeOpenAi } from './harness';

const hex = (bytes = 20) => randomBytes(bytes).toString('hex');
const PROVIDER_KEY = `sk-test-${hex()}`;
const DESTINATION_SECRET = `whsec-${hex()}`;
/** Request-context fields whose names redact.ts treats as credentials, each holding a distinctive value. */
const contextSecrets = {
  apiKey: `ctx-apikey-${hex()}`,
  password: `ctx-password-${hex()}`,
  authorization: `Bearer ctx-${hex()}`,
  clientSecret: `ctx-clientsecret-${hex()}`,
  refresh_token: `ctx-refresh-${hex()}`,
  'X-Api-Key': `ctx-xapikey-${hex()}`,
};
const NESTED_SECRET = `ctx-nested-access-token-${hex()}`;
/** `resource` only has userId/userName/tenantId: an unknown field there must be dropped, not kept. */
const STRIPPED_SECRET = `ctx-resource-token-${hex()}`;
const requestContext = {
  resource: { userId: 'scan-user', token: STRIPPED_SECRET },
  metadata: { plan: 'pro', ...contextSecrets, upstream: [{ headers: { access_token: NESTED_SECRET } }] },
};

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let receiver: Server;
const webhooks: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
/** Every response body and header set the tests got (the one-time API key creation answer is kept apart). */
const responses: { what: string; text: string }[] = [];
const logs: string[] = [];
const spies: MockInstance[] = [];
let apiKey: string;

function recording<T extends ApiClient>(client: T): T {
  const request = client.request.bind(client);
  client.request = (async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await request(method, path, body, headers);
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    responses.push({ what: `${method} ${path}`, text: `${JSON.stringify([...res.headers])}\n${text}` });
    return res;
  }) as typeof client.request;
  return client;
}

function captureConsole() {
  const keep =
    (stream: string) =>
    (...args: unknown[]) => {
      logs.push(`${stream}: ${formatWithOptions({ depth: Number.POSITIVE_INFINITY }, ...args)}`);
    };
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const)
    spies.push(vi.spyOn(console, method).mockImplementation(keep(`console.${method}`)));
  for (const name of ['stdout', 'stderr'] as const) {
    spies.push(
      vi.spyOn(process[name], 'write').mockImplementation(((chunk: string | Uint8Array) => {
        logs.push(`${name}: ${typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')}`);
        return true;
      }) as typeof process.stdout.write),
    );
  }
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      webhooks.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  // Captured from before the server starts, so startup lines are scanned too.
  captureConsole();
  h = await startHarnessWithFakeOpenAi({
    OPENAI_API_KEY: PROVIDER_KEY,
    LOG_LEVEL: 'debug',
    WEB_FETCH_ALLOWLIST: `127.0.0.1:${port}`,
  });
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => receiver?.close(r));
  for (const spy of spies) spy.mockRestore();
});

/** Every value that must not be readable afterwards, with the random part of each on its own. */
function forbidden(): [string, string][] {
  const named: [string, string][] = [
    ['provider key', PROVIDER_KEY],
    ['destination secret', DESTINATION_SECRET],
    ['API key', apiKey],
    ['nested access_token', NESTED_SECRET],
    ['stripped resource.token', STRIPPED_SECRET],
    ...Object.entries(contextSecrets).map(([k, v]): [string, string] => [`requestContext.metadata.${k}`, v]),
  ];
  return named.flatMap(([name, value]) => {
    const random = value.match(/[0-9a-f]{32,}/)?.[0];
    return random && random !== value
      ? [[name, value] as [string, string], [`${name} (random part)`, random]]
      : [[name, value] as [string, string]];
  });
}

function expectClean(where: string, text: string) {
  for (const [name, value] of forbidden()) {
    if (text.includes(value)) {
      const at = text.indexOf(value);
      expect.fail(`${name} in clear in ${where}: …${text.slice(Math.max(0, at - 120), at + value.length + 40)}…`);
    }
  }
}

describe('secret scan', () => {
  let alice: ApiClient & { tenantId: string; userId: string };
  let byKey: ApiClient;
  let agentId: string;
  const runIds: string[] = [];
  const threadIds: string[] = [];

  it('runs the scenario: a destination with a secret, an API key, runs with secret-named context, an alert', async () => {
    alice = recording(await h.signUp());
    const destination = await alice.post('/api/alert-destinations', {
      kind: 'webhook',
      url: `http://${h.env.WEB_FETCH_ALLOWLIST}/hook`,
      secret: DESTINATION_SECRET,
    });
    expect(destination.status).toBe(201);
    expect(destination.body.signed).toBe(true);

    // The only answer that may show the key is the one that creates it.
    const created = await alice.createApiKey('scan key');
    apiKey = created.key;
    expect(apiKey.length).toBeGreaterThan(20);
    responses.splice(
      responses.findIndex((r) => r.what === 'POST /api/auth/api-key/create'),
      1,
    );
    expect(responses.some((r) => r.text.includes(apiKey))).toBe(false);
    byKey = recording(new ApiClient(h.url, { apiKey }));

    const agent = await byKey.post('/api/agents', {
      name: 'Scanner',
      instructions: 'Help {{userName}}.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['calculator'],
      memoryEnabled: true,
      maxSteps: 3,
    });
    expect(agent.status).toBe(201);
    agentId = agent.body.id;

    // A completed run with a tool call and memory (thread), via the API key.
    h.fake.enqueue({ toolCalls: [{ name: 'calculator', args: { expression: '6*7' } }] }, { text: 'It is 42.' });
    const run = await byKey.post(`/api/agents/${agentId}/runs`, {
      input: 'what is 6*7?',
      threadId: 'scan-thread',
      requestContext,
    });
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('COMPLETED');
    expect(run.body.toolCalls).toHaveLength(1);
    runIds.push(run.body.id);
    threadIds.push('scan-thread');
    // What is stored and answered is redacted by field name at any depth; the other fields are kept.
    expect(run.body.requestContext).toEqual({
      resource: { userId: 'scan-user' },
      metadata: {
        plan: 'pro',
        ...Object.fromEntries(Object.keys(contextSecrets).map((k) => [k, REDACTED])),
        upstream: [{ headers: { access_token: REDACTED } }],
      },
    });

    // A failed run (the provider refuses), whose error paths and logs are scanned too.
    h.fake.enqueue({ error: { status: 401, message: 'Incorrect API key provided' } });
    const failed = await byKey.post(`/api/agents/${agentId}/runs`, { input: 'fail please', requestContext });
    expect(failed.status).toBe(201);
    expect(failed.body.status).toBe('FAILED');
    runIds.push(failed.body.id);

    // A chat turn (streamed, with memory) with the same context, as the signed-in user.
    h.fake.enqueue({ text: 'Chat reply.' });
    const chat = await alice.request('POST', `/api/agents/${agentId}/chat`, { input: 'hello chat', requestContext });
    expect(chat.status).toBe(200);
    const chatRunId = chat.headers.get('x-trellis-run-id') as string;
    threadIds.push(chat.headers.get('x-trellis-thread-id') as string);
    runIds.push(chatRunId);
    await vi.waitFor(
      async () => expect((await alice.get(`/api/agents/${agentId}/runs/${chatRunId}`)).body.status).toBe('COMPLETED'),
      { timeout: 10_000, interval: 100 },
    );

    // A rerun of the first run (it replays the stored, redacted context).
    h.fake.enqueue({ text: 'Again 42.' });
    const rerun = await byKey.post(`/api/agents/${agentId}/runs/${runIds[0]}/rerun`);
    expect(rerun.status).toBeLessThan(300);
    if (rerun.body?.id) runIds.push(rerun.body.id);

    // An alert, delivered signed to the destination.
    await raiseAlert(systemContext(h.trellis.database.db, h.trellis.runtime, alice.tenantId), {
      agentId,
      severity: 'WARNING',
      source: 'SYSTEM',
      message: 'secret scan alert',
      dedupeKey: `scan:${Date.now()}`,
    });

    // Each secret was really used: the provider got the key, the webhook was signed with the secret, the key ran.
    expect(h.fake.requests.some((r) => r.headers.authorization === `Bearer ${PROVIDER_KEY}`)).toBe(true);
    expect(webhooks).toHaveLength(1);
    const [, t, v1] = String(webhooks[0].headers['x-trellis-signature']).match(/^t=(\d+),v1=([0-9a-f]{64})$/) ?? [];
    expect(v1).toBe(createHmac('sha256', DESTINATION_SECRET).update(`${t}.${webhooks[0].body}`).digest('hex'));
    expect((await byKey.get(`/api/agents/${agentId}/runs/${runIds[0]}`)).status).toBe(200);
  });

  it('finds no secret in any API response, including every GET route of the OpenAPI document', async () => {
    await alice.get('/api/alerts?status=all');
    await alice.get('/api/audit-logs?limit=200');
    for (const runId of runIds) {
      await alice.get(`/api/agents/${agentId}/runs/${runId}`);
      await alice.get(`/api/agents/${agentId}/runs/${runId}/trace`);
    }
    const doc = (await h.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const agentGets = Object.entries(doc.paths)
      .filter(([path, methods]) => methods.get && path.startsWith('/api/agents/{id}'))
      .map(([path]) => path);
    expect(agentGets).toEqual(
      expect.arrayContaining(['/api/agents/{id}', '/api/agents/{id}/runs/{runId}/trace', '/api/agents/{id}/threads']),
    );
    // The organization-wide GET routes (agents, alerts and destinations, audit, budget, goals, …) as well.
    const plainGets = Object.entries(doc.paths)
      .filter(([path, methods]) => methods.get && !path.includes('{'))
      .map(([path]) => path);
    expect(plainGets).toEqual(expect.arrayContaining(['/api/agents', '/api/alert-destinations', '/api/audit-logs']));
    for (const path of plainGets) expect((await alice.get(path)).status, path).toBeLessThan(500);
    let called = 0;
    for (const path of agentGets) {
      const fills: Record<string, string[]> = { id: [agentId], runId: runIds, threadId: threadIds, version: ['1'] };
      let urls = [path];
      for (const [param, values] of Object.entries(fills))
        urls = urls.flatMap((u) => (u.includes(`{${param}}`) ? values.map((v) => u.replace(`{${param}}`, v)) : [u]));
      for (const url of urls.filter((u) => !u.includes('{'))) {
        const res = await byKey.get(url);
        expect(res.status, url).toBeLessThan(500);
        called++;
      }
    }
    expect(called).toBeGreaterThanOrEqual(agentGets.length);
    // The scan is not vacuous: the recorded answers hold the redacted context and the run's trace.
    const all = responses.map((r) => r.text).join('\n');
    expect(all).toContain(REDACTED);
    expect(all).toContain('It is 42.');
    for (const r of responses) expectClean(`the response to ${r.what}`, r.text);
  });

  it('finds no secret in the webhook deliveries or the console output (LOG_LEVEL=debug)', () => {
    for (const w of webhooks) expectClean('a webhook delivery', `${JSON.stringify(w.headers)}\n${w.body}`);
    expectClean('the console output', logs.join('\n'));
  });

  it('finds no secret in the database rows; the destination secret is stored only as ciphertext', async () => {
    const db = h.trellis.database.db;
    const tables = [
      'agent_run',
      'agent_trace',
      'agent_trace_step',
      'agent_tool_call',
      'audit_log',
      'alert_destination',
      'agent_alert',
      'memory_message',
      'apikey',
    ];
    /** Every row of a table as JSON text (the same statement on PGlite and PostgreSQL). */
    const dump = async (table: string) => {
      const res = (await db.execute(sql.raw(`select row_to_json(t)::text as j from ${table} t`))) as unknown as {
        rows: { j: string }[];
      };
      return res.rows.map((r) => r.j);
    };
    const dumps: Record<string, string> = {};
    for (const table of tables) dumps[table] = (await dump(`"${table}"`)).join('\n');
    // The rows are really there (row-level security does not hide them from this connection).
    for (const runId of runIds) expect(dumps.agent_run).toContain(runId);
    expect(dumps.agent_run).toContain(REDACTED);
    expect(dumps.memory_message).toContain('hello chat');
    expect(dumps.agent_tool_call).toContain('calculator');
    expect(dumps.audit_log).toContain('alertDestination.create');
    expect(dumps.alert_destination).toMatch(/"secret_encrypted":"v2\./);
    expect(dumps.apikey).toContain(alice.tenantId);
    for (const [table, text] of Object.entries(dumps)) expectClean(`table ${table}`, text);
    // pg-boss's jobs (payloads are ids) live in the same database.
    const jobs = await dump('pgboss.job');
    expect(jobs.length).toBeGreaterThan(0);
    expectClean('table pgboss.job', jobs.join('\n'));
  });
});
