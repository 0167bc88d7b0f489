// Agent version history over HTTP (SPEC §6 Versions): every update writes version N+1 with its field-level changes
// and full snapshot, a no-op update writes nothing, checkpoints and rollbacks are new versions, tenants are isolated.
import { agent } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedSnapshot,
  expectInvalid,
  expectNotFound,
  expectNoWrites,
  toolRowsOf,
  type User,
  versionRowsOf,
} from './agent-helpers';
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

const agentRow = async (id: string) => (await h.trellis.database.db.select().from(agent).where(eq(agent.id, id)))[0];

describe('PUT /api/agents/{id} versions', () => {
  it('writes version N+1 listing exactly the changed fields, with the new state as its snapshot', async () => {
    const created = await alice.post('/api/agents', {
      name: 'Versioned',
      instructions: 'one',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      temperature: 0.5,
      tools: ['calculator'],
      metadata: { zeta: 1, alpha: { b: 2, a: 1 } },
    });
    expect(created.status).toBe(201);
    const res = await alice.put(`/api/agents/${created.body.id}`, {
      name: 'Versioned Two',
      temperature: 0.7,
      tools: ['web-fetch', 'calculator'],
      // The same object in another key order is no change.
      metadata: { alpha: { a: 1, b: 2 }, zeta: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.body.id,
      name: 'Versioned Two',
      temperature: 0.7,
      version: 2,
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      instructions: 'one',
      tools: ['calculator', 'web-fetch'],
    });
    const current = await alice.get('/api/agents/versioned');
    expect(current.body).toEqual(res.body);

    const list = await alice.get(`/api/agents/${created.body.id}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v2 = list.body.versions[0];
    expect(v2).toMatchObject({
      agentId: created.body.id,
      tenantId: alice.tenantId,
      version: 2,
      description: 'Updated name, temperature, tools',
      instructions: 'one',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      createdBy: alice.userId,
    });
    expect(v2.changesJson).toEqual([
      { field: 'name', before: 'Versioned', after: 'Versioned Two' },
      { field: 'temperature', before: 0.5, after: 0.7 },
      {
        field: 'tools',
        before: [{ toolId: 'calculator', config: null }],
        after: [
          { toolId: 'calculator', config: null },
          { toolId: 'web-fetch', config: null },
        ],
      },
    ]);
    expect(v2.snapshot).toEqual(expectedSnapshot(current.body));
    expect(list.body.versions[1].snapshot).toEqual(expectedSnapshot(created.body));
    expect(await toolRowsOf(h, created.body.id)).toEqual([
      { toolId: 'calculator', config: null },
      { toolId: 'web-fetch', config: null },
    ]);

    const labelled = await alice.put('/api/agents/versioned', {
      description: 'Now described',
      versionDescription: 'Doc',
    });
    expect(labelled.body.version).toBe(3);
    const [v3] = (await alice.get('/api/agents/versioned/versions')).body.versions;
    expect(v3).toMatchObject({ version: 3, description: 'Doc' });
    expect(v3.changesJson).toEqual([{ field: 'description', before: null, after: 'Now described' }]);
  });

  it('writes no version when nothing changes, and leaves fields it was not given alone', async () => {
    const created = await alice.post('/api/agents', {
      name: 'Steady',
      instructions: 'same',
      modelProvider: 'anthropic',
      modelName: 'claude-haiku',
      tools: ['date-time', 'calculator'],
      tags: ['a', 'b'],
      metadata: { zeta: 1, a: 2 },
      memoryConfig: { workingMemory: { template: 't', enabled: true }, lastMessages: 4 },
    });
    expect(created.status).toBe(201);
    const before = await agentRow(created.body.id);
    for (const body of [
      {},
      { name: 'Steady', instructions: 'same' },
      { tools: ['calculator', 'date-time', 'calculator'] },
      {
        metadata: { a: 2, zeta: 1 },
        memoryConfig: { lastMessages: 4, workingMemory: { enabled: true, template: 't' } },
      },
      { versionDescription: 'nothing to record' },
    ]) {
      const res = await expectNoWrites(h, [alice.tenantId], () => alice.put('/api/agents/steady', body));
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.body).toEqual(created.body);
    }
    expect(await agentRow(created.body.id)).toEqual(before);
    expect((await alice.get('/api/agents/steady/versions')).body.versions).toHaveLength(1);
  });

  it('keeps the id when the slug changes, and frees the old slug', async () => {
    const created = await alice.post('/api/agents', { name: 'Old Name', instructions: 'x' });
    const res = await alice.put('/api/agents/old-name', { slug: 'new-name' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, slug: 'new-name', version: 2 });
    expectNotFound(await alice.get('/api/agents/old-name'), 'old-name');
    expect((await alice.get('/api/agents/new-name')).body.id).toBe(created.body.id);
    const [v2] = (await alice.get(`/api/agents/${created.body.id}/versions`)).body.versions;
    expect(v2.changesJson).toEqual([{ field: 'slug', before: 'old-name', after: 'new-name' }]);
    expect(v2.snapshot.slug).toBe('new-name');
    const reused = await alice.post('/api/agents', { name: 'Old Name', instructions: 'y' });
    expect(reused.status).toBe(201);
    expect(reused.body.id).not.toBe(created.body.id);
  });

  it('replaces the agent_tool rows when tools change', async () => {
    const created = await alice.post('/api/agents', {
      name: 'Tooly',
      instructions: 'x',
      tools: ['calculator', 'web-fetch'],
    });
    expect((await alice.put('/api/agents/tooly', { tools: ['trip-notes', 'hotel-search'] })).body.tools).toEqual([
      'hotel-search',
      'trip-notes',
    ]);
    expect(await toolRowsOf(h, created.body.id)).toEqual([
      { toolId: 'hotel-search', config: null },
      { toolId: 'trip-notes', config: null },
    ]);
    const cleared = await alice.put('/api/agents/tooly', { tools: [] });
    expect(cleared.body).toMatchObject({ tools: [], version: 3 });
    expect(await toolRowsOf(h, created.body.id)).toEqual([]);
    const [v3] = (await alice.get('/api/agents/tooly/versions')).body.versions;
    expect(v3.changesJson).toEqual([
      {
        field: 'tools',
        before: [
          { toolId: 'hotel-search', config: null },
          { toolId: 'trip-notes', config: null },
        ],
        after: [],
      },
    ]);
    const bad = await expectNoWrites(h, [alice.tenantId], () =>
      alice.put('/api/agents/tooly', { tools: ['calculator', 'warp-drive'] }),
    );
    expectInvalid(bad, 'warp-drive');
    expect(bad.body.error.details).toMatchObject({ field: 'tools', unknown: ['warp-drive'] });
  });
});

describe('GET and POST /api/agents/{id}/versions', () => {
  it('records a checkpoint as a new version with no changes; bad input is 400 and writes nothing', async () => {
    const created = await alice.post('/api/agents', {
      name: 'Checkpointed',
      instructions: 'x',
      tools: ['json-parser'],
    });
    const res = await alice.post('/api/agents/checkpointed/versions', { description: 'Before launch' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ...created.body, version: 2, updatedAt: expect.any(String) });
    const plain = await alice.post(`/api/agents/${created.body.id}/versions`, {});
    expect(plain.body.version).toBe(3);
    const versions = (await alice.get('/api/agents/checkpointed/versions')).body.versions;
    expect(versions.map((v: { version: number; description: string }) => [v.version, v.description])).toEqual([
      [3, 'Snapshot'],
      [2, 'Before launch'],
      [1, 'Created'],
    ]);
    expect(versions[0].changesJson).toEqual([]);
    expect(versions[1].changesJson).toEqual([]);
    expect(versions[1].snapshot).toEqual(versions[2].snapshot);
    expect(versions[0].snapshot).toEqual(expectedSnapshot(created.body));
    expect((await agentRow(created.body.id)).version).toBe(3);

    expectInvalid(
      await expectNoWrites(h, [alice.tenantId], () => alice.post('/api/agents/checkpointed/versions', { label: 'x' })),
      'label',
    );
    expectInvalid(
      await expectNoWrites(h, [alice.tenantId], () =>
        alice.post('/api/agents/checkpointed/versions', { description: 'x'.repeat(501) }),
      ),
      'description',
    );
    expectNotFound(await alice.post('/api/agents/no-such-agent/versions', {}), 'no-such-agent');
  });

  it("answers another organization's agent with 404 and writes nothing", async () => {
    const mine = await alice.post('/api/agents', { name: 'Private History', instructions: 'x' });
    for (const key of [mine.body.id, 'private-history']) {
      expectNotFound(await mallory.get(`/api/agents/${key}/versions`), key);
      expectNotFound(
        await expectNoWrites(h, [alice.tenantId, mallory.tenantId], () =>
          mallory.post(`/api/agents/${key}/versions`, {}),
        ),
        key,
      );
      expectNotFound(
        await expectNoWrites(h, [alice.tenantId, mallory.tenantId], () =>
          mallory.post(`/api/agents/${key}/versions/1/rollback`),
        ),
        key,
      );
    }
    expect((await alice.get('/api/agents/private-history/versions')).body.versions).toHaveLength(1);
  });
});

describe('POST /api/agents/{id}/versions/{version}/rollback', () => {
  it('rolls back to v1 as a new version whose snapshot equals v1', async () => {
    const v1 = await alice.post('/api/agents', {
      name: 'Rollback Me',
      instructions: 'original',
      tools: ['calculator'],
      scorers: ['tone'],
      metadata: { stage: 'one' },
    });
    expect(v1.status).toBe(201);
    await alice.put('/api/agents/rollback-me', { instructions: 'second', tools: ['web-fetch', 'date-time'] });
    const v3 = await alice.put('/api/agents/rollback-me', {
      slug: 'rolled',
      temperature: 1.2,
      scorers: [],
      metadata: null,
      isActive: false,
    });
    expect(v3.body.version).toBe(3);

    const res = await alice.post('/api/agents/rolled/versions/1/rollback');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...v1.body, version: 4, updatedAt: expect.any(String) });
    expect((await alice.get(`/api/agents/${v1.body.id}`)).body).toEqual(res.body);
    expect((await alice.get('/api/agents/rollback-me')).body.id).toBe(v1.body.id);
    expect(await toolRowsOf(h, v1.body.id)).toEqual([{ toolId: 'calculator', config: null }]);

    const versions = (await alice.get('/api/agents/rollback-me/versions')).body.versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([4, 3, 2, 1]);
    const [v4, , , first] = versions;
    expect(v4.snapshot).toEqual(first.snapshot);
    expect(v4).toMatchObject({
      description: 'Rolled back to version 1',
      instructions: 'original',
      createdBy: alice.userId,
    });
    expect(v4.changesJson).toEqual([
      { field: 'slug', before: 'rolled', after: 'rollback-me' },
      { field: 'instructions', before: 'second', after: 'original' },
      { field: 'temperature', before: 1.2, after: null },
      { field: 'scorers', before: [], after: ['tone'] },
      { field: 'isActive', before: false, after: true },
      { field: 'metadata', before: null, after: { stage: 'one' } },
      {
        field: 'tools',
        before: [
          { toolId: 'date-time', config: null },
          { toolId: 'web-fetch', config: null },
        ],
        after: [{ toolId: 'calculator', config: null }],
      },
    ]);
    expect((await versionRowsOf(h, v1.body.id)).map((v) => v.version)).toEqual([1, 2, 3, 4]);

    // Rolling back to the current configuration still records a version, with no changes.
    const again = await alice.post(`/api/agents/${v1.body.id}/versions/4/rollback`);
    expect(again.body.version).toBe(5);
    const [v5] = (await alice.get('/api/agents/rollback-me/versions')).body.versions;
    expect(v5).toMatchObject({ version: 5, changesJson: [], description: 'Rolled back to version 4' });
  });

  it('answers a missing version with 404 and a bad version number with 400, writing nothing', async () => {
    await alice.post('/api/agents', { name: 'Short History', instructions: 'x' });
    const missing = await expectNoWrites(h, [alice.tenantId], () =>
      alice.post('/api/agents/short-history/versions/99/rollback'),
    );
    expectNotFound(missing, 'short-history@99');
    for (const version of ['0', 'abc', '1.5', '-1']) {
      const res = await expectNoWrites(h, [alice.tenantId], () =>
        alice.post(`/api/agents/short-history/versions/${version}/rollback`),
      );
      expectInvalid(res, 'version');
    }
    expectNotFound(await alice.post('/api/agents/no-such-agent/versions/1/rollback'), 'no-such-agent');
  });

  it('refuses with 409 a rollback whose slug another agent took since, writing nothing', async () => {
    await alice.post('/api/agents', { name: 'Slug Owner', instructions: 'x' });
    await alice.put('/api/agents/slug-owner', { slug: 'slug-owner-2' });
    await alice.post('/api/agents', { name: 'Slug Owner', instructions: 'thief' });
    const res = await expectNoWrites(h, [alice.tenantId], () =>
      alice.post('/api/agents/slug-owner-2/versions/1/rollback'),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });
});
