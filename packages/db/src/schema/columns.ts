// Column and index helpers shared by every domain table: ids, timestamps, tenant scoping, money, tokens and
// rollup days — declared once so every table spells them the same way.
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  type ExtraConfigColumn,
  index,
  integer,
  numeric,
  pgPolicy,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { organization } from './auth';

/** Text primary key, a random UUID generated in the application on insert. */
export const id = () =>
  text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** Row creation time, set by the database. */
export const createdAt = () => timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow();

/** Last modification time; Drizzle refreshes it on every update. */
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** The owning organization (tenant); deleting the organization deletes the row. */
export const tenantId = () =>
  text()
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' });

/** A nullable moment in a row's lifecycle (startedAt, resolvedAt, dismissedAt, …). */
export const timestamptz = () => timestamp({ withTimezone: true });

/** A USD amount: numeric(20,10), read and written as a JS number. Nullable; see `usdTotal` for the 0-default form. */
export const usd = () => numeric({ precision: 20, scale: 10, mode: 'number' });

/** A USD amount that starts at 0 (costs, rollup sums). */
export const usdTotal = () => usd().notNull().default(0);

/** A non-negative count that starts at 0 (token counts of one call, runs, calls, attempts). */
export const counter = () => integer().notNull().default(0);

/** A summed token count in rollups, which can outgrow int4; read as a JS number. */
export const tokenSum = () => bigint({ mode: 'number' }).notNull().default(0);

/** An average or ratio that is absent until there is data (avgQuality, winRate, …). */
export const ratio = () => doublePrecision();

/** A list of strings (tags, scorer ids) that starts empty. */
export const textList = () => text().array().notNull().default(sql`'{}'::text[]`);

/** A rollup's calendar day (UTC), read as 'YYYY-MM-DD'. */
export const day = () => date({ mode: 'string' }).notNull();

/** The session settings the isolation policy reads; `@trellis/db`'s scoped handles set them (scope.ts). */
export const scopeSettings = { scope: 'trellis.scope', tenantId: 'trellis.tenant_id' } as const;

/**
 * Row-level isolation of a tenant-owned table: a connection sees and writes only the rows of the tenant in its
 * `trellis.tenant_id` setting, or every row when its `trellis.scope` is 'system'; with neither set, none. PostgreSQL
 * applies it to every statement of an ordinary role (FORCE ROW LEVEL SECURITY, so the owner too); a superuser or a
 * BYPASSRLS role skips it, which the server reports at start.
 */
export const tenantIsolation = () =>
  pgPolicy('tenant_isolation', {
    for: 'all',
    using: sql.raw(
      `tenant_id = current_setting('${scopeSettings.tenantId}', true) OR current_setting('${scopeSettings.scope}', true) = 'system'`,
    ),
  });

/**
 * What every tenant-owned table carries (SPEC §4): its isolation policy, and indexes for tenant isolation with
 * newest-first listing (tenantId, createdAt) — which also serves plain tenantId lookups — and global time-range
 * filtering (createdAt).
 */
export const tenantOwned = (t: { tenantId: ExtraConfigColumn; createdAt: ExtraConfigColumn }) => [
  tenantIsolation(),
  index().on(t.tenantId, t.createdAt),
  index().on(t.createdAt),
];

/**
 * What an agent-scoped event table (runs, costs, alerts, …) carries: `tenantOwned`, agentId for agent queries and
 * foreign-key cascades, and (tenantId, agentId, createdAt) for a tenant's per-agent time ranges.
 */
export const agentEventOwned = (t: {
  tenantId: ExtraConfigColumn;
  agentId: ExtraConfigColumn;
  createdAt: ExtraConfigColumn;
}) => [...tenantOwned(t), index().on(t.agentId), index().on(t.tenantId, t.agentId, t.createdAt)];
