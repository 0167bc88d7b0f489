// DrizzleMemoryStorage: Mastra Memory's storage domain on our database (memory_thread, memory_message,
// memory_resource) for one tenant — every query filters by tenantId. Behaviour follows Mastra's InMemoryMemory.
// Bound to the database, or to an open transaction that its writes join.
import type { MastraDBMessage } from '@mastra/core/agent';
import type { StorageThreadType } from '@mastra/core/memory';
import {
  calculatePagination,
  MemoryStorage,
  normalizePerPage,
  type StorageListMessagesInput,
  type StorageListMessagesOutput,
  type StorageListThreadsInput,
  type StorageListThreadsOutput,
  type StorageResourceType,
  validateStorageMetadataFilter,
} from '@mastra/core/storage';
import { memoryMessage, memoryResource, memoryThread } from '@trellis/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../context';
import { asDate, asStored, mergeContent, toMessage, toMessageRow, toResource, toThread } from './rows';
import { includedMessages } from './storage-included-messages';
import { compareMessages, createdWithin, excluded, jsonb, jsonKeyEquals, messageOrder, pageTotal } from './storage-sql';

const m = memoryMessage;
const t = memoryThread;
const r = memoryResource;

export type MessageUpdate = Parameters<MemoryStorage['updateMessages']>[0]['messages'][number];

export type DrizzleMemoryStorageOptions = { tenantId: string } & (
  | { db: Executor }
  /** Bound to an open transaction: multi-statement writes run in it as they are, without a savepoint. */
  | { tx: Tx }
);

export class DrizzleMemoryStorage extends MemoryStorage {
  override readonly supportsPartialThreadUpdate = true;
  readonly #db: Executor;
  readonly #tx: Tx | undefined;
  readonly #tenantId: string;

  constructor(options: DrizzleMemoryStorageOptions) {
    super();
    this.#tx = 'tx' in options ? options.tx : undefined;
    this.#db = 'tx' in options ? options.tx : options.db;
    this.#tenantId = options.tenantId;
  }

  /** Runs `write` atomically: in a transaction of its own, or in the one the storage is bound to. */
  #atomically = <T>(write: (tx: Tx) => Promise<T>) => (this.#tx ? write(this.#tx) : this.#db.transaction(write));

  #thread = (id: string) => and(eq(t.tenantId, this.#tenantId), eq(t.id, id));
  #threads = (ids: string[]) => and(eq(t.tenantId, this.#tenantId), inArray(t.id, ids));
  #messages = (...conditions: (SQL | undefined)[]) => and(eq(m.tenantId, this.#tenantId), ...conditions);

