// DrizzleMemoryStorage: Mastra's memory storage contract on our tables, tenant isolation, and a Mastra Agent whose
// conversation history and working memory come back from the database on the next call.
import { Agent, type MastraDBMessage } from '@mastra/core/agent';
import type { StorageThreadType } from '@mastra/core/memory';
import { type DatabaseHandle, memoryMessage, memoryResource, memoryThread, organization } from '@trellis/db';
import { createTestDatabase } from '@trellis/testkit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DrizzleMemoryStorage } from './drizzle-memory-storage';
import { createMemory, type MemoryOptions } from './index';
import {
  conversation,
  PROFILE,
  recordingModel,
  systemText,
  workingMemoryModel,
  workingMemoryOptions,
} from './test-support/recording-model';

let handle: DatabaseHandle;
let a: DrizzleMemoryStorage;
let b: DrizzleMemoryStorage;

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const thread = (id: string, extra: Partial<StorageThreadType> = {}): StorageThreadType => ({
  id,
  resourceId: 'u1',
  title: `Thread ${id}`,
  metadata: { topic: 'travel' },
  createdAt: at(0),
  updatedAt: at(0),
  ...extra,
});

const message = (
  id: string,
  threadId: string,
  second: number,
  extra: Partial<MastraDBMessage> = {},
): MastraDBMessage => ({
  id,
  threadId,
  resourceId: 'u1',
  role: 'user',
  createdAt: at(second),
  content: { format: 2, parts: [{ type: 'text', text: `text of ${id}` }] },
  ...extra,
});

const ids = (messages: { id: string }[]) => messages.map((msg) => msg.id);

beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values([
    { id: 'org-a', name: 'Org A', slug: 'org-a' },
    { id: 'org-b', name: 'Org B', slug: 'org-b' },
  ]);
  a = new DrizzleMemoryStorage({ db: handle.db, tenantId: 'org-a' });
  b = new DrizzleMemoryStorage({ db: handle.db, tenantId: 'org-b' });
});

afterAll(() => handle?.close());

describe('threads', () => {
  beforeEach(() => a.dangerouslyClearAll());

  it('saves, reads (optionally by resource), upserts and deletes a thread', async () => {
    await a.saveThread({ thread: thread('t1') });
    expect(await a.getThreadById({ threadId: 't1' })).toEqual(thread('t1'));
    expect(await a.getThreadById({ threadId: 't1', resourceId: 'u1' })).toEqual(thread('t1'));
    expect(await a.getThreadById({ threadId: 't1', resourceId: 'u2' })).toBeNull();
    expect(await a.getThreadById({ threadId: 'nope' })).toBeNull();

    await a.saveThread({ thread: thread('t1', { title: 'Renamed', metadata: undefined, updatedAt: at(5) }) });
    expect(await a.getThreadById({ threadId: 't1' })).toEqual(
      thread('t1', { title: 'Renamed', metadata: undefined, updatedAt: at(5) }),
    );

    await a.saveMessages({ messages: [message('m1', 't1', 1)] });
    await a.deleteThread({ threadId: 't1' });
    expect(await a.getThreadById({ threadId: 't1' })).toBeNull();
    expect(await handle.db.$count(memoryMessage, eq(memoryMessage.tenantId, 'org-a'))).toBe(0);
  });

  it('updates title and metadata independently, merging metadata, and refuses unknown threads', async () => {
    await a.saveThread({ thread: thread('t1', { metadata: { topic: 'travel', lang: 'en' } }) });
    const titled = await a.updateThread({ id: 't1', title: 'New title' });
    expect(titled).toMatchObject({ title: 'New title', metadata: { topic: 'travel', lang: 'en' } });
    expect(titled.updatedAt.getTime()).toBeGreaterThan(at(0).getTime());

    const merged = await a.updateThread({ id: 't1', metadata: { lang: 'pt', workingMemory: '# Notes' } });
    expect(merged).toMatchObject({
      title: 'New title',
      metadata: { topic: 'travel', lang: 'pt', workingMemory: '# Notes' },
    });
    expect(await a.getThreadById({ threadId: 't1' })).toEqual(merged);

    await expect(a.updateThread({ id: 'missing', title: 'x' })).rejects.toThrow(/not found/);
  });

  it('lists threads by resource and metadata, newest first by default, with pagination', async () => {
    for (const [i, id] of ['t1', 't2', 't3', 't4'].entries()) {
      const resourceId = id === 't4' ? 'u2' : 'u1';
      const metadata = { topic: i % 2 ? 'food' : 'travel', tags: ['x', String(i)], nested: { n: i } };
      await a.saveThread({ thread: thread(id, { resourceId, metadata, createdAt: at(i), updatedAt: at(10 - i) }) });
    }
    const all = await a.listThreads({});
    expect(ids(all.threads)).toEqual(['t4', 't3', 't2', 't1']);
    expect(all).toMatchObject({ total: 4, page: 0, perPage: 100, hasMore: false });

    const byResource = await a.listThreads({
      filter: { resourceId: 'u1' },
      orderBy: { field: 'updatedAt', direction: 'DESC' },
    });
    expect(ids(byResource.threads)).toEqual(['t1', 't2', 't3']);

    const byMetadata = await a.listThreads({ filter: { metadata: { topic: 'travel', nested: { n: 2 } } } });
    expect(ids(byMetadata.threads)).toEqual(['t3']);
    expect(ids((await a.listThreads({ filter: { metadata: { tags: ['x', '1'] } } })).threads)).toEqual(['t2']);
    expect((await a.listThreads({ filter: { metadata: { tags: ['x'] } } })).total).toBe(0);
    await expect(a.listThreads({ filter: { metadata: { 'bad key': 1 } } })).rejects.toThrow(/Invalid metadata key/);

    const page1 = await a.listThreads({ perPage: 3, page: 1, orderBy: { field: 'createdAt', direction: 'ASC' } });
    expect(page1).toMatchObject({ total: 4, page: 1, perPage: 3, hasMore: false });
    expect(ids(page1.threads)).toEqual(['t4']);
    const page0 = await a.listThreads({ perPage: 3, page: 0, orderBy: { field: 'createdAt', direction: 'ASC' } });
    expect(page0).toMatchObject({ total: 4, hasMore: true });
    expect(await a.listThreads({ perPage: 3, page: 5 })).toMatchObject({ threads: [], total: 4, hasMore: false });
    expect(await a.listThreads({ perPage: false })).toMatchObject({ total: 4, perPage: false, hasMore: false });
  });
});

