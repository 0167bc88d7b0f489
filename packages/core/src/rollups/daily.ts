// The rollup-daily repair: for a range of UTC days (default yesterday and today) record the cost events a lost
// run-completed job never wrote, recompute every rollup from the raw rows, and refresh the cost recommendations of
// the agents that ran. System-wide: it spans tenants.
import { agentRun, costEvent, type Db } from '@trellis/db';
import { and, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { systemContext } from '../context';
import { refreshRecommendations } from '../costs/recommendations';
import { finishedRunStatuses, recordRunCost } from '../costs/run-cost';
import type { Runtime } from '../runtime';
import { recomputeRollups } from './recompute';

const DAY_MS = 86_400_000;
/** How long a finished run may wait for its own run-completed job before the repair records it. */
const SETTLE_MS = 5 * 60_000;
const dayString = (d: Date) => d.toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00.000Z`);

export interface RollupDailyResult {
  from: string;
  to: string;
  backfilledCostEvents: number;
  rowsWritten: Record<string, number>;
  recommendationsRefreshed: number;
}

export async function rollupDaily(
  db: Db,
  runtime: Runtime,
  range: { from?: string; to?: string } = {},
  now = new Date(),
): Promise<RollupDailyResult> {
  const to = range.to ?? dayString(now);
  const from = range.from ?? dayString(new Date(startOf(to).getTime() - DAY_MS));
  const window = and(
    gte(agentRun.createdAt, startOf(from)),
    lt(agentRun.createdAt, new Date(startOf(to).getTime() + DAY_MS)),
  );

  // Finished runs without a cost event whose last write is a while ago: their run-completed job was lost (a run
  // cancelled from another process is still being recorded by its own process for a moment).
  const missing = await db
    .select({ id: agentRun.id, tenantId: agentRun.tenantId })
    .from(agentRun)
    .leftJoin(costEvent, sql`${costEvent.runId} = ${agentRun.id}`)
    .where(
      and(
        window,
        inArray(agentRun.status, finishedRunStatuses),
        isNull(costEvent.id),
        lt(agentRun.updatedAt, new Date(now.getTime() - SETTLE_MS)),
      ),
    );
  let backfilled = 0;
  for (const run of missing) {
    const result = await recordRunCost(systemContext(db, runtime, run.tenantId, 'rollup-daily'), run.id);
    if (result.outcome === 'recorded') backfilled++;
  }

  const rowsWritten = await recomputeRollups(db, { from, to });

  const agents = await db
    .selectDistinct({ tenantId: agentRun.tenantId, agentId: sql<string>`${agentRun.agentId}` })
    .from(agentRun)
    .where(and(window, sql`${agentRun.agentId} is not null`));
  for (const a of agents)
    await refreshRecommendations(systemContext(db, runtime, a.tenantId, 'rollup-daily'), a.agentId);

  return { from, to, backfilledCostEvents: backfilled, rowsWritten, recommendationsRefreshed: agents.length };
}
