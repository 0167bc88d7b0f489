// MCP servers as tool sources: an organization adds real MCP servers (the npm `server-everything` over stdio and
// Streamable HTTP, and a probe server built on the MCP SDK), checks them, and its agents call their tools as
// `<server>_<tool>` inside recorded runs — each call recorded with the server's id. Credentials stay encrypted and
// are never returned; private URLs need an admin's allowance; the tool list is cached for a minute; a server that is
// down, crashes or times out costs the run that tool only, and its health says why.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { agentToolCall, auditLog, mcpServer } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoWrites } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

const require = createRequire(import.meta.url);
const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
const probe = fileURLToPath(new URL('./fixtures/mcp-probe-server.mjs', import.meta.url));

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let httpServer: ChildProcess;
let httpPort: number;
let sseServer: ChildProcess;
let ssePort: number;
let now = Date.now();

async function freePort(): Promise<number> {
  const probeServer = createServer();
  await new Promise<void>((r) => probeServer.listen(0, '127.0.0.1', r));
  const { port } = probeServer.address() as { port: number };
  await new Promise((r) => probeServer.close(r));
  return port;
}

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/mcp`, { method: 'GET' }).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

beforeAll(async () => {
  httpPort = await freePort();
  httpServer = spawn(process.execPath, [everything, 'streamableHttp'], {
    env: { ...process.env, PORT: String(httpPort) },
    stdio: 'ignore',
  });
  ssePort = await freePort();
  sseServer = spawn(process.execPath, [everything, 'sse'], {
    env: { ...process.env, PORT: String(ssePort) },
    stdio: 'ignore',
  });
  h = await startHarnessWithFakeOpenAi({ MCP_STDIO_COMMANDS: process.execPath });
  // The tool-list cache's clock, moved by the tests.
  h.trellis.runtime.mcp.now = () => now;
  alice = await h.signUp();
  mallory = await h.signUp();
  await waitForPort(httpPort);
  await waitForPort(ssePort);
});
afterAll(async () => {
  await h?.close();
  httpServer?.kill();
  sseServer?.kill();
});

const db = () => h.trellis.database.db;
const stdioServer = (name: string, script: string, extra: Record<string, unknown> = {}) => ({
  name,
  transport: 'stdio',
  command: process.execPath,
  args: script === everything ? [script, 'stdio'] : [script],
  ...extra,
});
const textOf = (output: unknown) => JSON.stringify(output);

describe('adding servers', () => {
  it('stores a stdio server with its environment encrypted, never returned, and audited without it', async () => {
    const res = await alice.post(
      '/api/mcp-servers',
      stdioServer('probe', probe, { env: { PROBE_TOKEN: 'tok-123-secret' }, description: 'Test probe' }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'probe', transport: 'stdio', envNames: ['PROBE_TOKEN'], status: null });
    expect(JSON.stringify(res.body)).not.toContain('tok-123-secret');
    const [row] = await db().select().from(mcpServer).where(eq(mcpServer.id, res.body.id));
    expect(row.envEncrypted).toBeTruthy();
    expect(row.envEncrypted).not.toContain('tok-123-secret');
    const list = await alice.get('/api/mcp-servers');
    expect(list.body.servers.map((s: { name: string }) => s.name)).toEqual(['probe']);
    expect(list.body.catalog.map((c: { name: string }) => c.name)).toEqual([
      'playwright',
      'firecrawl',
      'hubspot',
      'jira',
      'justcall',
      'atlas',
    ]);
    expect(list.body.catalog.every((c: { configured: boolean }) => !c.configured)).toBe(true);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, alice.tenantId), eq(auditLog.action, 'mcpServer.create')));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).not.toContain('tok-123-secret');
  });

  it.each([
    [{ name: 'bad_name', transport: 'http', url: 'https://example.com/mcp' }, 'name'],
    [{ name: 'hubspot', transport: 'http', url: 'https://example.com/mcp' }, 'name'],
    [{ name: 'x1', transport: 'stdio', url: 'https://example.com/mcp', command: 'node' }, 'url'],
    [{ name: 'x2', transport: 'http' }, 'url'],
    [{ name: 'x3', transport: 'http', url: 'ftp://example.com/mcp' }, 'url'],
    [{ name: 'x4', transport: 'stdio', command: '/bin/sh', args: ['-c', 'id'] }, 'command'],
    [{ name: 'x5', transport: 'http', url: 'http://169.254.169.254/mcp' }, 'url'],
    [{ name: 'x6', transport: 'http', url: 'https://example.com/mcp', timeoutMs: 10 }, 'timeoutMs'],
  ])('refuses %j with a 400 at the field, writing nothing', async (body, field) => {
    const res = await expectNoWrites(h, [alice.tenantId], () => alice.post('/api/mcp-servers', body));
    expect(res.status).toBe(400);
    const fields = [
      res.body.error.details?.field,
      ...(res.body.error.details?.issues ?? []).map((i: { path: string }) => i.path),
    ];
    expect(fields).toContain(field);
  });

  it('answers a taken name with 409', async () => {
    const res = await alice.post('/api/mcp-servers', stdioServer('probe', probe));
    expect(res.status).toBe(409);
  });
});

describe('checking and listing', () => {
  it('connects to the stdio server, lists its tools and records its health', async () => {
    const res = await alice.post('/api/mcp-servers/probe/test');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.tools.map((t: { name: string }) => t.name)).toEqual([
      'probe_crash',
      'probe_echo',
      'probe_listed',
      'probe_sleep',
    ]);
    const echo = res.body.tools.find((t: { name: string }) => t.name === 'probe_echo');
    expect(echo.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } });
    const server = (await alice.get('/api/mcp-servers/probe')).body;
    expect(server).toMatchObject({ status: 'ok', lastError: null, toolCount: 4 });
    expect(server.lastCheckedAt).toBeTruthy();
  });

  it('connects to server-everything over stdio', async () => {
    expect((await alice.post('/api/mcp-servers', stdioServer('everything', everything))).status).toBe(201);
    const res = await alice.post('/api/mcp-servers/everything/test');
    expect(res.body.ok).toBe(true);
    expect(res.body.tools.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['everything_echo', 'everything_get-sum']),
    );
  });

  it('refuses a private URL unless an admin allows private addresses, then connects over Streamable HTTP', async () => {
    const url = `http://127.0.0.1:${httpPort}/mcp`;
    const refused = await alice.post('/api/mcp-servers', { name: 'remote', transport: 'http', url });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/127\.0\.0\.1 is not a public address/);
    const added = await alice.post('/api/mcp-servers', {
      name: 'remote',
      transport: 'http',
      url,
      headers: { authorization: 'Bearer remote-secret' },
      allowPrivateNetwork: true,
    });
    expect(added.status).toBe(201);
    expect(added.body.headerNames).toEqual(['authorization']);
    expect(JSON.stringify(added.body)).not.toContain('remote-secret');
    const res = await alice.post('/api/mcp-servers/remote/test');
    expect(res.body.ok, JSON.stringify(res.body)).toBe(true);
    expect(res.body.tools.map((t: { name: string }) => t.name)).toContain('remote_get-sum');
  });

  it('connects to a server over the older HTTP+SSE transport', async () => {
    const added = await alice.post('/api/mcp-servers', {
      name: 'legacy',
      transport: 'sse',
      url: `http://127.0.0.1:${ssePort}/sse`,
      allowPrivateNetwork: true,
    });
    expect(added.status).toBe(201);
    const res = await alice.post('/api/mcp-servers/legacy/test');
    expect(res.body.ok, JSON.stringify(res.body)).toBe(true);
    expect(res.body.tools.map((t: { name: string }) => t.name)).toContain('legacy_echo');
    expect((await alice.delete('/api/mcp-servers/legacy')).status).toBe(200);
  });

  it('a server whose name resolves to a private address is refused at connection time', async () => {
    const added = await alice.post('/api/mcp-servers', {
      name: 'sneaky',
      transport: 'http',
      url: `http://localhost:${httpPort}/mcp`,
    });
    expect(added.status).toBe(201);
    const res = await alice.post('/api/mcp-servers/sneaky/test');
    expect(res.body.ok).toBe(false);
    expect(res.body.error).toMatch(/non-public address|fetch failed/);
    expect((await alice.get('/api/mcp-servers/sneaky')).body).toMatchObject({ status: 'error' });
  });

  it('a server that cannot start is reported, not fatal', async () => {
    const added = await alice.post('/api/mcp-servers', {
      name: 'broken',
      transport: 'stdio',
      command: process.execPath,
      args: ['-e', 'process.exit(2)'],
    });
    expect(added.status).toBe(201);
    const res = await alice.post('/api/mcp-servers/broken/test');
    expect(res.body).toMatchObject({ ok: false });
    expect(res.body.error).toMatch(/Connection closed/);
    const tools = await alice.get('/api/mcp-servers/broken/tools');
    expect(tools.status).toBe(502);
    expect(tools.body.error.code).toBe('MCP_UNAVAILABLE');
  });
});

