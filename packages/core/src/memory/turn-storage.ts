// TurnMemoryStorage: the memory of one run's turn on a thread. The thread, the resource's working memory and the
// thread's latest messages are read once before the model is called (loadTurn); Mastra's reads of them during the
// turn are answered from that snapshot, and its writes are kept in order and written with the run, inside the run's
// finishing transaction (flush). Anything outside the snapshot — another thread, an older page — goes to the
// database as usual.
import type { MastraDBMessage } from '@mastra/core/agent';
import type { StorageThreadType } from '@mastra/core/memory';
import type { StorageListMessagesInput, StorageListMessagesOutput, StorageResourceType } from '@mastra/core/storage';
import { memoryMessage, memoryResource, memoryThread } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../context';
import { DrizzleMemoryStorage, type MessageUpdate } from './drizzle-memory-storage';
import { asDate, asStored, mergeContent, toMessage, toMessageRow, toResource, toThread } from './rows';
import { compareMessages, messageOrder } from './storage-sql';

/** What a turn reads before the model is called. */
export interface TurnSnapshot {
  threadId: string;
  resourceId: string;
  /** How many of the latest messages the turn recalls; `recent` holds one more, to tell whether older ones exist. */
  lastMessages: number;
  thread: StorageThreadType | null;
  /** undefined when working memory is off (not read); null when the resource has none yet. */
  resource?: StorageResourceType | null;
  /** Newest first. */
  recent: MastraDBMessage[];
}

/** Reads the thread, the working memory (when on) and the latest messages of a turn, concurrently. */
export async function loadTurn(
  db: Executor,
  tenantId: string,
  turn: { threadId: string; resourceId: string; lastMessages: number; workingMemory: boolean },
): Promise<TurnSnapshot> {
  const { threadId, resourceId, lastMessages } = turn;
  const [threads, resources, messages] = await Promise.all([
    db
      .select()
      .from(memoryThread)
      .where(and(eq(memoryThread.tenantId, tenantId), eq(memoryThread.id, threadId))),
    turn.workingMemory
      ? db
          .select()
          .from(memoryResource)
          .where(and(eq(memoryResource.tenantId, tenantId), eq(memoryResource.id, resourceId)))
      : undefined,
    lastMessages > 0
      ? db
          .select()
          .from(memoryMessage)
          .where(
            and(
              eq(memoryMessage.tenantId, tenantId),
              eq(memoryMessage.threadId, threadId),
              eq(memoryMessage.resourceId, resourceId),
            ),
          )
          .orderBy(...messageOrder('DESC'))
          .limit(lastMessages + 1)
      : [],
  ]);
  return {
    threadId,
    resourceId,
    lastMessages,
    thread: threads[0] ? toThread(threads[0]) : null,
    resource: resources && (resources[0] ? toResource(resources[0]) : null),
    recent: messages.map(toMessage),
  };
}

type Write = (store: DrizzleMemoryStorage) => Promise<unknown>;

export class TurnMemoryStorage extends DrizzleMemoryStorage {
  readonly #snapshot: TurnSnapshot;
  readonly #tenantId: string;
  #thread: StorageThreadType | null;
  #resource: StorageResourceType | null | undefined;
  /** The turn's saved messages by id, in the order first saved. */
  readonly #saved = new Map<string, MastraDBMessage>();
  readonly #writes: Write[] = [];

  constructor(options: { db: Executor; tenantId: string; snapshot: TurnSnapshot }) {
    super({ db: options.db, tenantId: options.tenantId });
    this.#tenantId = options.tenantId;
    this.#snapshot = options.snapshot;
    this.#thread = options.snapshot.thread;
    this.#resource = options.snapshot.resource;
  }

  /** Whether the turn asked for anything to be written. */
  get pending(): boolean {
    return this.#writes.length > 0;
  }

