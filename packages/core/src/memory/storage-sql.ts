// SQL building blocks of the memory storage: jsonb parameters and filters, upsert's `excluded` row, the message
// list order (createdAt, then id in byte order so SQL and JS agree) and page totals.
import type { StorageListMessagesInput, ThreadSortDirection } from '@mastra/core/storage';
import { memoryMessage } from '@trellis/db';
import { and, asc, desc, gt, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { asDate } from './rows';

const m = memoryMessage;

/** A JSON value as a jsonb parameter. */
export const jsonb = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** The proposed value of `column` inside ON CONFLICT DO UPDATE (columns are snake_case in the database). */
export const excluded = (column: AnyPgColumn) => sql.raw(`excluded."${toSnakeCase(column.name)}"`);

/** `column -> key` equals `value` as JSON (deep, exact types); an undefined value means the key is absent. */
export const jsonKeyEquals = (column: AnyPgColumn, key: string, value: unknown) =>
  value === undefined ? sql`${column} -> ${key} is null` : sql`${column} -> ${key} = ${jsonb(value)}`;

/** Message ids compare bytewise, whatever the database's default collation. */
export const messageId = sql`${m.id} collate "C"`;

/** Orders messages by createdAt, then id, in `direction`. */
export const messageOrder = (direction: ThreadSortDirection) => {
  const dir = direction === 'ASC' ? asc : desc;
  return [dir(m.createdAt), dir(messageId)];
};

/** The same order in JS, for merging separately fetched messages. */
export const compareMessages =
  (direction: ThreadSortDirection) => (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => {
    const diff = a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return direction === 'ASC' ? diff : -diff;
  };

type DateRange = NonNullable<StorageListMessagesInput['filter']>['dateRange'];

/** Mastra's message date range: inclusive bounds unless `startExclusive` / `endExclusive`. */
export function createdWithin(range: DateRange): SQL | undefined {
  if (!range) return undefined;
  return and(
    range.start ? (range.startExclusive ? gt : gte)(m.createdAt, asDate(range.start)) : undefined,
    range.end ? (range.endExclusive ? lt : lte)(m.createdAt, asDate(range.end)) : undefined,
  );
}

/**
 * The total number of matching rows for a page that started at `offset`: read off the page when it is the last one
 * (short, and not past the end), counted otherwise.
 */
export async function pageTotal(rows: number, offset: number, perPage: number, count: () => Promise<number>) {
  return rows < perPage && (rows > 0 || offset === 0) ? offset + rows : count();
}
