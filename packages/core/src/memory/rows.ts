// Conversions between the memory tables' rows and Mastra's storage types: SQL nulls become absent fields, message
// content is Mastra's MastraMessageContentV2 kept as jsonb.
import { type MastraDBMessage, type MastraMessageContentV2, MessageList } from '@mastra/core/agent';
import type { StorageThreadType } from '@mastra/core/memory';
import type { StorageResourceType } from '@mastra/core/storage';
import type { MemoryMessage, MemoryResource, MemoryThread } from '@trellis/db';

/** A timestamp Mastra may hand over as a Date or (from JSON) an ISO string; absent means now. */
export const asDate = (value: Date | string | undefined): Date => (value ? new Date(value) : new Date());

export const toThread = (row: MemoryThread): StorageThreadType => ({
  id: row.id,
  resourceId: row.resourceId,
  title: row.title ?? undefined,
  metadata: row.metadata ?? undefined,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const toMessage = (row: MemoryMessage): MastraDBMessage => ({
  id: row.id,
  threadId: row.threadId,
  ...(row.resourceId !== null && { resourceId: row.resourceId }),
  role: row.role as MastraDBMessage['role'],
  ...(row.type !== null && { type: row.type }),
  content: row.content as MastraMessageContentV2,
  createdAt: row.createdAt,
});

/** A message as its row holds it (every column set, so it also reads back as the stored row). */
export const toMessageRow = (tenantId: string, message: MastraDBMessage): MemoryMessage => ({
  tenantId,
  id: message.id,
  threadId: message.threadId ?? '',
  resourceId: message.resourceId ?? null,
  role: message.role ?? 'user',
  type: message.type ?? null,
  content: message.content,
  createdAt: asDate(message.createdAt),
});

export const toResource = (row: MemoryResource): StorageResourceType => ({
  id: row.id,
  workingMemory: row.workingMemory ?? undefined,
  metadata: row.metadata ?? undefined,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Mastra's partial content update: top-level fields replace, `metadata` merges one level deep. */
export function mergeContent(stored: MemoryMessage['content'], update: Partial<MastraMessageContentV2>) {
  const storedMetadata = stored.metadata as Record<string, unknown> | undefined;
  return {
    ...stored,
    ...update,
    ...(storedMetadata && update.metadata && { metadata: { ...storedMetadata, ...update.metadata } }),
  };
}

/** Messages as a storage hands them back after saving them (Mastra's normalised database form). */
export const asStored = (messages: MastraDBMessage[]) => new MessageList().add(messages, 'memory').get.all.db();
