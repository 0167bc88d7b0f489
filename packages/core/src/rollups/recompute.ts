// Rebuilds rollup rows from their aggregates (the repair path of rollup-daily) and refreshes chosen columns for one
// agent and day (the incremental path's ratios). System-wide: it spans tenants, so it takes no tenant id.

import type { Db } from '@trellis/db';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../context';
import { type RollupDefinition, type RollupScope, rollupDefinitions } from './aggregates';
import { rebuildVersionStats } from './version-stats';

/**
 * Advisory lock between the two paths: run-completed handlers hold it shared while they apply increments, the
 * recompute holds it exclusively, so a recompute never overwrites an increment it did not see.
 */
const ROLLUP_LOCK = 7_305_517_413;

export const lockRollupsShared = (tx: Executor) =>
  tx.execute(sql`select pg_advisory_xact_lock_shared(${ROLLUP_LOCK}::bigint)`);
const lockRollupsExclusive = (tx: Executor) => tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK}::bigint)`);

const ident = (names: string[]) => sql.raw(names.join(', '));
const matchKeys = (def: RollupDefinition, left: string, right: string) =>
  sql.raw(['agent_id', 'date', ...def.keys].map((k) => `${left}.${k} = ${right}.${k}`).join(' and '));

/** Writes `def`'s aggregate over `scope` into its table (upsert) and deletes rows in scope the aggregate lacks. */
async function rebuild(tx: Executor, def: RollupDefinition, scope: RollupScope): Promise<number> {
  const table = sql.raw(def.table);
  const cols = ['agent_id', 'date', ...def.keys];
  const agent = scope.agentId ? sql` and t.agent_id = ${scope.agentId}` : sql``;
  await tx.execute(sql`
    delete from ${table} t
    where t.date between ${scope.from}::date and ${scope.to}::date${agent}
      and not exists (select 1 from (${def.aggregate(scope)}) a where ${matchKeys(def, 'a', 't')})`);
  const set = sql.raw(def.values.map((v) => `${v} = excluded.${v}`).join(', '));
  const written = await tx.execute(sql`
    insert into ${table} (id, tenant_id, ${ident(cols)}, ${ident(def.values)})
    select gen_random_uuid()::text, a.tenant_id, ${ident(cols.map((c) => `a.${c}`))}, ${ident(def.values.map((v) => `a.${v}`))}
    from (${def.aggregate(scope)}) a
    on conflict (${ident(cols)}) do update set ${set}, updated_at = now()
    returning 1`);
  return rowCount(written);
}

function rowCount(result: unknown): number {
  const r = result as { rows?: unknown[]; length?: number };
  return Array.isArray(r) ? r.length : (r.rows?.length ?? 0);
}

/**
 * Recomputes every rollup of `scope` from the raw rows, in one transaction under the exclusive rollup lock.
 * Returns the number of rows written per table.
 */
export async function recomputeRollups(db: Db, scope: RollupScope): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    await lockRollupsExclusive(tx);
    const written: Record<string, number> = {};
    for (const def of rollupDefinitions) written[def.table] = await rebuild(tx, def, scope);
    written.agent_version_stats = rowCount(await rebuildVersionStats(tx, scope));
    return written;
  });
}

/** Sets `columns` of `table`'s existing rows in `scope` to their aggregate values (ratios and percentiles). */
export async function refreshColumns(tx: Executor, table: string, columns: string[], scope: RollupScope) {
  const def = rollupDefinitions.find((d) => d.table === table);
  if (!def) throw new Error(`unknown rollup table ${table}`);
  const set: SQL = sql.raw(columns.map((c) => `${c} = a.${c}`).join(', '));
  await tx.execute(sql`
    update ${sql.raw(table)} t set ${set}
    from (${def.aggregate(scope)}) a
    where ${matchKeys(def, 't', 'a')}`);
}
