// Agent memory (Mastra Memory's storage, SPEC §5): conversation threads, their messages and per-resource working
// memory, all tenant-scoped. Ids come from Mastra and are unique only within a tenant, hence composite keys.
import { foreignKey, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, tenantIsolation, updatedAt } from './columns';
import type { JsonObject } from './json';

/** A conversation thread of one resource (user); Mastra sets both timestamps. */
export const memoryThread = pgTable(
  'memory_thread',
  {
    tenantId: tenantId(),
    id: text().notNull(),
    resourceId: text().notNull(),
    title: text(),
    metadata: jsonb().$type<JsonObject>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantIsolation(),
    primaryKey({ columns: [t.tenantId, t.id] }),
    index().on(t.tenantId, t.resourceId, t.updatedAt),
  ],
);

/** One message of a thread; deleted with its thread. Listed in (createdAt, id) order. */
export const memoryMessage = pgTable(
  'memory_message',
  {
    tenantId: tenantId(),
    id: text().notNull(),
    threadId: text().notNull(),
    resourceId: text(),
    /** 'user' | 'assistant' | 'system' | 'signal'. */
    role: text().notNull(),
    /** Mastra's optional message type tag, stored as given. */
    type: text(),
    /** Mastra's MastraMessageContentV2 (`{ format: 2, parts, … }`). */
    content: jsonb().$type<JsonObject>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantIsolation(),
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.threadId],
      foreignColumns: [memoryThread.tenantId, memoryThread.id],
    }).onDelete('cascade'),
    index().on(t.tenantId, t.threadId, t.createdAt),
    // Semantic recall searches a user's latest messages across threads.
    index().on(t.tenantId, t.resourceId, t.createdAt),
  ],
);

/** A resource (user) with its resource-scoped working memory. */
export const memoryResource = pgTable(
  'memory_resource',
  {
    tenantId: tenantId(),
    id: text().notNull(),
    workingMemory: text(),
    metadata: jsonb().$type<JsonObject>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantIsolation(), primaryKey({ columns: [t.tenantId, t.id] })],
);

export type MemoryThread = typeof memoryThread.$inferSelect;
export type NewMemoryThread = typeof memoryThread.$inferInsert;
export type MemoryMessage = typeof memoryMessage.$inferSelect;
export type NewMemoryMessage = typeof memoryMessage.$inferInsert;
export type MemoryResource = typeof memoryResource.$inferSelect;
export type NewMemoryResource = typeof memoryResource.$inferInsert;
