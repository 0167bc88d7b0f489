// Agent CRUD over HTTP (SPEC §6): list filters, create with defaults / every field / each kind of bad input, get,
// update and delete by id or slug, tenant isolation and the API key path — each checked against the database rows.
import { agent, agentRun } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedSnapshot,
  expectInvalid,
  expectNotFound,
  expectNoWrites,
  systemSlugs,
  toolRowsOf,
  type User,
  versionRowsOf,
} from './agent-helpers';
import { ApiClient, type Harness, startHarness } from './harness';

let h: Harness;
let alice: User;
let mallory: User;
beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(() => h?.close());

const slugs = (res: { body: { agents: Array<{ slug: string }> } }) => res.body.agents.map((a) => a.slug);

describe('GET /api/agents', () => {
  it('filters by q (name, slug, description; LIKE wildcards are literal), type, modelProvider and active', async () => {
    const alpha = await alice.post('/api/agents', {
      name: 'Filter Alpha',
      instructions: 'a',
      description: 'a needle, 100% sure',
      modelProvider: 'anthropic',
      modelName: 'claude-haiku',
      isActive: false,
    });
    const beta = await alice.post('/api/agents', {
      name: 'Filter Beta',
      slug: 'fb-slug-only',
      instructions: 'b',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['web-fetch', 'calculator'],
    });
    expect([alpha.status, beta.status]).toEqual([201, 201]);

    const all = await alice.get('/api/agents');
    expect(all.status).toBe(200);
    expect(all.body.agents).toHaveLength(14);
    expect(all.body.agents.every((a: { tenantId: string }) => a.tenantId === alice.tenantId)).toBe(true);
    expect(all.body.agents.find((a: { id: string }) => a.id === beta.body.id).tools).toEqual([
      'calculator',
      'web-fetch',
    ]);

    expect(slugs(await alice.get('/api/agents?q=filter'))).toEqual(['filter-alpha', 'fb-slug-only']);
    expect(slugs(await alice.get('/api/agents?q=FB-SLUG'))).toEqual(['fb-slug-only']);
    expect(slugs(await alice.get('/api/agents?q=needle'))).toEqual(['filter-alpha']);
    expect(slugs(await alice.get('/api/agents?q=%25'))).toEqual(['filter-alpha']);
    expect(slugs(await alice.get('/api/agents?q=_'))).toEqual([]);
    expect(slugs(await alice.get('/api/agents?type=SYSTEM')).sort()).toEqual(systemSlugs);
    expect(slugs(await alice.get('/api/agents?modelProvider=anthropic'))).toEqual(['filter-alpha']);
    expect(slugs(await alice.get('/api/agents?type=USER&modelProvider=openai'))).toEqual(['fb-slug-only']);
    expect(slugs(await alice.get('/api/agents?active=false'))).toEqual(['filter-alpha']);
    const active = slugs(await alice.get('/api/agents?active=true'));
    expect(active).toHaveLength(13);
    expect(active).not.toContain('filter-alpha');
    expect(slugs(await alice.get('/api/agents?q=filter&active=true'))).toEqual(['fb-slug-only']);

    expectInvalid(await alice.get('/api/agents?active=maybe'), 'active');
    expectInvalid(await alice.get('/api/agents?type=ROBOT'), 'type');
    // Another organization sees none of it.
    expect(slugs(await mallory.get('/api/agents?q=filter'))).toEqual([]);
    expect(slugs(await mallory.get('/api/agents?modelProvider=anthropic'))).toEqual([]);
  });
});

