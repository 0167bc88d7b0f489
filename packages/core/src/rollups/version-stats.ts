// agent_version_stats (SPEC §4 AgentVersionStats): running totals per agent version — runs, successes, mean duration
// of its completed runs (a missing duration counts as 0), cost — over every counted run that recorded its version.
// The run-completed path adds its batch of runs in its transaction (the mean moves incrementally, so no scan); the
// repair recomputes the versions that ran in a range from all their runs (answering the inserted rows).
import { agentVersionStats } from '@trellis/db';
import { sql } from 'drizzle-orm';
import type { Executor, Tx } from '../context';
import type { RollupScope } from './aggregates';
import { type CountedRun, sumByKey } from './counted';

/** Adds newly counted runs to their versions' totals (inside the transaction that counted them): one upsert. */
export async function addRunsToVersionStats(tx: Tx, counted: CountedRun[]) {
  const perRun = counted.flatMap(({ run, event }) => {
    if (!run.versionId) return [];
    const completed = run.status === 'COMPLETED';
    return [
      {
        tenantId: run.tenantId,
        agentId: run.agentId,
        versionId: run.versionId,
        runs: 1,
        successes: completed ? 1 : 0,
        durations: completed ? (run.durationMs ?? 0) : 0,
        costUsd: event.costUsd,
      },
    ];
  });
  if (!perRun.length) return;
  const rows = sumByKey(perRun, (r) => r.versionId, ['runs', 'successes', 'durations', 'costUsd']).map(
    ({ durations, ...v }) => ({ ...v, avgDurationMs: v.successes ? durations / v.successes : null }),
  );
  const t = agentVersionStats;
  await tx
    .insert(t)
    .values(rows)
    .onConflictDoUpdate({
      target: t.versionId,
      set: {
        runs: sql`${t.runs} + excluded.runs`,
        successes: sql`${t.successes} + excluded.successes`,
        // The mean over completed runs, with the batch's completed runs (k of them, mean e) folded in:
        // (m·n + e·k) / (n + k); unchanged when the batch completed none.
        avgDurationMs: sql`case when excluded.successes = 0 then ${t.avgDurationMs} else
          (coalesce(${t.avgDurationMs}, 0) * ${t.successes} + excluded.avg_duration_ms * excluded.successes)
            / (${t.successes} + excluded.successes) end`,
        costUsd: sql`${t.costUsd} + excluded.cost_usd`,
        updatedAt: sql`now()`,
      },
    });
}

/**
 * Recomputes the totals of every version with a run in `scope` from all of that version's counted runs (a version's
 * totals span days, so a day's repair looks at the whole version). Call under the exclusive rollup lock.
 */
export async function rebuildVersionStats(tx: Executor, scope: RollupScope) {
  const agent = scope.agentId ? sql` and agent_id = ${scope.agentId}` : sql``;
  const versions = sql`select distinct version_id from agent_run
    where version_id is not null and agent_id is not null${agent}
      and created_at >= ${scope.from}::date::timestamp at time zone 'UTC'
      and created_at < (${scope.to}::date + 1)::timestamp at time zone 'UTC'`;
  await tx.execute(sql`delete from agent_version_stats where version_id in (${versions})`);
  return tx.execute(sql`
    insert into agent_version_stats (id, tenant_id, agent_id, version_id, runs, successes, avg_duration_ms, cost_usd)
    select gen_random_uuid()::text, r.tenant_id, r.agent_id, r.version_id, count(*)::int,
      (count(*) filter (where r.status = 'COMPLETED'))::int,
      (avg(coalesce(r.duration_ms, 0)) filter (where r.status = 'COMPLETED'))::float8,
      sum(ce.cost_usd)
    from agent_run r join cost_event ce on ce.run_id = r.id
    where r.agent_id is not null and r.version_id in (${versions})
    group by r.tenant_id, r.agent_id, r.version_id
    returning 1`);
}
