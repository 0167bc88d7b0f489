// Rate-limit windows shared by the web processes of one deployment (the server's http/rate-limit-sync.ts): one row
// per limited key — a hash, never the address or key itself — holding when its window started, how long it lasts
// and the hits counted in it by every process. Not tenant data: no tenant_id, no isolation policy; the system handle
// reads and writes it. UNLOGGED (see the migration): a crash of the database server may forget current windows.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const rateLimitHit = pgTable('rate_limit_hit', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  windowMs: integer().notNull(),
  count: integer().notNull(),
});