describe('POST /api/agents', () => {
  it('creates with defaults: demo model, slug from the name, owner, version 1 and its version row', async () => {
    const res = await alice.post('/api/agents', { name: '  Café Ops Helper! ', instructions: 'Be helpful.' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      tenantId: alice.tenantId,
      slug: 'cafe-ops-helper',
      name: 'Café Ops Helper!',
      description: null,
      instructions: 'Be helpful.',
      instructionsTemplate: null,
      modelProvider: 'demo',
      modelName: 'demo-1',
      temperature: null,
      maxTokens: null,
      modelConfig: null,
      outputSchema: null,
      memoryEnabled: false,
      memoryConfig: null,
      maxSteps: 5,
      scorers: [],
      scorerSampleRate: null,
      type: 'USER',
      ownerId: alice.userId,
      isPublic: false,
      isActive: true,
      version: 1,
      tags: [],
      metadata: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      tools: [],
    });
    const [row] = await h.trellis.database.db.select().from(agent).where(eq(agent.id, res.body.id));
    expect({
      ...row,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      tools: [],
    }).toEqual(res.body);
    const versions = await versionRowsOf(h, res.body.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      tenantId: alice.tenantId,
      version: 1,
      description: 'Created',
      instructions: 'Be helpful.',
      modelProvider: 'demo',
      modelName: 'demo-1',
      createdBy: alice.userId,
      snapshot: expectedSnapshot(res.body),
    });
    expect(versions[0].changesJson?.map((c) => c.field)).toEqual([
      'slug',
      'name',
      'instructions',
      'modelProvider',
      'modelName',
      'memoryEnabled',
      'maxSteps',
      'scorers',
      'isPublic',
      'isActive',
      'tags',
      'tools',
    ]);
    expect(versions[0].changesJson?.[0]).toEqual({ field: 'slug', before: null, after: 'cafe-ops-helper' });
    // Readable by id and by slug.
    expect((await alice.get(`/api/agents/${res.body.id}`)).body).toEqual(res.body);
    expect((await alice.get('/api/agents/cafe-ops-helper')).body).toEqual(res.body);
  });

  it('creates with every field', async () => {
    const input = {
      slug: 'full-agent',
      name: 'Full Agent',
      description: 'Every field set',
      instructions: 'Plain instructions',
      instructionsTemplate: 'Hello {{userName}}',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      temperature: 0.25,
      maxTokens: 2048,
      maxSteps: 7,
      modelConfig: { topP: 0.9, seed: 42, stopSequences: ['END'] },
      outputSchema: { type: 'object', properties: { answer: { type: 'string' } } },
      memoryEnabled: true,
      memoryConfig: {
        lastMessages: 20,
        semanticRecall: { topK: 3 },
        workingMemory: { enabled: true, template: '# Me' },
      },
      scorers: ['tone', 'relevancy'],
      tags: ['ops', 'beta'],
      tools: ['web-fetch', 'calculator', 'calculator'],
      type: 'SYSTEM',
      isPublic: true,
      isActive: true,
      metadata: { team: 'platform', limits: { daily: 5 } },
    };
    const res = await alice.post('/api/agents', input);
    expect(res.status).toBe(201);
    const { tools, ...fields } = input;
    expect(res.body).toMatchObject({
      ...fields,
      ownerId: alice.userId,
      version: 1,
      tools: ['calculator', 'web-fetch'],
    });
    expect(await toolRowsOf(h, res.body.id)).toEqual([
      { toolId: 'calculator', config: null },
      { toolId: 'web-fetch', config: null },
    ]);
    const [v1] = await versionRowsOf(h, res.body.id);
    expect(v1.snapshot).toEqual(expectedSnapshot(res.body));
    expect(v1.changesJson).toHaveLength(20);
    expect((await alice.get('/api/agents/full-agent')).body).toEqual(res.body);
  });

  it('answers a taken slug with 409 CONFLICT and writes nothing, also when two creates race', async () => {
    expect((await alice.post('/api/agents', { name: 'Dup', slug: 'dup-slug', instructions: 'x' })).status).toBe(201);
    const dup = await expectNoWrites(h, [alice.tenantId], () =>
      alice.post('/api/agents', { name: 'Other', slug: 'dup-slug', instructions: 'y' }),
    );
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'CONFLICT', message: "An agent with slug 'dup-slug' already exists" });
    // A name whose derived slug is taken (every organization has `assistant`).
    const derived = await expectNoWrites(h, [alice.tenantId], () =>
      alice.post('/api/agents', { name: 'Assistant', instructions: 'y' }),
    );
    expect(derived.status).toBe(409);
    expect(derived.body.error.code).toBe('CONFLICT');
    // The same slug in another organization is fine.
    expect((await mallory.post('/api/agents', { name: 'Dup', slug: 'dup-slug', instructions: 'x' })).status).toBe(201);

    const raced = await Promise.all([
      alice.post('/api/agents', { name: 'Race', instructions: 'one' }),
      alice.post('/api/agents', { name: 'Race', instructions: 'two' }),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(raced.find((r) => r.status === 409)?.body.error.code).toBe('CONFLICT');
    const rows = await h.trellis.database.db.select().from(agent).where(eq(agent.slug, 'race'));
    expect(rows.map((r) => r.tenantId)).toEqual([alice.tenantId]);
    expect(await versionRowsOf(h, rows[0].id)).toHaveLength(1);
  });

  it('rejects bad input with 400 VALIDATION_FAILED naming the field, and writes nothing', async () => {
    const valid = { name: 'Bad Input', instructions: 'x' };
    const cases: Array<[string, unknown, string]> = [
      ['unknown tool', { ...valid, tools: ['calculator', 'teleport'] }, 'teleport'],
      ['unknown scorer', { ...valid, scorers: ['relevancy', 'vibes'] }, 'vibes'],
      ['temperature out of range', { ...valid, temperature: 3 }, 'temperature'],
      ['unknown field', { ...valid, colour: 'red' }, 'colour'],
      ['bad slug', { ...valid, slug: 'Bad Slug!' }, 'slug'],
      ['missing instructions', { name: 'Bad Input' }, 'instructions'],
      ['empty instructions', { ...valid, instructions: '' }, 'instructions'],
      ['blank name', { ...valid, name: '   ' }, 'name'],
      ['unknown modelProvider', { ...valid, modelProvider: 'skynet' }, 'modelProvider'],
      ['maxSteps 0', { ...valid, maxSteps: 0 }, 'maxSteps'],
      ['fractional maxTokens', { ...valid, maxTokens: 1.5 }, 'maxTokens'],
      ['bad memoryConfig', { ...valid, memoryConfig: { lastMessages: 0 } }, 'memoryConfig.lastMessages'],
      ['unknown type', { ...valid, type: 'ROBOT' }, 'type'],
      ['tools not a list', { ...valid, tools: 'calculator' }, 'tools'],
    ];
    for (const [label, body, field] of cases) {
      const res = await expectNoWrites(h, [alice.tenantId], () => alice.post('/api/agents', body));
      expect(res.status, label).toBe(400);
      expectInvalid(res, field);
    }
    const tool = await alice.post('/api/agents', { ...valid, tools: ['calculator', 'teleport'] });
    expect(tool.body.error.message).toMatch(/^Unknown tool: teleport \(neither built-in nor <server>_<tool>/);
    expect(tool.body.error.details).toMatchObject({ field: 'tools', unknown: ['teleport'] });
    const scorer = await alice.post('/api/agents', { ...valid, scorers: ['vibes'] });
    expect(scorer.body.error.message).toBe('Unknown scorer: vibes');
    expect(scorer.body.error.details).toMatchObject({ field: 'scorers', unknown: ['vibes'] });
    const provider = await alice.post('/api/agents', { ...valid, modelProvider: 'skynet' });
    expect(provider.body.error.message).toContain('demo, openai, anthropic, google, openai-compatible');

    const malformed = await expectNoWrites(h, [alice.tenantId], () =>
      alice.request('POST', '/api/agents', '{"name": "Broken", "instructions": ', {
        'content-type': 'application/json',
      }),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    expect(malformed.body.error.message).toMatch(/malformed json/i);
    expect((await alice.get('/api/agents?q=bad input')).body.agents).toEqual([]);
  });
});

describe('GET, PUT and DELETE /api/agents/{id}', () => {
  it("answers another organization's id or slug with 404 and changes nothing", async () => {
    const mine = await alice.post('/api/agents', {
      name: 'Secret Agent',
      instructions: 'secret',
      tools: ['calculator'],
    });
    expect(mine.status).toBe(201);
    for (const key of [mine.body.id, 'secret-agent']) {
      expectNotFound(await mallory.get(`/api/agents/${key}`), key);
      const put = await expectNoWrites(h, [alice.tenantId, mallory.tenantId], () =>
        mallory.put(`/api/agents/${key}`, { name: 'Pwned' }),
      );
      expectNotFound(put, key);
      const del = await expectNoWrites(h, [alice.tenantId, mallory.tenantId], () =>
        mallory.delete(`/api/agents/${key}`),
      );
      expectNotFound(del, key);
    }
    expectNotFound(await alice.get('/api/agents/no-such-agent'), 'no-such-agent');
    expect((await alice.get('/api/agents/secret-agent')).body).toEqual(mine.body);
  });

  it('updates by id or slug; bad input is 400 naming the field, a taken slug 409, and neither writes', async () => {
    const created = await alice.post('/api/agents', { name: 'Editable', instructions: 'v1' });
    const byId = await alice.put(`/api/agents/${created.body.id}`, { instructions: 'v2', temperature: 1.5 });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: created.body.id, instructions: 'v2', temperature: 1.5, version: 2 });
    const bySlug = await alice.put('/api/agents/editable', { tags: ['x'] });
    expect(bySlug.status).toBe(200);
    expect(bySlug.body).toMatchObject({ id: created.body.id, instructions: 'v2', tags: ['x'], version: 3 });
    const [row] = await h.trellis.database.db.select().from(agent).where(eq(agent.id, created.body.id));
    expect(row).toMatchObject({ instructions: 'v2', temperature: 1.5, tags: ['x'], version: 3 });

    const bad: Array<[unknown, string]> = [
      [{ temperature: 3 }, 'temperature'],
      [{ tools: ['teleport'] }, 'teleport'],
      [{ scorers: ['vibes'] }, 'vibes'],
      [{ type: 'SYSTEM' }, 'type'],
      [{ slug: 'Nope Nope' }, 'slug'],
      [{ modelProvider: 'skynet' }, 'modelProvider'],
      [{ name: '' }, 'name'],
      [{ instructions: '' }, 'instructions'],
      [{ versionDescription: 'x'.repeat(501) }, 'versionDescription'],
    ];
    for (const [body, field] of bad) {
      const res = await expectNoWrites(h, [alice.tenantId], () => alice.put('/api/agents/editable', body));
      expectInvalid(res, field);
    }
    const malformed = await expectNoWrites(h, [alice.tenantId], () =>
      alice.request('PUT', '/api/agents/editable', '{"name":', { 'content-type': 'application/json' }),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');

    const taken = await expectNoWrites(h, [alice.tenantId], () =>
      alice.put('/api/agents/editable', { slug: 'assistant' }),
    );
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'CONFLICT',
      message: "An agent with slug 'assistant' already exists",
    });
    expectNotFound(await alice.put('/api/agents/no-such-agent', { name: 'x' }), 'no-such-agent');
  });

  it("deletes an agent with its versions and tool bindings; its runs are kept without the agent's id", async () => {
    const created = await alice.post('/api/agents', { name: 'Doomed', instructions: 'bye', tools: ['calculator'] });
    const run = await alice.post(`/api/agents/${created.body.id}/runs`, { input: 'hello' });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ agentId: created.body.id, status: 'COMPLETED', inputText: 'hello' });

    const res = await alice.delete('/api/agents/doomed');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: { id: created.body.id, slug: 'doomed' } });
    expectNotFound(await alice.get(`/api/agents/${created.body.id}`), created.body.id);
    expectNotFound(await alice.get('/api/agents/doomed'), 'doomed');
    expectNotFound(await alice.get('/api/agents/doomed/versions'), 'doomed');
    expectNotFound(await alice.delete(`/api/agents/${created.body.id}`), created.body.id);
    expect(slugs(await alice.get('/api/agents?q=doomed'))).toEqual([]);

    const db = h.trellis.database.db;
    expect(await db.select().from(agent).where(eq(agent.id, created.body.id))).toEqual([]);
    expect(await versionRowsOf(h, created.body.id)).toEqual([]);
    expect(await toolRowsOf(h, created.body.id)).toEqual([]);
    const runs = await db.select().from(agentRun).where(eq(agentRun.id, run.body.id));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      tenantId: alice.tenantId,
      agentId: null,
      status: 'COMPLETED',
      inputText: 'hello',
      outputText: run.body.outputText,
    });
    // The slug is free again.
    expect((await alice.post('/api/agents', { name: 'Doomed', instructions: 'again' })).status).toBe(201);
  });
});

