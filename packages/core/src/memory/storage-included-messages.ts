// Mastra's `include` option of listMessages: messages fetched by id together with a window of their neighbours in
// their own thread, in (createdAt, id) order, without leaving the tenant (or the resource, when one is given).
import type { StorageListMessagesInput } from '@mastra/core/storage';
import { type Db, type MemoryMessage, memoryMessage as m } from '@trellis/db';
import { and, eq, gt, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { messageId, messageOrder } from './storage-sql';

type Include = NonNullable<StorageListMessagesInput['include']>;
type Position = { createdAt: Date; id: string };

/** Messages at or before / strictly after `position` in (createdAt, id) order. */
function relativeTo(position: Position, side: 'atOrBefore' | 'after'): SQL | undefined {
  const [timeOp, idOp] = side === 'atOrBefore' ? [lt, sql`<=`] : [gt, sql`>`];
  return or(
    timeOp(m.createdAt, position.createdAt),
    and(eq(m.createdAt, position.createdAt), sql`${messageId} ${idOp} ${position.id}`),
  );
}

/**
 * Each included message plus `withPreviousMessages` before and `withNextMessages` after it; unknown ids are skipped.
 * With a `resourceId`, the target and its neighbours must belong to that resource.
 */
export async function includedMessages(
  db: Db,
  tenantId: string,
  include: Include | undefined,
  resourceId: string | undefined,
): Promise<MemoryMessage[]> {
  if (!include?.length) return [];
  const scope = (...conditions: (SQL | undefined)[]) =>
    and(eq(m.tenantId, tenantId), resourceId === undefined ? undefined : eq(m.resourceId, resourceId), ...conditions);
  const targets = await db
    .select({ id: m.id, threadId: m.threadId, createdAt: m.createdAt })
    .from(m)
    .where(scope(inArray(m.id, [...new Set(include.map((item) => item.id))])));
  const byId = new Map(targets.map((target) => [target.id, target]));

  const window = (target: (typeof targets)[number], side: 'atOrBefore' | 'after', count: number) =>
    db
      .select()
      .from(m)
      .where(scope(eq(m.threadId, target.threadId), relativeTo(target, side)))
      .orderBy(...messageOrder(side === 'after' ? 'ASC' : 'DESC'))
      .limit(count);
  const windows = await Promise.all(
    include.flatMap((item) => {
      const target = byId.get(item.id);
      if (!target) return [];
      const after = item.withNextMessages ?? 0;
      return [
        window(target, 'atOrBefore', (item.withPreviousMessages ?? 0) + 1),
        ...(after > 0 ? [window(target, 'after', after)] : []),
      ];
    }),
  );
  return [...new Map(windows.flat().map((row) => [row.id, row])).values()];
}
