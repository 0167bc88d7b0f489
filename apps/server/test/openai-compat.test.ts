// The OpenAI-compatible API driven by the official `openai` npm client, unchanged: models are the organization's
// active agents, completions and streams are recorded runs (cost, budgets, guardrails, images, structured output),
// and every error arrives as the client's own error class with OpenAI's status, type and code.
import { agentRun } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let client: OpenAI;
let malloryClient: OpenAI;

const openAiFor = (
  h: { url: string },
  apiKey: string,
  options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {},
) => new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0, ...options });

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  alice = await h.signUp();
  mallory = await h.signUp();
  client = openAiFor(h, (await alice.createApiKey()).key);
  malloryClient = openAiFor(h, (await mallory.createApiKey()).key);
  for (const slug of ['assistant', 'vision', 'structured'])
    expect((await alice.put(`/api/agents/${slug}`, { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(200);
});
afterAll(() => h?.close());

const runOf = async (id: string) => (await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, id)))[0];
const runCount = async (tenantId: string) =>
  (await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.tenantId, tenantId))).length;

describe('models', () => {
  it('lists the active agents by slug and retrieves one', async () => {
    const inactive = await alice.post('/api/agents', { name: 'Sleeping', instructions: 'x', isActive: false });
    expect(inactive.status).toBe(201);
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['assistant', 'structured', 'vision', 'destination-agent']));
    expect(ids).not.toContain('sleeping');
    const one = await client.models.retrieve('assistant');
    expect(one).toMatchObject({ id: 'assistant', object: 'model', owned_by: 'trellis' });
    await expect(client.models.retrieve('sleeping')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });
});