describe('API key', () => {
  it('creates and updates agents with no owner and versions without an author, inside its organization', async () => {
    const { key } = await alice.createApiKey('agents test');
    const viaKey = new ApiClient(h.url, { apiKey: key });
    const created = await viaKey.post('/api/agents', { name: 'Key Agent', instructions: 'from a script' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tenantId: alice.tenantId, ownerId: null, slug: 'key-agent', version: 1 });
    const updated = await viaKey.put('/api/agents/key-agent', { description: 'edited by key' });
    expect(updated.body).toMatchObject({ version: 2, description: 'edited by key', ownerId: null });
    const versions = await versionRowsOf(h, created.body.id);
    expect(versions.map((v) => [v.version, v.createdBy])).toEqual([
      [1, null],
      [2, null],
    ]);
    expect((await alice.get('/api/agents/key-agent')).body.id).toBe(created.body.id);
    expectNotFound(await mallory.get('/api/agents/key-agent'), 'key-agent');
    // The key cannot reach another organization either.
    const other = await mallory.post('/api/agents', { name: 'Mallory Only', instructions: 'm' });
    expectNotFound(await viaKey.get(`/api/agents/${other.body.id}`), other.body.id);
    const bad = await expectNoWrites(h, [alice.tenantId], () =>
      viaKey.post('/api/agents', { name: 'Key Agent 2', instructions: 'x', temperature: -1 }),
    );
    expectInvalid(bad, 'temperature');
  });
});
