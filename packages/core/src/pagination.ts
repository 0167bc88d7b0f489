// Newest-first cursor pagination and the query parameters list endpoints share: a limit, an opaque cursor
// (createdAt with ms precision + id) and ISO date/datetime bounds.
import { and, type Column, eq, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { invalidInput } from './errors';

/** An ISO 8601 datetime with offset (`2026-01-02T03:04:05Z`) or a date (`2026-01-02`, midnight UTC), as a Date. */
export const isoDateParam = z
  .string()
  .refine((s) => z.iso.datetime({ offset: true }).or(z.iso.date()).safeParse(s).success, {
    message: 'use an ISO 8601 date or datetime, e.g. 2026-01-02 or 2026-01-02T03:04:05Z',
  })
  .transform((s) => new Date(s));

export const pageParams = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

const encodeCursor = (createdAt: Date, id: string) =>
  Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const createdAt = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw invalidInput('cursor is not valid; use the nextCursor of a previous page', { field: 'cursor' });
  }
}

/** `where` for the rows after `cursor` in (createdAt desc, id desc) order; 400 for a cursor we did not issue. */
export function afterCursor(columns: { createdAt: Column; id: Column }, cursor: string): SQL {
  const c = decodeCursor(cursor);
  return or(lt(columns.createdAt, c.createdAt), and(eq(columns.createdAt, c.createdAt), lt(columns.id, c.id))) as SQL;
}

/** Cuts `limit + 1` fetched rows to a page; `nextCursor` is set while more rows match. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
