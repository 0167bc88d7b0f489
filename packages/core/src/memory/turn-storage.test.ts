// TurnMemoryStorage: a turn reads the thread once, Mastra's reads during the call come from that snapshot, nothing
// is written until flush — and then all of it inside the caller's transaction, or none of it.
import { Agent, type MastraDBMessage } from '@mastra/core/agent';
import { type DatabaseHandle, memoryMessage, memoryResource, memoryThread, organization } from '@trellis/db';
import { createTestDatabase } from '@trellis/testkit';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createMemory,
  DrizzleMemoryStorage,
  loadTurn,
  type MemoryOptions,
  TurnHistory,
  TurnMemoryStorage,
} from './index';
import {
  conversation,
  PROFILE,
  recordingModel,
  systemText,
  workingMemoryModel,
  workingMemoryOptions,
} from './test-support/recording-model';

let handle: DatabaseHandle;
const TENANT = 'org-turn';

beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values([{ id: TENANT, name: 'Turn', slug: 'org-turn' }]);
});
afterAll(() => handle?.close());

const storedMessages = (threadId: string) =>
  handle.db
    .select({ role: memoryMessage.role, content: memoryMessage.content })
    .from(memoryMessage)
    .where(and(eq(memoryMessage.tenantId, TENANT), eq(memoryMessage.threadId, threadId)))
    .orderBy(asc(memoryMessage.createdAt), asc(memoryMessage.role));

const threadRow = async (threadId: string) =>
  (
    await handle.db
      .select()
      .from(memoryThread)
      .where(and(eq(memoryThread.tenantId, TENANT), eq(memoryThread.id, threadId)))
  )[0];

/** One turn as the run pipeline makes it: snapshot, agent with the turn's memory and history, then flush. */
async function turn(
  text: string,
  {
    threadId,
    resourceId = 'u1',
    options,
    model,
  }: { threadId: string; resourceId?: string; options: MemoryOptions; model: ReturnType<typeof recordingModel> },
) {
  const snapshot = await loadTurn(handle.db, TENANT, {
    threadId,
    resourceId,
    lastMessages: options.lastMessages || 0,
    workingMemory: Boolean(options.workingMemory?.enabled),
  });
  const storage = new TurnMemoryStorage({ db: handle.db, tenantId: TENANT, snapshot });
  const agent = new Agent({
    id: 'turn',
    name: 'Turn',
    instructions: 'You remember things.',
    model: model.model,
    memory: createMemory({ storage, options }),
    outputProcessors: [new TurnHistory(storage, { threadId, resourceId })],
  });
  const result = await agent.generate(text, { memory: { thread: threadId, resource: resourceId } });
  return { result, storage };
}

