// The AgentResolver over HTTP (SPEC §5): database first (active rows only), fallback to the code-defined agents,
// instruction interpolation from the RequestContext with the caller's real tenant; and the tool and scorer catalogs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectNotFound, expectNoWrites, type User } from './agent-helpers';
import { type Harness, startHarness } from './harness';

let h: Harness;
let alice: User;
let mallory: User;
beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(() => h?.close());

const assistantTools = ['calculator', 'date-time', 'generate-id', 'json-parser', 'web-fetch'];
const assistantTemplate =
  'You are a helpful, concise assistant talking to {{userName}} (user {{userId}}). Use the calculator for arithmetic, date-time for the current date or time, and web-fetch to read a public URL the user gives you. Say when you are unsure.';

describe('POST /api/agents/resolve', () => {
  it('finds an active database agent by slug or id, with its tools, memory and scorers', async () => {
    const row = (await alice.get('/api/agents/assistant')).body;
    const bySlug = await expectNoWrites(h, [alice.tenantId], () =>
      alice.post('/api/agents/resolve', {
        slug: 'assistant',
        requestContext: { resource: { userId: 'u-1', userName: 'Ada' } },
      }),
    );
    expect(bySlug.status).toBe(200);
    expect(bySlug.body.source).toBe('database');
    expect(bySlug.body.agent).toMatchObject({
      id: row.id,
      tenantId: alice.tenantId,
      slug: 'assistant',
      type: 'SYSTEM',
    });
    expect(bySlug.body.tools).toEqual(assistantTools);
    expect(bySlug.body.memory).toEqual({ lastMessages: 10, semanticRecall: false, workingMemory: { enabled: false } });
    expect(bySlug.body.scorers).toEqual({});
    expect(bySlug.body.instructions).toBe(
      assistantTemplate.replace('{{userName}}', 'Ada').replace('{{userId}}', 'u-1'),
    );
    const byId = await alice.post('/api/agents/resolve', { id: row.id });
    expect(byId.body).toMatchObject({ source: 'database', agent: { id: row.id }, tools: assistantTools });

    const evaluated = await alice.post('/api/agents/resolve', { slug: 'evaluated' });
    expect(Object.keys(evaluated.body.scorers).sort()).toEqual(['completeness', 'relevancy', 'tone', 'toxicity']);
    expect(evaluated.body.scorers.toxicity).toEqual({
      scorer: expect.objectContaining({ id: 'toxicity', name: 'Toxicity', higherIsBetter: false }),
      sampling: { type: 'ratio', rate: 1 },
    });
    expect(evaluated.body.memory).toBeNull();

    const custom = await alice.post('/api/agents', {
      name: 'Memory Agent',
      instructions: 'Remember.',
      memoryEnabled: true,
      memoryConfig: { semanticRecall: { topK: 2 }, workingMemory: { enabled: true, template: '# Notes' } },
      scorers: ['tone'],
    });
    const resolved = await alice.post('/api/agents/resolve', { slug: 'memory-agent' });
    expect(resolved.body).toMatchObject({
      source: 'database',
      agent: { id: custom.body.id },
      instructions: 'Remember.',
      tools: [],
      memory: {
        lastMessages: 10,
        semanticRecall: { topK: 2, messageRange: 100 },
        workingMemory: { enabled: true, template: '# Notes' },
      },
    });
    expect(Object.keys(resolved.body.scorers)).toEqual(['tone']);
  });

  it('falls back to the code-defined agent when the row of that slug is inactive, unless told not to', async () => {
    expect((await alice.put('/api/agents/assistant', { isActive: false })).status).toBe(200);
    try {
      const res = await alice.post('/api/agents/resolve', {
        slug: 'assistant',
        requestContext: { resource: { userName: 'Ada', userId: 'u-7' } },
      });
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('fallback');
      expect(res.body.agent).toMatchObject({
        id: 'system:assistant',
        tenantId: alice.tenantId,
        slug: 'assistant',
        name: 'Assistant',
        type: 'SYSTEM',
        isActive: true,
        modelProvider: 'demo',
        modelName: 'demo-1',
      });
      expect([...res.body.tools].sort()).toEqual(assistantTools);
      expect(res.body.instructions).toBe(assistantTemplate.replace('{{userName}}', 'Ada').replace('{{userId}}', 'u-7'));
      expectNotFound(
        await alice.post('/api/agents/resolve', { slug: 'assistant', fallbackToSystem: false }),
        'assistant',
      );
      // Mallory's own assistant is untouched and still resolves from the database.
      const theirs = await mallory.post('/api/agents/resolve', { slug: 'assistant' });
      expect(theirs.body.source).toBe('database');
      expect(theirs.body.agent.tenantId).toBe(mallory.tenantId);
    } finally {
      await alice.put('/api/agents/assistant', { isActive: true });
    }
    expect((await alice.post('/api/agents/resolve', { slug: 'assistant' })).body.source).toBe('database');
  });

  it('answers 404 for an inactive agent with no code-defined twin, an unknown slug, or another tenant', async () => {
    const inactive = await alice.post('/api/agents', { name: 'Sleeper', instructions: 'zzz', isActive: false });
    expectNotFound(await alice.post('/api/agents/resolve', { slug: 'sleeper' }), 'sleeper');
    expectNotFound(await alice.post('/api/agents/resolve', { id: inactive.body.id }), inactive.body.id);
    await alice.put('/api/agents/sleeper', { isActive: true });
    expect((await alice.post('/api/agents/resolve', { slug: 'sleeper' })).body).toMatchObject({
      source: 'database',
      agent: { id: inactive.body.id },
    });
    expectNotFound(await alice.post('/api/agents/resolve', { slug: 'no-such-agent' }), 'no-such-agent');
    expectNotFound(await mallory.post('/api/agents/resolve', { slug: 'sleeper' }), 'sleeper');
    expectNotFound(await mallory.post('/api/agents/resolve', { id: inactive.body.id }), inactive.body.id);
    const aliceAssistant = (await alice.get('/api/agents/assistant')).body.id;
    expectNotFound(
      await mallory.post('/api/agents/resolve', { id: aliceAssistant, fallbackToSystem: false }),
      aliceAssistant,
    );
  });

  it("interpolates the template from the RequestContext, always with the caller's tenant", async () => {
    await alice.post('/api/agents', {
      name: 'Greeter',
      instructions: 'Plain greeting',
      instructionsTemplate:
        'Hi {{userName}} ({{userId}}) of {{resource.tenantId}} in {{thread.id}}; plan {{metadata.plan}}; keep {{unknown.thing}}',
    });
    const res = await alice.post('/api/agents/resolve', {
      slug: 'greeter',
      requestContext: {
        resource: { userId: 'u-42', userName: 'Grace', tenantId: mallory.tenantId },
        thread: { id: 't-9', sessionId: 's-1' },
        metadata: { plan: 'pro' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.instructions).toBe(`Hi Grace (u-42) of ${alice.tenantId} in t-9; plan pro; keep {{unknown.thing}}`);
    expect(res.body.agent.instructions).toBe('Plain greeting');
    expect(res.body.agent.tenantId).toBe(alice.tenantId);

    const bare = await alice.post('/api/agents/resolve', { slug: 'greeter' });
    expect(bare.body.instructions).toBe(
      `Hi {{userName}} ({{userId}}) of ${alice.tenantId} in {{thread.id}}; plan {{metadata.plan}}; keep {{unknown.thing}}`,
    );
    const nonScalar = await alice.post('/api/agents/resolve', {
      slug: 'greeter',
      requestContext: { metadata: { plan: { tier: 'pro' } }, resource: { userName: 'Lin' } },
    });
    expect(nonScalar.body.instructions).toBe(
      `Hi Lin ({{userId}}) of ${alice.tenantId} in {{thread.id}}; plan {{metadata.plan}}; keep {{unknown.thing}}`,
    );
    // Without a template the plain instructions are used as they are.
    const plain = await alice.post('/api/agents', { name: 'Plain', instructions: 'No {{placeholders}} filled' });
    expect(plain.status).toBe(201);
    expect((await alice.post('/api/agents/resolve', { slug: 'plain' })).body.instructions).toBe(
      'No {{placeholders}} filled',
    );
  });

  it('rejects a body without slug or id, unknown fields and wrong types with 400', async () => {
    expectInvalid(await alice.post('/api/agents/resolve', {}), 'slug');
    expectInvalid(await alice.post('/api/agents/resolve', { requestContext: { metadata: {} } }), 'slug');
    expectInvalid(await alice.post('/api/agents/resolve', { slug: '' }), 'slug');
    expectInvalid(await alice.post('/api/agents/resolve', { slug: 'assistant', agent: 'x' }), 'agent');
    expectInvalid(
      await alice.post('/api/agents/resolve', { slug: 'assistant', fallbackToSystem: 'no' }),
      'fallbackToSystem',
    );
    expectInvalid(
      await alice.post('/api/agents/resolve', { slug: 'assistant', requestContext: { resource: { userId: 7 } } }),
      'requestContext.resource.userId',
    );
    const malformed = await alice.request('POST', '/api/agents/resolve', '{"slug":', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/agents/tools and /api/agents/scorers', () => {
  it('lists the eleven tools with JSON Schema inputs; the travel tools use sample data', async () => {
    const res = await alice.get('/api/agents/tools');
    expect(res.status).toBe(200);
    const tools = res.body.tools as Array<{
      id: string;
      description: string;
      sampleData: boolean;
      inputSchema: Record<string, unknown>;
    }>;
    expect(tools.map((t) => t.id).sort()).toEqual(
      [
        'calculator',
        'date-time',
        'flight-search',
        'generate-id',
        'hotel-search',
        'json-parser',
        'knowledge-search',
        'memory-recall',
        'trip-notes',
        'weather-lookup',
        'web-fetch',
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.inputSchema.$schema, tool.id).toBe('https://json-schema.org/draft/2020-12/schema');
      // Providers' function calling wants an object schema at the top level.
      expect(tool.inputSchema.type, tool.id).toBe('object');
      expect(typeof tool.inputSchema.properties, tool.id).toBe('object');
      expect(tool.inputSchema.oneOf, tool.id).toBeUndefined();
      expect(tool.description.length, tool.id).toBeGreaterThan(10);
    }
    const tripNotes = tools.find((t) => t.id === 'trip-notes')?.inputSchema as {
      properties: { action: { enum: string[] } };
      required: string[];
    };
    expect(tripNotes.properties.action.enum).toEqual(['add', 'list', 'delete']);
    expect(tripNotes.required).toEqual(['action']);
    expect(
      tools
        .filter((t) => t.sampleData)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['flight-search', 'hotel-search', 'weather-lookup']);
    expect(tools.filter((t) => t.sampleData !== true).every((t) => t.sampleData === false)).toBe(true);
    const calculator = tools.find((t) => t.id === 'calculator');
    expect(calculator?.inputSchema.required).toEqual(['expression']);
    expect(calculator?.inputSchema.properties).toMatchObject({ expression: { type: 'string', maxLength: 500 } });
  });

  it('lists the four scorers', async () => {
    const res = await alice.get('/api/agents/scorers');
    expect(res.status).toBe(200);
    expect(
      res.body.scorers.map((s: { id: string; name: string; higherIsBetter: boolean }) => [
        s.id,
        s.name,
        s.higherIsBetter,
      ]),
    ).toEqual([
      ['relevancy', 'Answer Relevancy', true],
      ['toxicity', 'Toxicity', false],
      ['completeness', 'Completeness', true],
      ['tone', 'Tone Consistency', true],
    ]);
  });
});
