// Trellis as an MCP server: the MCP SDK's own client over Streamable HTTP at /api/mcp with an API key lists the
// organization's active agents as tools and calls them — each call a recorded run — and sees nothing of another
// organization; a key without the run scope, or none, is refused.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { agentRun } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startHarness } from './harness';

let h: Awaited<ReturnType<typeof startHarness>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
const clients: Client[] = [];

async function connect(apiKey: string) {
  const client = new Client({ name: 'trellis-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${h.url}/api/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await h?.close();
});

describe('/api/mcp', () => {
  it('lists the active agents as tools and runs one per call, recorded as a run', async () => {
    await alice.post('/api/agents', { name: 'Private helper', instructions: 'x', description: 'Helps in private' });
    await alice.post('/api/agents', { name: 'Retired', instructions: 'x', isActive: false });
    const client = await connect((await alice.createApiKey()).key);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['assistant', 'private-helper', 'destination-agent']));
    expect(names).not.toContain('retired');
    const helper = tools.find((t) => t.name === 'private-helper');
    expect(helper?.description).toContain('Helps in private');
    expect(helper?.inputSchema).toMatchObject({ type: 'object', required: ['input'] });

    const result = await client.callTool({ name: 'assistant', arguments: { input: 'What is 12*7+1?' } });
    expect(result.isError).toBeFalsy();
    const text = (result.content as { type: string; text: string }[])[0].text;
    expect(text).toContain('85');
    const runId = (result._meta as Record<string, string>)['trellis/runId'];
    const [run] = await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, runId));
    expect(run).toMatchObject({ status: 'COMPLETED', agentSlug: 'assistant', tenantId: alice.tenantId });
    expect(run.metadata).toMatchObject({ via: 'mcp' });
  });

  it('answers bad arguments and unknown tools as MCP errors, writing no run', async () => {
    const client = await connect((await alice.createApiKey()).key);
    const runs = async () =>
      (await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.tenantId, alice.tenantId))).length;
    const before = await runs();
    const bad = await client.callTool({ name: 'assistant', arguments: { input: '' } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/Invalid arguments for tool assistant: input: Too small/);
    const unknown = await client.callTool({ name: 'no-such-agent', arguments: { input: 'hi' } }).catch((e) => e);
    expect(unknown).toBeInstanceOf(Error);
    expect(unknown.message).toMatch(/Tool no-such-agent not found/);
    expect(await runs()).toBe(before);
  });

  it('a failed run is an error result naming why', async () => {
    await alice.put('/api/agents/private-helper', { instructions: 'x', modelProvider: 'openai', modelName: 'gpt-4o' });
    const client = await connect((await alice.createApiKey()).key);
    const result = await client.callTool({ name: 'private-helper', arguments: { input: 'hello' } });
    // No OpenAI key on this server: the run is recorded FAILED and the result says why.
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("MODEL_NOT_CONFIGURED: Provider 'openai' is not configured");
    const runId = (result._meta as Record<string, string>)['trellis/runId'];
    const [run] = await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, runId));
    expect(run.status).toBe('FAILED');
  });

  it('offers each knowledge base as a search tool answering passages with citations', async () => {
    const kb = await alice.post('/api/knowledge-bases', { name: 'Policies' });
    expect(kb.status).toBe(201);
    const doc = await alice.post(`/api/knowledge-bases/${kb.body.id}/documents`, {
      title: 'Refunds',
      content: 'Customers may return any item within 30 days for a full refund.',
    });
    for (let i = 0; i < 200; i++) {
      if ((await alice.get(`/api/knowledge-bases/${kb.body.id}/documents/${doc.body.id}`)).body.status === 'READY')
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const client = await connect((await alice.createApiKey()).key);
    const tool = (await client.listTools()).tools.find((t) => t.name === 'knowledge_policies');
    expect(tool?.description).toContain('Policies');
    const result = await client.callTool({
      name: 'knowledge_policies',
      arguments: { query: 'return an item for a refund' },
    });
    expect(result.isError).toBeFalsy();
    expect((result.content as { text: string }[])[0].text).toMatch(/^\[1\] Refunds, part 1\nCustomers may return/);
    expect((result.structuredContent as { hits: unknown[] }).hits).toHaveLength(1);
  });

  it("another organization's key sees only its own agents", async () => {
    await mallory.post('/api/agents', { name: 'Mallory tool', instructions: 'x' });
    const client = await connect((await mallory.createApiKey()).key);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('mallory-tool');
    expect(names).not.toContain('private-helper');
    expect(names).not.toContain('knowledge_policies');
    const call = await client.callTool({ name: 'private-helper', arguments: { input: 'hi' } }).catch((e) => e);
    expect(call).toBeInstanceOf(Error);
    expect(call.message).toMatch(/Tool private-helper not found/);
  });

  it('refuses a missing key (401) and a key without the run scope (403)', async () => {
    const anonymous = await fetch(`${h.url}/api/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(anonymous.status).toBe(401);
    const created = await alice.post('/api/auth/api-key/create', {
      name: 'reader',
      organizationId: alice.tenantId,
      metadata: { scopes: ['read'] },
    });
    const refused = await connect(created.body.key).catch((e) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(String(refused.message)).toMatch(/403|run scope/);
  });
});
