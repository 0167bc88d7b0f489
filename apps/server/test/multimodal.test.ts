// Images and structured output in runs: image parts as data URLs or fetched URLs (under web-fetch's rules) reach a
// vision model as bytes, with size, type, count and model checks that refuse before anything is written; the
// structured agent and any agent or run with an output schema answer schema-valid JSON or fail with a clear error.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { agentRun, memoryMessage } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoWrites } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pngDataUrl = `data:image/png;base64,${PNG.toString('base64')}`;

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let images: Server;
let imagesUrl: string;
const imageHits: string[] = [];

beforeAll(async () => {
  images = createServer((req, res) => {
    imageHits.push(req.url ?? '');
    if (req.url === '/cat.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (req.url === '/big.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(9000, 1));
    if (req.url === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  h = await startHarnessWithFakeOpenAi({
    WEB_FETCH_ALLOWLIST: new URL(imagesUrl).host,
    IMAGE_MAX_BYTES: '8000',
  });
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => images?.close(r));
});

const db = () => h.trellis.database.db;
const imageMessage = (image: string, text = 'What is in this picture?') => [
  {
    role: 'user',
    content: [
      { type: 'text', text },
      { type: 'image', image },
    ],
  },
];

describe('image runs', () => {
  it('runs the vision agent on the demo model with a data URL and keeps only a description of the image', async () => {
    expect((await alice.put('/api/agents/vision', { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(200);
    const res = await alice.post('/api/agents/vision/runs', { input: imageMessage(pngDataUrl) });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('COMPLETED');
    expect(res.body.outputText).toContain(`1 image (image/png, ${PNG.length} bytes)`);
    expect(res.body.inputText).toBe('What is in this picture?');
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, res.body.id));
    expect(row.metadata).toMatchObject({
      input: [
        {
          role: 'user',
          content: 'What is in this picture?',
          images: [{ mediaType: 'image/png', bytes: PNG.length }],
        },
      ],
    });
    expect(JSON.stringify(row)).not.toContain(PNG.toString('base64'));
  });

  it('fetches an image URL itself and sends the bytes to a vision model (gpt-4o on the fake OpenAI)', async () => {
    expect((await alice.put('/api/agents/vision', { modelProvider: 'openai', modelName: 'gpt-4o' })).status).toBe(200);
    h.fake.reset();
    h.fake.enqueue({ text: 'A single pixel.', usage: { inputTokens: 300, outputTokens: 4 } });
    const res = await alice.post('/api/agents/vision/runs', { input: imageMessage(`${imagesUrl}/cat.png`) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'COMPLETED', outputText: 'A single pixel.', promptTokens: 300 });
    expect(res.body.costUsd).toBeGreaterThan(0);
    const sent = JSON.stringify(h.fake.requests[0].body);
    // The provider got the bytes inline (never the URL: it would fetch it outside the SSRF rules).
    expect(sent).toContain(PNG.toString('base64'));
    expect(sent).not.toContain(imagesUrl);
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, res.body.id));
    expect((row.metadata as { input: { images: unknown[] }[] }).input[0].images).toEqual([
      { url: `${imagesUrl}/cat.png`, mediaType: 'image/png', bytes: PNG.length },
    ]);
  });

  it('reruns a run whose image came by URL (fetched again)', async () => {
    h.fake.enqueue({ text: 'first' }, { text: 'again' });
    const first = await alice.post('/api/agents/vision/runs', { input: imageMessage(`${imagesUrl}/cat.png`) });
    const hits = imageHits.length;
    const rerun = await alice.post(`/api/agents/vision/runs/${first.body.id}/rerun`);
    expect(rerun.status).toBe(201);
    expect(rerun.body).toMatchObject({ status: 'COMPLETED', outputText: 'again', parentRunId: first.body.id });
    expect(imageHits.length).toBe(hits + 1);
  });

  it('refuses a rerun of a run whose image was sent inline (its bytes are not kept)', async () => {
    h.fake.enqueue({ text: 'seen' });
    const first = await alice.post('/api/agents/vision/runs', { input: imageMessage(pngDataUrl) });
    expect(first.body.status).toBe('COMPLETED');
    const rerun = await alice.post(`/api/agents/vision/runs/${first.body.id}/rerun`);
    expect(rerun.status).toBe(409);
    expect(rerun.body.error.message).toMatch(/sent inline/);
  });

  it('streams an image sent as a useChat file part', async () => {
    h.fake.enqueue({ text: 'streamed pixel' });
    const res = await fetch(`${h.url}/api/agents/vision/stream`, {
      method: 'POST',
      headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [
          {
            id: 'm1',
            role: 'user',
            parts: [
              { type: 'text', text: 'describe' },
              { type: 'file', mediaType: 'image/png', url: pngDataUrl, filename: 'p.png' },
            ],
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const deltas = (await res.text())
      .split('\n')
      .flatMap((line) => (line.startsWith('data: {') ? [JSON.parse(line.slice(6))] : []))
      .filter((chunk) => chunk.type === 'text-delta');
    expect(deltas.map((d) => d.delta).join('')).toBe('streamed pixel');
    expect(JSON.stringify(h.fake.requests.at(-1)?.body)).toContain(PNG.toString('base64'));
  });

  it.each([
    [
      'an image that is not an image',
      () => imageMessage(`data:image/png;base64,${Buffer.from('hello').toString('base64')}`),
      /not a PNG, JPEG, GIF or WebP/,
    ],
    ['a page that is not an image', () => imageMessage(`${imagesUrl}/page.html`), /Image 1 is not a PNG/],
    ['an image over IMAGE_MAX_BYTES', () => imageMessage(`${imagesUrl}/big.png`), /larger than 8000 bytes/],
    ['a missing image', () => imageMessage(`${imagesUrl}/nope.png`), /HTTP 404/],
    ['a private address', () => imageMessage('http://169.254.169.254/latest/meta-data'), /refused/],
    ['a file URL', () => imageMessage('file:///etc/passwd'), /http\(s\) URL or a data:image/],
    [
      'nine images',
      () => [{ role: 'user', content: Array.from({ length: 9 }, () => ({ type: 'image', image: pngDataUrl })) }],
      /at most 8 images/,
    ],
    [
      'an image in an assistant message',
      () => [{ role: 'assistant', content: [{ type: 'image', image: pngDataUrl }] }, ...imageMessage(pngDataUrl)],
      /only user messages may carry images/,
    ],
  ])('refuses %s with a 400 and writes nothing', async (_name, input, message) => {
    const res = await expectNoWrites(h, [alice.tenantId], () =>
      alice.post('/api/agents/vision/runs', { input: input() }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses images for a model the catalog says takes none', async () => {
    expect((await alice.put('/api/agents/vision', { modelProvider: 'openai', modelName: 'o3-mini' })).status).toBe(200);
    const res = await alice.post('/api/agents/vision/runs', { input: imageMessage(pngDataUrl) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The model openai/o3-mini does not accept images; choose a vision-capable model',
    );
  });

  it("answers 404 for another tenant's agent, before fetching anything", async () => {
    const agent = (await alice.get('/api/agents/vision')).body;
    const hits = imageHits.length;
    const res = await mallory.post(`/api/agents/${agent.id}/runs`, { input: imageMessage(`${imagesUrl}/cat.png`) });
    expect(res.status).toBe(404);
    expect(imageHits.length).toBe(hits);
  });
});

const cityOnly = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer', minimum: 0 } },
  required: ['city', 'population'],
  additionalProperties: false,
};

describe('structured output', () => {
  it('answers with JSON matching the structured agent’s default schema (demo model)', async () => {
    expect((await alice.put('/api/agents/structured', { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(
      200,
    );
    const agent = (await alice.get('/api/agents/structured')).body;
    expect(agent.outputSchema.required).toEqual(['summary', 'entities']);
    const res = await alice.post('/api/agents/structured/runs', { input: 'Ada Lovelace worked in London in 1843.' });
    expect(res.body.status).toBe('COMPLETED');
    const answer = JSON.parse(res.body.outputText);
    expect(Object.keys(answer).sort()).toEqual(['entities', 'summary']);
    expect(answer.entities[0]).toMatchObject({ kind: 'person' });
  });

  it('uses the schema a run sends, and sends it to the provider as its response format', async () => {
    expect((await alice.put('/api/agents/structured', { modelProvider: 'openai', modelName: 'gpt-4o' })).status).toBe(
      200,
    );
    h.fake.reset();
    h.fake.enqueue({ text: '{"city":"Lyon","population":522000}' });
    const res = await alice.post('/api/agents/structured/runs', {
      input: 'Lyon has about 522,000 people.',
      outputSchema: cityOnly,
    });
    expect(res.body).toMatchObject({ status: 'COMPLETED', outputText: '{"city":"Lyon","population":522000}' });
    // The OpenAI provider speaks the Responses API: the schema goes as its text format.
    const body = h.fake.requests[0].body as { text?: { format?: { type: string; schema?: unknown } } };
    expect(body.text?.format?.type).toBe('json_schema');
    expect(body.text?.format?.schema).toMatchObject({ required: ['city', 'population'] });
    const [row] = await db().select().from(agentRun).where(eq(agentRun.id, res.body.id));
    expect((row.metadata as { outputSchema: unknown }).outputSchema).toEqual(cityOnly);
  });

  it('fails the run with OUTPUT_SCHEMA_MISMATCH when the answer does not match', async () => {
    h.fake.enqueue({ text: '{"city":"Lyon","population":-3}' });
    const res = await alice.post('/api/agents/structured/runs', { input: 'Lyon?', outputSchema: cityOnly });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'FAILED', errorCode: 'OUTPUT_SCHEMA_MISMATCH' });
    expect(res.body.error).toMatch(/^The answer does not match the output schema: .*population.*>= 0/);
  });

  it('fails the run when the answer is not JSON at all', async () => {
    h.fake.enqueue({ text: 'Lyon, roughly half a million' });
    const res = await alice.post('/api/agents/structured/runs', { input: 'Lyon?', outputSchema: cityOnly });
    expect(res.body.status).toBe('FAILED');
    expect(res.body.errorCode).toBe('OUTPUT_SCHEMA_MISMATCH');
  });

  it('saves an agent output schema as a new version, and refuses one that is not an object schema', async () => {
    const created = await alice.post('/api/agents', { name: 'City facts', instructions: 'Answer with the city.' });
    expect(created.status).toBe(201);
    const saved = await alice.put(`/api/agents/${created.body.id}`, { outputSchema: cityOnly });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ outputSchema: cityOnly, version: 2 });
    const versions = (await alice.get(`/api/agents/${created.body.id}/versions`)).body.versions;
    expect(versions[0].snapshot.outputSchema).toEqual(cityOnly);
    const run = await alice.post(`/api/agents/${created.body.id}/runs`, { input: 'Paris' });
    expect(JSON.parse(run.body.outputText)).toEqual({ city: 'demo city', population: 0 });

    const bad = await alice.put(`/api/agents/${created.body.id}`, { outputSchema: { type: 'array' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /outputSchema: the output schema of the agent must be a JSON Schema with type "object"/,
    );
    expect((await alice.get(`/api/agents/${created.body.id}`)).body.version).toBe(2);
    const badRun = await alice.post(`/api/agents/${created.body.id}/runs`, {
      input: 'x',
      outputSchema: { type: 'string' },
    });
    expect(badRun.status).toBe(400);
  });
});

describe('images in a chat with memory', () => {
  it('remembers the turn and answers the next one from the thread', async () => {
    expect((await alice.put('/api/agents/vision', { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(200);
    const first = await fetch(`${h.url}/api/agents/vision/chat`, {
      method: 'POST',
      headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ input: imageMessage(pngDataUrl, 'Remember this picture'), threadId: 'pic-thread' }),
    });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('image/png');
    const second = await fetch(`${h.url}/api/agents/vision/chat`, {
      method: 'POST',
      headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'And now?', threadId: 'pic-thread' }),
    });
    expect(second.status).toBe(200);
    await second.text();
    const runs = (await alice.get('/api/agents/vision/runs?limit=2')).body.runs;
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['COMPLETED', 'COMPLETED']);
    const thread = (await alice.get('/api/agents/vision/threads/pic-thread')).body;
    expect(JSON.stringify(thread)).toContain('Remember this picture');
    // The thread keeps the image with its message (memory holds what the model was sent).
    const messages = await db()
      .select()
      .from(memoryMessage)
      .where(and(eq(memoryMessage.tenantId, alice.tenantId), eq(memoryMessage.threadId, 'pic-thread')));
    const user = messages.find((m) => m.role === 'user' && JSON.stringify(m.content).includes('Remember'));
    const parts = (user?.content as { parts: { type: string; mimeType?: string }[] } | undefined)?.parts ?? [];
    expect(parts.map((p) => [p.type, p.mimeType])).toEqual([
      ['text', undefined],
      ['file', 'image/png'],
    ]);
  });
});