describe('chat completions', () => {
  it('answers a completion, its tool calls kept inside the agent, and records it as a run', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'assistant', messages: [{ role: 'user', content: 'What is 12*7+1?' }], temperature: 0.2 })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('assistant');
    expect(data.choices[0].finish_reason).toBe('stop');
    expect(data.choices[0].message.content).toContain('85');
    expect(data.choices[0].message.tool_calls).toBeUndefined();
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.total_tokens).toBe((data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0));
    const runId = response.headers.get('x-trellis-run-id') ?? '';
    expect(data.id).toBe(`chatcmpl-${runId}`);
    expect(response.headers.get('x-trellis-ignored-params')).toBe('temperature');
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'COMPLETED', agentSlug: 'assistant', tenantId: alice.tenantId });
    expect(run.metadata).toMatchObject({ via: 'openai' });
    expect(run.promptTokens).toBe(data.usage?.prompt_tokens);
  });

  it('costs a run on a priced model and passes the whole conversation (system, developer, assistant turns)', async () => {
    const agent = await alice.post('/api/agents', {
      name: 'Priced',
      instructions: 'Be brief.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
    });
    h.fake.reset();
    h.fake.enqueue({ text: 'Paris.', usage: { inputTokens: 1000, outputTokens: 10 } });
    const { data, response } = await client.chat.completions
      .create({
        model: agent.body.slug,
        messages: [
          { role: 'developer', content: 'Answer in one word.' },
          { role: 'user', content: 'Capital of Spain?' },
          { role: 'assistant', content: 'Madrid.' },
          { role: 'user', content: 'And of France?' },
        ],
      })
      .withResponse();
    expect(data.choices[0].message.content).toBe('Paris.');
    expect(data.usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 10, total_tokens: 1010 });
    const sent = JSON.stringify(h.fake.requests[0].body);
    for (const text of ['Answer in one word.', 'Capital of Spain?', 'Madrid.', 'And of France?'])
      expect(sent).toContain(text);
    const run = await runOf(response.headers.get('x-trellis-run-id') ?? '');
    // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens.
    expect(run.costUsd).toBeCloseTo(1000 * 0.15e-6 + 10 * 0.6e-6, 10);
  });

  it('streams chunks with a final usage chunk, and records the run', async () => {
    h.fake.reset();
    h.fake.enqueue({ text: 'one two three', usage: { inputTokens: 12, outputTokens: 3 } });
    const agent = (await alice.get('/api/agents/priced')).body;
    const stream = await client.chat.completions.create({
      model: agent.slug,
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish?.choices[0].finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    const runId = chunks[0].id.replace(/^chatcmpl-/, '');
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'COMPLETED', outputText: 'one two three', promptTokens: 12 });
  });

  it('sends an image_url part to the vision agent', async () => {
    const res = await client.chat.completions.create({
      model: 'vision',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: PNG_DATA_URL } },
          ],
        },
      ],
    });
    expect(res.choices[0].message.content).toContain('1 image (image/png, 70 bytes)');
  });

  it('answers schema-valid JSON for a json_schema response format', async () => {
    const res = await client.chat.completions.create({
      model: 'structured',
      messages: [{ role: 'user', content: 'Lyon has 522,000 people.' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'city',
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, population: { type: 'integer' } },
            required: ['city', 'population'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(JSON.parse(res.choices[0].message.content ?? '')).toEqual({ city: 'demo city', population: 1 });
  });
});

describe('errors in OpenAI’s shape', () => {
  it('404 model_not_found for an unknown model, and for another organization’s agent', async () => {
    const before = await runCount(alice.tenantId);
    await expect(
      client.chat.completions.create({ model: 'no-such-agent', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      type: 'invalid_request_error',
    });
    const theirs = (await alice.get('/api/agents/assistant')).body.id;
    const err = await malloryClient.chat.completions
      .create({ model: theirs, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(await runCount(alice.tenantId)).toBe(before);
  });

  it('400 for a bad body, naming the parameter, with nothing written', async () => {
    const before = await runCount(alice.tenantId);
    const cases: [Record<string, unknown>, string][] = [
      [{ model: 'assistant', messages: [] }, 'messages'],
      [{ model: 'assistant', messages: [{ role: 'user', content: 'x' }], n: 2 }, 'n'],
      [
        {
          model: 'assistant',
          messages: [{ role: 'user', content: 'x' }],
          tools: [{ type: 'function', function: { name: 'f' } }],
        },
        'tools',
      ],
      [{ model: 'assistant', messages: [{ role: 'tool', content: 'x', tool_call_id: 'c1' }] }, 'messages.0'],
      [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
    ];
    for (const [body, param] of cases) {
      const err = await client.chat.completions.create(body as never).catch((e) => e);
      expect(err, JSON.stringify(body)).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.param).toBe(param);
      expect(err.type).toBe('invalid_request_error');
      expect(err.message).toMatch(/^400 Invalid request/);
    }
    const raw = await fetch(`${h.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
      body: '{"model": ',
    });
    expect(raw.status).toBe(400);
    expect((await raw.json()).error.type).toBe('invalid_request_error');
    expect(await runCount(alice.tenantId)).toBe(before);
  });

  it('401 for a bad key, 403 for a key without the run scope', async () => {
    await expect(
      openAiFor(h, 'trl_not-a-key').chat.completions.create({
        model: 'assistant',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const created = await alice.post('/api/auth/api-key/create', {
      name: 'reader',
      organizationId: alice.tenantId,
      metadata: { scopes: ['read'] },
    });
    const reader = openAiFor(h, created.body.key);
    expect((await reader.models.retrieve('assistant')).id).toBe('assistant');
    const err = await reader.chat.completions
      .create({ model: 'assistant', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.message).toMatch(/needs the run scope/);
  });

  it('429 insufficient_quota over a hard budget, not retried by the client', async () => {
    const bob = await h.signUp();
    let calls = 0;
    const bobClient = openAiFor(h, (await bob.createApiKey()).key, {
      maxRetries: 2,
      fetch: (url, init) => {
        calls++;
        return fetch(url, init);
      },
    });
    const agent = await bob.post('/api/agents', {
      name: 'Spender',
      instructions: 'x',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
    });
    await bob.put('/api/budget', { monthlyLimitUsd: 0.0000001, hardLimit: true });
    const before = h.fake.requests.length;
    const err = await bobClient.chat.completions
      .create({ model: agent.body.slug, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err).toMatchObject({ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' });
    expect(err.message).toMatch(/budget/i);
    expect(h.fake.requests.length).toBe(before);
    // Not retried: the server said so (x-should-retry: false), though the client may retry twice.
    expect(calls).toBe(1);
    const refusals = await h.trellis.database.db
      .select()
      .from(agentRun)
      .where(and(eq(agentRun.tenantId, bob.tenantId), eq(agentRun.agentId, agent.body.id)));
    expect(refusals.length).toBeLessThanOrEqual(1);
  });

  it('a guardrail that refuses the input is a 400 content_filter; one that withholds the answer ends content_filter', async () => {
    const agent = await alice.post('/api/agents', { name: 'Guarded', instructions: 'x' });
    const policy = await alice.put(`/api/agents/${agent.body.id}/guardrails`, {
      configJson: { input: { pii: 'block' }, output: { secrets: 'block' } },
    });
    expect(policy.status).toBe(200);
    const refused = await client.chat.completions
      .create({ model: agent.body.slug, messages: [{ role: 'user', content: 'mail jane.doe@example.com' }] })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.code).toBe('content_filter');
    expect(refused.message).toContain('input.pii');

    // The demo model repeats the input, so a key in the question comes back in the answer.
    const withheld = await client.chat.completions.create({
      model: agent.body.slug,
      messages: [{ role: 'user', content: 'echo sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD' }],
    });
    expect(withheld.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { content: null } });
    expect(withheld.choices[0].message.refusal).toContain('output.secrets');
  });

  it('a provider failure mid-stream reaches the client as an APIError', async () => {
    h.fake.reset();
    h.fake.enqueue({ error: { status: 500, message: 'upstream exploded' } });
    const agent = (await alice.get('/api/agents/priced')).body;
    const stream = await client.chat.completions.create({
      model: agent.slug,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const err = await (async () => {
      for await (const _ of stream) {
      }
    })().catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.message).toMatch(/upstream exploded|failed/);
  });

  it('answers unknown /v1 paths in the same shape', async () => {
    const res = await fetch(`${h.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'unknown_url' });
  });
});