describe('agents using MCP tools', () => {
  let agentId: string;

  it('refuses tools of servers the organization does not have', async () => {
    for (const tools of [['nosuch_tool'], ['probe_'], ['mystery']]) {
      const res = await alice.post('/api/agents', { name: 'Bad tools', instructions: 'x', tools });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Unknown tool/);
    }
  });

  it('calls an MCP tool inside a run, recorded with the server id, its secret environment reaching the server', async () => {
    const created = await alice.post('/api/agents', {
      name: 'Tool user',
      instructions: 'Use the tools.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['probe_echo', 'probe_sleep', 'probe_crash', 'everything_get-sum', 'calculator'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    agentId = created.body.id;
    h.fake.reset();
    h.fake.enqueue({ toolCalls: [{ name: 'probe_echo', args: { text: 'hello' } }] }, { text: 'done' });
    const run = await alice.post(`/api/agents/${agentId}/runs`, { input: 'echo hello' });
    expect(run.body.status, JSON.stringify(run.body)).toBe('COMPLETED');
    // The model was offered the MCP tools next to the built-in one.
    const offered = JSON.stringify((h.fake.requests[0].body as { tools?: unknown }).tools);
    for (const name of ['probe_echo', 'everything_get-sum', 'calculator']) expect(offered).toContain(name);
    const probeId = (await alice.get('/api/mcp-servers/probe')).body.id;
    const [call] = await db().select().from(agentToolCall).where(eq(agentToolCall.runId, run.body.id));
    expect(call).toMatchObject({ toolKey: 'probe_echo', mcpServerId: probeId, success: true });
    expect(textOf(call.outputJson)).toContain('probe says: hello (token tok-123-secret)');
  });

  it('serves the tool list from the cache for a minute, lists again after it, and at once on a check', async () => {
    // The probe process counts the tool lists it answered; its `listed` tool tells.
    const listed = async () => {
      const tools = await h.trellis.runtime.mcp.tools(await probeSpec());
      const out = await tools.probe_listed.execute?.({} as never, {} as never);
      return Number((out as { content: { text: string }[] }).content[0].text);
    };
    const first = await listed();
    expect((await alice.get('/api/mcp-servers/probe/tools')).body.tools).toHaveLength(4);
    h.fake.enqueue({ toolCalls: [{ name: 'probe_echo', args: { text: 'x' } }] }, { text: 'ok' });
    expect((await alice.post(`/api/agents/${agentId}/runs`, { input: 'again' })).body.status).toBe('COMPLETED');
    expect(await listed()).toBe(first);
    now += 61_000;
    expect(await listed()).toBe(first + 1);
    expect((await alice.post('/api/mcp-servers/probe/test')).body.ok).toBe(true);
    expect(await listed()).toBe(first + 2);
  });

  it('a crashed server fails that call only: the run completes and the next use reconnects', async () => {
    h.fake.enqueue({ toolCalls: [{ name: 'probe_crash', args: {} }] }, { text: 'carried on' });
    const run = await alice.post(`/api/agents/${agentId}/runs`, { input: 'crash it' });
    expect(run.body.status).toBe('COMPLETED');
    expect(run.body.outputText).toBe('carried on');
    const [call] = await db().select().from(agentToolCall).where(eq(agentToolCall.runId, run.body.id));
    expect(call).toMatchObject({ toolKey: 'probe_crash', success: false });
    expect(call.error).toMatch(/MCP server 'probe' failed/);
    await new Promise((r) => setTimeout(r, 100));
    expect((await alice.get('/api/mcp-servers/probe')).body.status).toBe('error');
    h.fake.enqueue({ toolCalls: [{ name: 'probe_echo', args: { text: 'back' } }] }, { text: 'ok' });
    const next = await alice.post(`/api/agents/${agentId}/runs`, { input: 'again' });
    const [again] = await db().select().from(agentToolCall).where(eq(agentToolCall.runId, next.body.id));
    expect(again).toMatchObject({ toolKey: 'probe_echo', success: true });
  });

  it('a call that takes longer than the server timeout fails that call only', async () => {
    expect((await alice.put('/api/mcp-servers/probe', { timeoutMs: 1000 })).status).toBe(200);
    h.fake.enqueue({ toolCalls: [{ name: 'probe_sleep', args: { ms: 3000 } }] }, { text: 'moved on' });
    const run = await alice.post(`/api/agents/${agentId}/runs`, { input: 'sleep' });
    expect(run.body).toMatchObject({ status: 'COMPLETED', outputText: 'moved on' });
    const [call] = await db().select().from(agentToolCall).where(eq(agentToolCall.runId, run.body.id));
    expect(call).toMatchObject({ toolKey: 'probe_sleep', success: false });
    expect(call.error).toBe("MCP server 'probe' failed: no answer within 1000 ms");
  });

  it('a disabled server’s tools are left out of the run, which says so', async () => {
    expect((await alice.put('/api/mcp-servers/everything', { enabled: false })).status).toBe(200);
    h.fake.enqueue({ text: 'no sums today' });
    const run = await alice.post(`/api/agents/${agentId}/runs`, { input: 'sum 2 and 3' });
    expect(run.body.status).toBe('COMPLETED');
    expect(run.body.metadata.mcpUnavailable).toEqual([
      { tool: 'everything_get-sum', reason: "MCP server 'everything': no such enabled server" },
    ]);
    const offered = JSON.stringify((h.fake.requests.at(-1)?.body as { tools?: unknown } | undefined)?.tools);
    expect(offered).not.toContain('everything_get-sum');
    expect(offered).toContain('probe_echo');
  });
});

describe('another organization', () => {
  it('cannot see, change, check or remove the servers (404), nor use their tools', async () => {
    const id = (await alice.get('/api/mcp-servers/probe')).body.id;
    expect((await mallory.get('/api/mcp-servers')).body.servers).toEqual([]);
    expect((await mallory.get(`/api/mcp-servers/${id}`)).status).toBe(404);
    expect((await mallory.put(`/api/mcp-servers/${id}`, { enabled: false })).status).toBe(404);
    expect((await mallory.post(`/api/mcp-servers/${id}/test`)).status).toBe(404);
    expect((await mallory.get(`/api/mcp-servers/${id}/tools`)).status).toBe(404);
    expect((await mallory.delete(`/api/mcp-servers/${id}`)).status).toBe(404);
    const res = await mallory.post('/api/agents', { name: 'Thief', instructions: 'x', tools: ['probe_echo'] });
    expect(res.status).toBe(400);
  });

  it('deleting a server leaves agents that list its tools running without them', async () => {
    expect((await alice.delete('/api/mcp-servers/broken')).body).toMatchObject({ name: 'broken', deleted: true });
    expect((await alice.get('/api/mcp-servers/broken')).status).toBe(404);
  });
});

async function probeSpec() {
  const { serverSpecsOf } = await import('@trellis/core');
  const ctx = {
    db: h.trellis.database.db,
    tenantId: alice.tenantId,
    actor: { type: 'system' as const, id: 'test' },
    clock: () => new Date(),
    runtime: h.trellis.runtime,
  };
  const { tenantDb } = await import('@trellis/db');
  const specs = await serverSpecsOf({ ...ctx, db: tenantDb(h.trellis.database.db, alice.tenantId) });
  const spec = specs.find((s) => s.name === 'probe');
  if (!spec) throw new Error('no probe spec');
  return spec;
}