describe('a turn on TurnMemoryStorage', () => {
  it('writes nothing during the call; flush writes the new thread and both messages; the next turn recalls them', async () => {
    const model = recordingModel();
    const options: MemoryOptions = { lastMessages: 10 };
    const first = await turn('My name is Ada', { threadId: 't-new', options, model });
    expect(first.result.text).toBe('You said: My name is Ada');
    expect(first.storage.pending).toBe(true);
    expect(await threadRow('t-new')).toBeUndefined();
    expect(await storedMessages('t-new')).toEqual([]);

    await handle.db.transaction((tx) => first.storage.flush(tx));
    expect(first.storage.pending).toBe(false);
    expect((await threadRow('t-new'))?.resourceId).toBe('u1');
    expect((await storedMessages('t-new')).map((m) => m.role)).toEqual(['user', 'assistant']);

    const second = await turn('What is my name?', { threadId: 't-new', options, model });
    await handle.db.transaction((tx) => second.storage.flush(tx));
    expect(conversation(model.prompts[1])).toEqual([
      'user: My name is Ada',
      'assistant: You said: My name is Ada',
      'user: What is my name?',
    ]);
    expect(await storedMessages('t-new')).toHaveLength(4);
  });

  it('recalls only lastMessages, newest last', async () => {
    const model = recordingModel();
    const options: MemoryOptions = { lastMessages: 2 };
    for (const text of ['one', 'two', 'three']) {
      const { storage } = await turn(text, { threadId: 't-last', options, model });
      await handle.db.transaction((tx) => storage.flush(tx));
    }
    expect(conversation(model.prompts[2])).toEqual(['user: two', 'assistant: You said: two', 'user: three']);
  });

  it('a transaction that fails after flush leaves no thread, message or working memory behind', async () => {
    const model = recordingModel();
    const { storage } = await turn('Remember me', { threadId: 't-rollback', options: { lastMessages: 10 }, model });
    await expect(
      handle.db.transaction(async (tx) => {
        await storage.flush(tx);
        throw new Error('the run could not be stored');
      }),
    ).rejects.toThrow('the run could not be stored');
    expect(await threadRow('t-rollback')).toBeUndefined();
    expect(await storedMessages('t-rollback')).toEqual([]);
  });

  it('keeps a working memory update for the flush, and shows it on the next turn', async () => {
    const profile = PROFILE;
    const model = workingMemoryModel();
    const options: MemoryOptions = workingMemoryOptions;
    const resource = () =>
      handle.db
        .select()
        .from(memoryResource)
        .where(and(eq(memoryResource.tenantId, TENANT), eq(memoryResource.id, 'u-wm')));
    const first = await turn('My name is Ada', { threadId: 't-wm', resourceId: 'u-wm', options, model });
    expect(await resource()).toEqual([]);
    await handle.db.transaction((tx) => first.storage.flush(tx));
    expect((await resource())[0].workingMemory).toBe(profile);
    // The tool call that wrote it is not kept in the thread's history; the answer is.
    const stored = JSON.stringify(await storedMessages('t-wm'));
    expect(stored).not.toContain('updateWorkingMemory');
    expect(stored).toContain('Noted.');

    const second = await turn('Hello again', { threadId: 't-wm-2', resourceId: 'u-wm', options, model });
    await handle.db.transaction((tx) => second.storage.flush(tx));
    expect(systemText(model.prompts.at(-1) ?? [])).toContain('**Name**: Ada');
  });

  it('answers the latest page from the snapshot plus what the turn saved; other reads go to the database', async () => {
    const db = new DrizzleMemoryStorage({ db: handle.db, tenantId: TENANT });
    const at = (s: number) => new Date(Date.parse('2026-03-01T10:00:00Z') + s * 1000);
    const msg = (id: string, threadId: string, s: number): MastraDBMessage => ({
      id,
      threadId,
      resourceId: 'u1',
      role: 'user',
      createdAt: at(s),
      content: { format: 2, parts: [{ type: 'text', text: id }] },
    });
    await db.saveThread({ thread: { id: 't-page', resourceId: 'u1', createdAt: at(0), updatedAt: at(0) } });
    await db.saveThread({ thread: { id: 't-elsewhere', resourceId: 'u1', createdAt: at(0), updatedAt: at(0) } });
    await db.saveMessages({ messages: [1, 2, 3].map((i) => msg(`m${i}`, 't-page', i)) });
    await db.saveMessages({ messages: [msg('x1', 't-elsewhere', 1)] });

    const snapshot = await loadTurn(handle.db, TENANT, {
      threadId: 't-page',
      resourceId: 'u1',
      lastMessages: 2,
      workingMemory: false,
    });
    expect(snapshot.recent.map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
    const storage = new TurnMemoryStorage({ db: handle.db, tenantId: TENANT, snapshot });
    await storage.saveMessages({ messages: [msg('m4', 't-page', 4)] });
    const latest = { threadId: 't-page', resourceId: 'u1', page: 0, perPage: 2, includeTotal: false } as const;
    const page = await storage.listMessages({ ...latest, orderBy: { field: 'createdAt', direction: 'DESC' } });
    expect(page.messages.map((m) => m.id)).toEqual(['m4', 'm3']);
    expect(page.hasMore).toBe(true);
    // Not the latest page: read from the database, which does not hold m4 yet.
    const oldest = await storage.listMessages({ threadId: 't-page', perPage: 10 });
    expect(oldest.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect((await storage.listMessages({ threadId: 't-elsewhere' })).messages.map((m) => m.id)).toEqual(['x1']);
    expect((await storage.listMessagesById({ messageIds: ['m4', 'm1'] })).messages.map((m) => m.id)).toEqual([
      'm1',
      'm4',
    ]);
    await handle.db.transaction((tx) => storage.flush(tx));
    expect((await db.listMessages({ threadId: 't-page' })).messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('a turn of another tenant sees neither the thread nor its messages', async () => {
    await handle.db.insert(organization).values([{ id: 'org-other', name: 'Other', slug: 'org-other' }]);
    const snapshot = await loadTurn(handle.db, 'org-other', {
      threadId: 't-new',
      resourceId: 'u1',
      lastMessages: 10,
      workingMemory: true,
    });
    expect(snapshot).toMatchObject({ thread: null, resource: null, recent: [] });
  });
});