  /** Writes what the turn saved, in the order it saved it, inside `tx`. */
  flush = async (tx: Tx): Promise<void> => {
    const store = new DrizzleMemoryStorage({ tx, tenantId: this.#tenantId });
    for (const write of this.#writes.splice(0)) await write(store);
  };

  #isTurnThread = (threadId: unknown) => threadId === this.#snapshot.threadId;
  #isTurnResource = (resourceId: unknown) => resourceId === this.#snapshot.resourceId && this.#resource !== undefined;

  override async getThreadById(args: { threadId: string; resourceId?: string }) {
    if (!this.#isTurnThread(args.threadId)) return super.getThreadById(args);
    const thread = this.#thread;
    return thread && (args.resourceId === undefined || thread.resourceId === args.resourceId) ? thread : null;
  }

  override async saveThread(args: { thread: StorageThreadType }) {
    if (!this.#isTurnThread(args.thread.id)) return super.saveThread(args);
    this.#thread = args.thread;
    this.#writes.push((store) => store.saveThread(args));
    return args.thread;
  }

  override async updateThread(args: { id: string; title?: string; metadata?: Record<string, unknown> }) {
    if (!this.#isTurnThread(args.id)) return super.updateThread(args);
    const thread = this.#thread;
    if (!thread) throw new Error(`Thread with id ${args.id} not found`);
    this.#thread = {
      ...thread,
      title: args.title ?? thread.title,
      metadata: args.metadata ? { ...thread.metadata, ...args.metadata } : thread.metadata,
      updatedAt: new Date(),
    };
    this.#writes.push((store) => store.updateThread(args));
    return this.#thread;
  }

  override async getResourceById(args: { resourceId: string }) {
    return this.#isTurnResource(args.resourceId) ? (this.#resource ?? null) : super.getResourceById(args);
  }

  override async saveResource(args: { resource: StorageResourceType }) {
    if (!this.#isTurnResource(args.resource.id)) return super.saveResource(args);
    this.#resource = args.resource;
    this.#writes.push((store) => store.saveResource(args));
    return args.resource;
  }

  override async updateResource(args: {
    resourceId: string;
    workingMemory?: string;
    metadata?: Record<string, unknown>;
  }) {
    if (!this.#isTurnResource(args.resourceId)) return super.updateResource(args);
    const now = new Date();
    const stored = this.#resource;
    this.#resource = stored
      ? {
          ...stored,
          workingMemory: args.workingMemory ?? stored.workingMemory,
          metadata: args.metadata ? { ...stored.metadata, ...args.metadata } : stored.metadata,
          updatedAt: now,
        }
      : {
          id: args.resourceId,
          workingMemory: args.workingMemory,
          metadata: args.metadata ?? {},
          createdAt: now,
          updatedAt: now,
        };
    this.#writes.push((store) => store.updateResource(args));
    return this.#resource;
  }

  /** The latest page of the turn's thread comes from the snapshot plus what the turn saved. */
  override async listMessages(args: StorageListMessagesInput): Promise<StorageListMessagesOutput> {
    const { perPage } = args;
    const fromSnapshot =
      this.#isTurnThread(args.threadId) &&
      args.resourceId === this.#snapshot.resourceId &&
      !args.page &&
      typeof perPage === 'number' &&
      perPage > 0 &&
      perPage <= this.#snapshot.lastMessages &&
      args.orderBy?.direction === 'DESC' &&
      (args.orderBy.field ?? 'createdAt') === 'createdAt' &&
      !args.include?.length &&
      !args.filter &&
      args.includeTotal === false;
    if (!fromSnapshot) return super.listMessages(args);
    const saved = [...this.#saved.values()].map((msg) => this.#stored(msg));
    const savedIds = new Set(saved.map((msg) => msg.id));
    const all = [...saved, ...this.#snapshot.recent.filter((msg) => !savedIds.has(msg.id))].sort((a, b) =>
      compareMessages('DESC')({ ...a, createdAt: asDate(a.createdAt) }, { ...b, createdAt: asDate(b.createdAt) }),
    );
    const messages = all.slice(0, perPage);
    return { messages, total: messages.length, page: 0, perPage, hasMore: all.length > perPage };
  }

  override async listMessagesById({ messageIds }: { messageIds: string[] }) {
    const others = messageIds.filter((id) => !this.#saved.has(id));
    const stored = others.length ? (await super.listMessagesById({ messageIds: others })).messages : [];
    const saved = messageIds.flatMap((id) => {
      const msg = this.#saved.get(id);
      return msg ? [this.#stored(msg)] : [];
    });
    return { messages: asStored([...stored, ...saved]) };
  }

  override async saveMessages(args: { messages: MastraDBMessage[] }) {
    if (!args.messages.every((msg) => this.#isTurnThread(msg.threadId))) return super.saveMessages(args);
    for (const msg of args.messages) this.#saved.set(msg.id, msg);
    this.#writes.push((store) => store.saveMessages(args));
    return { messages: asStored(args.messages) };
  }

  /** Updates of the turn's own messages wait with them; others are written now. */
  override async updateMessages({ messages: updates }: { messages: MessageUpdate[] }) {
    const mine = updates.filter((u) => this.#saved.has(u.id));
    const others = updates.filter((u) => !this.#saved.has(u.id));
    const updated = others.length ? await super.updateMessages({ messages: others }) : [];
    if (!mine.length) return updated;
    this.#writes.push((store) => store.updateMessages({ messages: mine }));
    for (const { id, content, ...fields } of mine) {
      const msg = this.#saved.get(id) as MastraDBMessage;
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const next = { ...msg, ...defined, content: content ? mergeContent(msg.content, content) : msg.content };
      this.#saved.set(id, next as MastraDBMessage);
      updated.push(this.#stored(next as MastraDBMessage));
    }
    return updated;
  }

  override async deleteMessages(messageIds: string[]) {
    const mine = messageIds.filter((id) => this.#saved.delete(id));
    const others = messageIds.filter((id) => !mine.includes(id));
    if (mine.length) this.#writes.push((store) => store.deleteMessages(mine));
    if (others.length) await super.deleteMessages(others);
  }

  /** A saved message as reading its row back would give it. */
  #stored = (msg: MastraDBMessage) => toMessage(toMessageRow(this.#tenantId, msg));
}