  override async getThreadById({ threadId, resourceId }: { threadId: string; resourceId?: string }) {
    const owner = resourceId === undefined ? undefined : eq(t.resourceId, resourceId);
    const [row] = await this.#db
      .select()
      .from(t)
      .where(and(this.#thread(threadId), owner))
      .limit(1);
    return row ? toThread(row) : null;
  }

  override async saveThread({ thread }: { thread: StorageThreadType }) {
    const fields = {
      resourceId: thread.resourceId,
      title: thread.title ?? null,
      metadata: thread.metadata ?? null,
      createdAt: asDate(thread.createdAt),
      updatedAt: asDate(thread.updatedAt),
    };
    await this.#db
      .insert(t)
      .values({ tenantId: this.#tenantId, id: thread.id, ...fields })
      .onConflictDoUpdate({ target: [t.tenantId, t.id], set: fields });
    return thread;
  }

  /** Partial update: an omitted title or metadata is left as is; metadata merges shallowly into the stored one. */
  override async updateThread({
    id,
    title,
    metadata,
  }: {
    id: string;
    title?: string;
    metadata?: Record<string, unknown>;
  }) {
    const merged = metadata && sql`coalesce(${t.metadata}, '{}'::jsonb) || ${jsonb(metadata)}`;
    const [row] = await this.#db
      .update(t)
      .set({ title, metadata: merged, updatedAt: new Date() })
      .where(this.#thread(id))
      .returning();
    if (!row) throw new Error(`Thread with id ${id} not found`);
    return toThread(row);
  }

  /** Deletes the thread; its messages go with it (foreign key cascade). */
  override async deleteThread({ threadId }: { threadId: string }) {
    await this.#db.delete(t).where(this.#thread(threadId));
  }

  override async listThreads(args: StorageListThreadsInput): Promise<StorageListThreadsOutput> {
    const { page = 0, perPage: perPageInput, orderBy, filter } = args;
    this.validatePaginationInput(page, perPageInput ?? 100);
    this.validateMetadataKeys(filter?.metadata);
    const perPage = normalizePerPage(perPageInput, 100);
    const { offset, perPage: perPageForResponse } = calculatePagination(page, perPageInput, perPage);
    const { field, direction } = this.parseOrderBy(orderBy);
    const dir = direction === 'ASC' ? asc : desc;
    const where = and(
      eq(t.tenantId, this.#tenantId),
      filter?.resourceId ? eq(t.resourceId, filter.resourceId) : undefined,
      ...Object.entries(filter?.metadata ?? {}).map(([key, value]) => jsonKeyEquals(t.metadata, key, value)),
    );
    const rows = await this.#db
      .select()
      .from(t)
      .where(where)
      .orderBy(dir(t[field]), dir(t.id))
      .limit(perPage)
      .offset(offset);
    const total = await pageTotal(rows.length, offset, perPage, () => this.#db.$count(t, where));
    return {
      threads: rows.map(toThread),
      total,
      page,
      perPage: perPageForResponse,
      hasMore: offset + perPage < total,
    };
  }

  /**
   * One page of the threads' messages (default 40, oldest first) plus the `include`d messages with their context;
   * `total` counts the page's matches only. `includeTotal: false` skips the count and peeks one row for `hasMore`.
   */
  override async listMessages(args: StorageListMessagesInput): Promise<StorageListMessagesOutput> {
    const { threadId, resourceId, include, filter, perPage: perPageInput, page = 0, orderBy } = args;
    const threadIds = Array.isArray(threadId) ? threadId : [threadId];
    if (threadIds.length === 0 || threadIds.some((id) => !id?.trim())) {
      throw new Error('threadId must be a non-empty string or array of non-empty strings');
    }
    const metadataFilter = validateStorageMetadataFilter(filter?.metadata);
    const perPage = normalizePerPage(perPageInput, 40);
    const { offset, perPage: perPageForResponse } = calculatePagination(page, perPageInput, perPage);
    const { direction } = this.parseOrderBy(orderBy, 'ASC');
    const order = compareMessages(direction);
    const included = await includedMessages(this.#db, this.#tenantId, include, resourceId || undefined);
    if (perPage === 0) {
      const messages = included.sort(order).map(toMessage);
      return { messages, total: 0, page, perPage: perPageForResponse, hasMore: false };
    }

    const where = this.#messages(
      inArray(m.threadId, threadIds),
      resourceId ? eq(m.resourceId, resourceId) : undefined,
      createdWithin(filter?.dateRange),
      metadataFilter && sql`${m.content} -> 'metadata' @> ${jsonb(metadataFilter)}`,
    );
    const peek = args.includeTotal === false ? 1 : 0;
    const fetched = await this.#db
      .select()
      .from(m)
      .where(where)
      .orderBy(...messageOrder(direction))
      .limit(perPage + peek)
      .offset(offset);
    const rows = fetched.slice(0, perPage);
    const total = peek
      ? offset + rows.length
      : await pageTotal(rows.length, offset, perPage, () => this.#db.$count(m, where));

    const pageIds = new Set(rows.map((row) => row.id));
    const merged = [...rows, ...included.filter((row) => !pageIds.has(row.id))].sort(order);
    const threadSet = new Set(threadIds);
    const allReturned = merged.filter((row) => threadSet.has(row.threadId)).length >= total;
    const hasMore = peek ? fetched.length > perPage : offset + rows.length < total && !allReturned;
    return { messages: merged.map(toMessage), total, page, perPage: perPageForResponse, hasMore };
  }

  override async listMessagesById({ messageIds }: { messageIds: string[] }) {
    if (messageIds.length === 0) return { messages: [] };
    const rows = await this.#db
      .select()
      .from(m)
      .where(this.#messages(inArray(m.id, messageIds)))
      .orderBy(...messageOrder('ASC'));
    return { messages: asStored(rows.map(toMessage)) };
  }

  /** Upserts messages by id (the last copy of a repeated id wins) and bumps their threads' updatedAt. */
  override async saveMessages({ messages }: { messages: MastraDBMessage[] }) {
    if (messages.length === 0) return { messages: [] };
    const rows = [...new Map(messages.map((msg) => [msg.id, toMessageRow(this.#tenantId, msg)])).values()];
    const threadIds = [...new Set(rows.map((row) => row.threadId))];
    const set = Object.fromEntries(
      [m.threadId, m.resourceId, m.role, m.type, m.content, m.createdAt].map((c) => [c.name, excluded(c)]),
    );
    await this.#atomically(async (tx) => {
      await tx
        .insert(m)
        .values(rows)
        .onConflictDoUpdate({ target: [m.tenantId, m.id], set });
      await tx.update(t).set({ updatedAt: new Date() }).where(this.#threads(threadIds));
    });
    return { messages: asStored(messages) };
  }

  /** Applies partial updates (unknown ids are skipped) and bumps the updatedAt of every thread involved. */
  override async updateMessages({ messages: updates }: { messages: MessageUpdate[] }) {
    if (updates.length === 0) return [];
    return this.#atomically(async (tx) => {
      const ids = updates.map((update) => update.id);
      const rows = await tx
        .select()
        .from(m)
        .where(this.#messages(inArray(m.id, ids)));
      const stored = new Map(rows.map((row) => [row.id, row]));
      const threadIds = new Set<string>();
      const updated: MastraDBMessage[] = [];
      for (const { id, threadId, resourceId, role, type, content } of updates) {
        const row = stored.get(id);
        if (!row) continue;
        const [next] = await tx
          .update(m)
          .set({
            threadId,
            resourceId,
            role,
            type,
            content: content && mergeContent(row.content, content),
          })
          .where(this.#messages(eq(m.id, id)))
          .returning();
        threadIds.add(row.threadId).add(next.threadId);
        updated.push(toMessage(next));
      }
      if (threadIds.size) {
        await tx
          .update(t)
          .set({ updatedAt: new Date() })
          .where(this.#threads([...threadIds]));
      }
      return updated;
    });
  }

  override async deleteMessages(messageIds: string[]) {
    if (!messageIds?.length) return;
    await this.#atomically(async (tx) => {
      const deleted = await tx
        .delete(m)
        .where(this.#messages(inArray(m.id, messageIds)))
        .returning({ threadId: m.threadId });
      const threadIds = [...new Set(deleted.map((row) => row.threadId))];
      if (threadIds.length) await tx.update(t).set({ updatedAt: new Date() }).where(this.#threads(threadIds));
    });
  }

  override async getResourceById({ resourceId }: { resourceId: string }) {
    const [row] = await this.#db
      .select()
      .from(r)
      .where(and(eq(r.tenantId, this.#tenantId), eq(r.id, resourceId)))
      .limit(1);
    return row ? toResource(row) : null;
  }

  override async saveResource({ resource }: { resource: StorageResourceType }) {
    const fields = {
      workingMemory: resource.workingMemory ?? null,
      metadata: resource.metadata ?? null,
      createdAt: asDate(resource.createdAt),
      updatedAt: asDate(resource.updatedAt),
    };
    await this.#db
      .insert(r)
      .values({ tenantId: this.#tenantId, id: resource.id, ...fields })
      .onConflictDoUpdate({ target: [r.tenantId, r.id], set: fields });
    return resource;
  }

  /** Creates the resource when missing; otherwise sets workingMemory if given and merges metadata shallowly. */
  override async updateResource({
    resourceId,
    workingMemory,
    metadata,
  }: {
    resourceId: string;
    workingMemory?: string;
    metadata?: Record<string, unknown>;
  }) {
    const now = new Date();
    const [row] = await this.#db
      .insert(r)
      .values({
        tenantId: this.#tenantId,
        id: resourceId,
        workingMemory,
        metadata: metadata ?? {},
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [r.tenantId, r.id],
        set: {
          workingMemory,
          metadata: metadata && sql`coalesce(${r.metadata}, '{}'::jsonb) || ${jsonb(metadata)}`,
          updatedAt: now,
        },
      })
      .returning();
    return toResource(row);
  }

  /** Removes this tenant's memory (threads with their messages, and resources). */
  override async dangerouslyClearAll() {
    await this.#db.delete(t).where(eq(t.tenantId, this.#tenantId));
    await this.#db.delete(r).where(eq(r.tenantId, this.#tenantId));
  }
}