describe('messages', () => {
  beforeEach(async () => {
    await a.dangerouslyClearAll();
    await a.saveThread({ thread: thread('t1') });
    await a.saveThread({ thread: thread('t2', { resourceId: 'u2' }) });
  });

  it('saves messages as given and lists them oldest first, by createdAt then id', async () => {
    const saved = [
      message('m3', 't1', 3, { role: 'assistant', type: 'text' }),
      message('m1b', 't1', 1),
      message('m1a', 't1', 1, { content: { format: 2, parts: [], metadata: { source: 'x' } } }),
      message('m2', 't1', 2),
    ];
    const result = await a.saveMessages({ messages: saved });
    expect(ids(result.messages).sort()).toEqual(['m1a', 'm1b', 'm2', 'm3']);

    const list = await a.listMessages({ threadId: 't1' });
    expect(ids(list.messages)).toEqual(['m1a', 'm1b', 'm2', 'm3']);
    expect(list).toMatchObject({ total: 4, page: 0, perPage: 40, hasMore: false });
    expect(list.messages[3]).toEqual(saved[0]);
    expect(list.messages[0]).toEqual(saved[2]);

    const newestFirst = await a.listMessages({ threadId: 't1', orderBy: { field: 'createdAt', direction: 'DESC' } });
    expect(ids(newestFirst.messages)).toEqual(['m3', 'm2', 'm1b', 'm1a']);
  });

  it('upserts by id and bumps the thread updatedAt', async () => {
    await a.saveMessages({ messages: [message('m1', 't1', 1)] });
    const updatedAt = async () => (await a.getThreadById({ threadId: 't1' }))?.updatedAt.getTime() ?? 0;
    const before = await updatedAt();
    expect(before).toBeGreaterThan(at(0).getTime());
    const edited = message('m1', 't1', 1, { content: { format: 2, parts: [{ type: 'text', text: 'edited' }] } });
    await a.saveMessages({ messages: [edited, message('m2', 't1', 2)] });
    const list = await a.listMessages({ threadId: 't1' });
    expect(list.messages).toEqual([edited, message('m2', 't1', 2)]);
    expect(await updatedAt()).toBeGreaterThanOrEqual(before);
    await expect(a.saveMessages({ messages: [message('m9', 'no-such-thread', 1)] })).rejects.toThrow();
  });

  it('pages through a thread, with and without a total', async () => {
    await a.saveMessages({ messages: [1, 2, 3, 4, 5].map((i) => message(`m${i}`, 't1', i)) });
    const page1 = await a.listMessages({ threadId: 't1', perPage: 2, page: 1 });
    expect(ids(page1.messages)).toEqual(['m3', 'm4']);
    expect(page1).toMatchObject({ total: 5, page: 1, perPage: 2, hasMore: true });
    const last = await a.listMessages({ threadId: 't1', perPage: 2, page: 2 });
    expect(last).toMatchObject({ total: 5, hasMore: false });
    expect(await a.listMessages({ threadId: 't1', perPage: 2, page: 9 })).toMatchObject({ messages: [], total: 5 });
    expect(await a.listMessages({ threadId: 't1', perPage: false })).toMatchObject({ total: 5, perPage: false });
    expect(await a.listMessages({ threadId: 't1', perPage: 0 })).toMatchObject({ messages: [], total: 0 });

    // Mastra's "last N" read: newest first, no count, hasMore from one extra row.
    const recent = await a.listMessages({
      threadId: 't1',
      perPage: 2,
      orderBy: { field: 'createdAt', direction: 'DESC' },
      includeTotal: false,
    });
    expect(ids(recent.messages)).toEqual(['m5', 'm4']);
    expect(recent.hasMore).toBe(true);
    const tail = await a.listMessages({ threadId: 't1', perPage: 2, page: 2, includeTotal: false });
    expect(ids(tail.messages)).toEqual(['m5']);
    expect(tail.hasMore).toBe(false);
  });

  it('filters by threads, resource, date range and content metadata', async () => {
    await a.saveMessages({
      messages: [
        message('m1', 't1', 1),
        message('m2', 't1', 2, { resourceId: 'u9' }),
        message('m3', 't1', 3, { content: { format: 2, parts: [], metadata: { kind: 'note', n: 1 } } }),
        message('m4', 't2', 4, { resourceId: 'u2' }),
      ],
    });
    expect(ids((await a.listMessages({ threadId: ['t1', 't2'] })).messages)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(ids((await a.listMessages({ threadId: 't1', resourceId: 'u9' })).messages)).toEqual(['m2']);

    const range = (dateRange: object) =>
      a.listMessages({ threadId: ['t1', 't2'], filter: { dateRange } }).then((r) => ids(r.messages));
    expect(await range({ start: at(2), end: at(3) })).toEqual(['m2', 'm3']);
    expect(await range({ start: at(2), end: at(3), startExclusive: true, endExclusive: true })).toEqual([]);
    expect(await range({ start: at(3) })).toEqual(['m3', 'm4']);
    expect(await range({ end: at(1) })).toEqual(['m1']);

    const noted = await a.listMessages({ threadId: 't1', filter: { metadata: { kind: 'note', n: 1 } } });
    expect(ids(noted.messages)).toEqual(['m3']);
    expect((await a.listMessages({ threadId: 't1', filter: { metadata: { n: '1' } } })).total).toBe(0);
    await expect(a.listMessages({ threadId: '' })).rejects.toThrow(/threadId/);
  });

  it('includes messages by id with their context, from any thread, within the resource', async () => {
    await a.saveMessages({ messages: [1, 2, 3, 4, 5].map((i) => message(`m${i}`, 't1', i)) });
    await a.saveMessages({ messages: [6, 7, 8].map((i) => message(`o${i}`, 't2', i, { resourceId: 'u2' })) });

    const context = await a.listMessages({
      threadId: 't1',
      perPage: 0,
      include: [{ id: 'm3', withPreviousMessages: 1, withNextMessages: 1 }],
    });
    expect(ids(context.messages)).toEqual(['m2', 'm3', 'm4']);
    expect(context).toMatchObject({ total: 0, hasMore: false });

    const merged = await a.listMessages({
      threadId: 't1',
      perPage: 1,
      orderBy: { field: 'createdAt', direction: 'DESC' },
      include: [
        { id: 'm1', withNextMessages: 1 },
        { id: 'o7', threadId: 't2', withPreviousMessages: 5 },
      ],
    });
    expect(ids(merged.messages)).toEqual(['o7', 'o6', 'm5', 'm2', 'm1']);
    expect(merged).toMatchObject({ total: 5, hasMore: true });

    const scoped = await a.listMessages({ threadId: 't1', resourceId: 'u1', perPage: 0, include: [{ id: 'o7' }] });
    expect(scoped.messages).toEqual([]);
    const everything = await a.listMessages({
      threadId: 't1',
      perPage: 2,
      include: [{ id: 'm1', withNextMessages: 9 }],
    });
    expect(everything.hasMore).toBe(false);
  });

  it('reads, updates and deletes messages by id', async () => {
    await a.saveMessages({
      messages: [
        message('m1', 't1', 1, { content: { format: 2, parts: [], metadata: { a: 1, b: 1 } } }),
        message('m2', 't1', 2),
      ],
    });
    expect(ids((await a.listMessagesById({ messageIds: ['m2', 'm1', 'zz'] })).messages)).toEqual(['m1', 'm2']);

    const updated = await a.updateMessages({
      messages: [
        { id: 'm1', content: { format: 2, parts: [], metadata: { b: 2, c: 3 } } },
        { id: 'm2', threadId: 't2', role: 'assistant' },
        { id: 'zz', role: 'assistant' },
      ],
    });
    expect(updated).toHaveLength(2);
    expect(updated[0].content).toEqual({ format: 2, parts: [], metadata: { a: 1, b: 2, c: 3 } });
    expect(updated[1]).toMatchObject({ id: 'm2', threadId: 't2', role: 'assistant' });
    expect(ids((await a.listMessages({ threadId: 't2' })).messages)).toEqual(['m2']);

    await a.deleteMessages(['m1', 'm2']);
    expect((await a.listMessages({ threadId: ['t1', 't2'] })).total).toBe(0);
  });
});

describe('resources and working memory', () => {
  beforeEach(() => a.dangerouslyClearAll());

  it('creates on update, keeps omitted working memory, merges metadata, and upserts on save', async () => {
    expect(await a.getResourceById({ resourceId: 'u1' })).toBeNull();
    const created = await a.updateResource({ resourceId: 'u1', workingMemory: '# Name: Ada' });
    expect(created).toMatchObject({ id: 'u1', workingMemory: '# Name: Ada', metadata: {} });

    const merged = await a.updateResource({ resourceId: 'u1', metadata: { plan: 'pro' } });
    expect(merged).toMatchObject({ workingMemory: '# Name: Ada', metadata: { plan: 'pro' } });
    await a.updateResource({ resourceId: 'u1', workingMemory: '# Name: Ada L.', metadata: { seats: 2 } });
    expect(await a.getResourceById({ resourceId: 'u1' })).toMatchObject({
      workingMemory: '# Name: Ada L.',
      metadata: { plan: 'pro', seats: 2 },
    });

    const resource = { id: 'u1', workingMemory: 'replaced', createdAt: at(0), updatedAt: at(1) };
    await a.saveResource({ resource });
    expect(await a.getResourceById({ resourceId: 'u1' })).toEqual({ ...resource, metadata: undefined });
  });
});

describe('tenant isolation', () => {
  beforeAll(async () => {
    await a.dangerouslyClearAll();
    await b.dangerouslyClearAll();
    await a.saveThread({ thread: thread('shared') });
    await a.saveMessages({ messages: [message('s1', 'shared', 1), message('s2', 'shared', 2)] });
    await a.updateResource({ resourceId: 'u1', workingMemory: 'A only' });
  });

  const snapshotOfA = async () => ({
    thread: await a.getThreadById({ threadId: 'shared' }),
    messages: (await a.listMessages({ threadId: 'shared' })).messages,
    resource: await a.getResourceById({ resourceId: 'u1' }),
  });

  it("does not let another tenant read tenant A's memory", async () => {
    expect(await b.getThreadById({ threadId: 'shared' })).toBeNull();
    expect((await b.listThreads({})).total).toBe(0);
    expect(await b.listMessages({ threadId: 'shared' })).toMatchObject({ messages: [], total: 0 });
    expect(
      await b.listMessages({ threadId: 'shared', perPage: 0, include: [{ id: 's1', withNextMessages: 1 }] }),
    ).toMatchObject({
      messages: [],
    });
    expect((await b.listMessagesById({ messageIds: ['s1', 's2'] })).messages).toEqual([]);
    expect(await b.getResourceById({ resourceId: 'u1' })).toBeNull();
  });

  it("does not let another tenant change or delete tenant A's memory", async () => {
    const before = await snapshotOfA();
    await expect(b.updateThread({ id: 'shared', title: 'hijacked' })).rejects.toThrow(/not found/);
    expect(await b.updateMessages({ messages: [{ id: 's1', role: 'assistant' }] })).toEqual([]);
    await expect(b.saveMessages({ messages: [message('s1', 'shared', 9)] })).rejects.toThrow();
    await b.deleteMessages(['s1']);
    await b.deleteThread({ threadId: 'shared' });
    await b.dangerouslyClearAll();
    expect(await snapshotOfA()).toEqual(before);
  });

  it('keeps same-id threads, messages and resources of two tenants apart', async () => {
    const before = await snapshotOfA();
    await b.saveThread({ thread: thread('shared', { title: 'B thread' }) });
    await b.saveMessages({ messages: [message('s1', 'shared', 5, { role: 'assistant' })] });
    await b.updateResource({ resourceId: 'u1', workingMemory: 'B only' });

    expect(await snapshotOfA()).toEqual(before);
    expect((await b.getThreadById({ threadId: 'shared' }))?.title).toBe('B thread');
    expect(ids((await b.listMessages({ threadId: 'shared' })).messages)).toEqual(['s1']);
    expect((await b.getResourceById({ resourceId: 'u1' }))?.workingMemory).toBe('B only');
    expect(await handle.db.$count(memoryThread, eq(memoryThread.id, 'shared'))).toBe(2);
  });
});

describe('a Mastra Agent with createMemory', () => {
  const agentWith = (tenantId: string, options: MemoryOptions, model = recordingModel()) => ({
    agent: new Agent({
      id: 'memo',
      name: 'Memo',
      instructions: 'You remember things.',
      model: model.model,
      memory: createMemory({ db: handle.db, tenantId, options }),
    }),
    prompts: model.prompts,
  });
  const on = (thread: string, resource = 'u1') => ({ memory: { thread, resource } });

  beforeAll(async () => {
    await a.dangerouslyClearAll();
    await b.dangerouslyClearAll();
  });

  it('sends the earlier exchange of the thread with the next prompt', async () => {
    const { agent, prompts } = agentWith('org-a', { lastMessages: 10 });
    const first = await agent.generate('My name is Ada', on('t1'));
    expect(first.text).toBe('You said: My name is Ada');
    await agent.generate('What is my name?', on('t1'));
    expect(conversation(prompts[0])).toEqual(['user: My name is Ada']);
    expect(conversation(prompts[1])).toEqual([
      'user: My name is Ada',
      'assistant: You said: My name is Ada',
      'user: What is my name?',
    ]);
    const stored = await handle.db
      .select({ role: memoryMessage.role })
      .from(memoryMessage)
      .where(and(eq(memoryMessage.tenantId, 'org-a'), eq(memoryMessage.threadId, 't1')));
    expect(stored).toHaveLength(4);
    expect(await a.getThreadById({ threadId: 't1', resourceId: 'u1' })).not.toBeNull();
  });

  it('limits the history to lastMessages', async () => {
    const { agent, prompts } = agentWith('org-a', { lastMessages: 2 });
    for (const text of ['one', 'two', 'three']) await agent.generate(text, on('t-last'));
    expect(conversation(prompts[2])).toEqual(['user: two', 'assistant: You said: two', 'user: three']);
  });

  it('keeps other threads and other tenants out of the prompt', async () => {
    const other = agentWith('org-a', { lastMessages: 10 });
    await other.agent.generate('Who am I?', on('t-other'));
    expect(conversation(other.prompts[0])).toEqual(['user: Who am I?']);

    const tenantB = agentWith('org-b', { lastMessages: 10 });
    await tenantB.agent.generate('What is my name?', on('t1'));
    expect(conversation(tenantB.prompts[0])).toEqual(['user: What is my name?']);
    expect(await b.getThreadById({ threadId: 't1' })).not.toBeNull();
    expect((await a.listMessages({ threadId: 't1' })).total).toBe(4);
  });

  it('persists resource-scoped working memory in memory_resource and shows it on the next call', async () => {
    const profile = PROFILE;
    const model = workingMemoryModel();
    const options: MemoryOptions = workingMemoryOptions;
    const { agent, prompts } = agentWith('org-a', options, model);
    await agent.generate('My name is Ada', on('t-wm', 'u-wm'));

    const [row] = await handle.db
      .select()
      .from(memoryResource)
      .where(and(eq(memoryResource.tenantId, 'org-a'), eq(memoryResource.id, 'u-wm')));
    expect(row.workingMemory).toBe(profile);

    await agent.generate('Hello again', on('t-wm-2', 'u-wm'));
    expect(systemText(prompts[prompts.length - 1])).toContain('**Name**: Ada');
    expect(await b.getResourceById({ resourceId: 'u-wm' })).toBeNull();
  });
});
