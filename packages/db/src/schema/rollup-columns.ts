// Shared shape of the daily per-agent rollups (analytics, costs, learning): key columns, bookkeeping columns and
// indexes. Internal to the schema; not re-exported from the index.
import { type ExtraConfigColumn, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { agentRef } from './agents';
import { createdAt, day, id, tenantId, tenantIsolation, updatedAt } from './columns';

/** The columns every daily rollup starts with: one row per agent and UTC day (plus a per-table key). */
export const rollupKey = () => ({
  id: id(),
  tenantId: tenantId(),
  agentId: agentRef(),
  date: day(),
});

/** The bookkeeping columns every rollup ends with; updatedAt moves on each upsert. */
export const rollupTimestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

/**
 * What a daily rollup carries: the tenant isolation policy, and unique (agentId, date, ...keys) so the rollup job can upsert on it — which also
 * serves agent queries and the agent foreign key — and (tenantId, date) for a tenant's date-range charts.
 * Pass `uniqueName` when the generated name would pass PostgreSQL's 63-character identifier limit.
 */
export const rollupOwned = (
  t: { tenantId: ExtraConfigColumn; agentId: ExtraConfigColumn; date: ExtraConfigColumn; createdAt: ExtraConfigColumn },
  keys: ExtraConfigColumn[] = [],
  uniqueName?: string,
) => [
  tenantIsolation(),
  uniqueIndex(uniqueName).on(t.agentId, t.date, ...keys),
  index().on(t.tenantId, t.date),
  index().on(t.createdAt),
];
