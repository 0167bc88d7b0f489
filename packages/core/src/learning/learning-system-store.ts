// Continuous learning's system-wide reads and the daily metrics rollup, across tenants on purpose (the scheduled jobs):
// the agents the six-hourly backstop starts a session for, the running experiments the 15-minute checker visits, the
// approved proposals whose promotion is still due, and LearningMetricDaily recomputed from the learning tables.
import {
  type Db,
  learningApproval,
  learningExperiment,
  learningMetricDaily,
  learningPolicy,
  learningProposal,
  learningSession,
  learningSignal,
} from '@trellis/db';
import { and, between, eq, type SQL, sql } from 'drizzle-orm';
import { minutesToPromotion, ofCurrentVersion, openSessionStatuses } from './learning-store';

const open = sql.raw(openSessionStatuses.map((s) => `'${s}'`).join(', '));

/** Learning agents (enabled, not paused) with unconsumed signals and no open session. */
export function dueForBackstop(db: Db) {
  return db
    .select({ tenantId: learningPolicy.tenantId, agentId: learningPolicy.agentId })
    .from(learningPolicy)
    .where(
      and(
        eq(learningPolicy.enabled, true),
        eq(learningPolicy.paused, false),
        // An unconsumed signal about a run of the agent's current version.
        sql`exists (select 1 from ${learningSignal} where ${learningSignal.agentId} = ${learningPolicy.agentId}
          and ${learningSignal.sessionId} is null and ${ofCurrentVersion})`,
        sql`not exists (select 1 from ${learningSession} x where x.agent_id = ${learningPolicy.agentId} and x.status in (${open}))`,
      ),
    );
}

export function runningExperiments(db: Db) {
  return db
    .select({ tenantId: learningExperiment.tenantId, id: learningExperiment.id })
    .from(learningExperiment)
    .where(eq(learningExperiment.status, 'RUNNING'));
}

/** Approved proposals not promoted yet (their promotion job was lost): the checker's sweep re-sends them. */
export function approvedUnpromoted(db: Db) {
  return db
    .select({ tenantId: learningProposal.tenantId, id: learningProposal.id })
    .from(learningProposal)
    .where(eq(learningProposal.status, 'APPROVED'));
}

type Key = { tenantId: string; agentId: string; day: string };
type Counts = Partial<Omit<typeof learningMetricDaily.$inferInsert, 'id' | 'tenantId' | 'agentId' | 'date'>>;

interface Range {
  from: string;
  to: string;
  /** One agent's rows only (the metrics route, on the tenant's handle). */
  agentId?: string;
}

/** Per tenant, agent and UTC day of `column` in the range: the selected figures. */
async function perDay<T extends Record<string, SQL>>(
  db: Db,
  table: typeof learningSignal | typeof learningSession | typeof learningProposal | typeof learningExperiment,
  column: SQL,
  figures: T,
  range: Range,
) {
  const day = sql<string>`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .select({ tenantId: table.tenantId, agentId: table.agentId, day, ...figures })
    .from(table)
    .where(
      and(
        sql`${column} is not null`,
        between(sql`(${column} at time zone 'UTC')::date`, range.from, range.to),
        range.agentId ? eq(table.agentId, range.agentId) : undefined,
      ),
    )
    .groupBy(table.tenantId, table.agentId, day);
}

const count = (where?: SQL) =>
  where ? sql<number>`count(*) filter (where ${where})::int` : sql<number>`count(*)::int`;

/** The learning metrics per tenant, agent and UTC day of `from`..`to`, computed from the learning tables, by date. */
export async function learningMetricRows(db: Db, from: string, to: string, agentId?: string) {
  const range = { from, to, agentId };
  const p = learningProposal;
  const parts = await Promise.all([
    perDay(db, learningSignal, sql`${learningSignal.createdAt}`, { signals: count() }, range),
    perDay(db, learningSession, sql`${learningSession.createdAt}`, { sessions: count() }, range),
    perDay(
      db,
      p,
      sql`${p.createdAt}`,
      {
        proposals: count(),
        gatePassed: count(sql`${p.gate}->>'status' in ('passed', 'skipped')`),
        gateFailed: count(sql`${p.gate}->>'status' = 'failed'`),
      },
      range,
    ),
    perDay(db, learningExperiment, sql`${learningExperiment.startedAt}`, { experiments: count() }, range),
    perDay(
      db,
      learningExperiment,
      sql`${learningExperiment.endedAt}`,
      {
        regressions: count(sql`${learningExperiment.result}->>'regression' = 'true'`),
        inconclusive: count(sql`${learningExperiment.status} = 'INCONCLUSIVE'`),
      },
      range,
    ),
    perDay(
      db,
      p,
      sql`${p.promotedAt}`,
      {
        promotions: count(),
        autoPromotions: count(
          sql`exists (select 1 from ${learningApproval} a where a.proposal_id = ${p.id} and a.mode = 'auto' and a.decision = 'APPROVED')`,
        ),
        signalToPromotionMinutes: sql<number>`percentile_cont(0.5) within group (order by ${minutesToPromotion})`,
      },
      range,
    ),
  ]);
  const rows = new Map<string, Key & Counts>();
  for (const part of parts)
    for (const { tenantId, agentId, day, ...figures } of part as (Key & Record<string, unknown>)[]) {
      const key = `${tenantId}|${agentId}|${day}`;
      const row = rows.get(key) ?? { tenantId, agentId, day };
      rows.set(key, { ...row, ...(figures as Counts) });
    }
  return [...rows.values()]
    .map(({ day, signalToPromotionMinutes, ...r }) => ({
      ...zero,
      ...r,
      date: day,
      signalToPromotionMinutes:
        signalToPromotionMinutes === null || signalToPromotionMinutes === undefined
          ? null
          : Number(signalToPromotionMinutes),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

const zero = {
  signals: 0,
  sessions: 0,
  proposals: 0,
  gatePassed: 0,
  gateFailed: 0,
  experiments: 0,
  promotions: 0,
  autoPromotions: 0,
  regressions: 0,
  inconclusive: 0,
};

/** Recomputes LearningMetricDaily for the UTC days `from`..`to` (every tenant); returns the rows written. */
export async function recomputeLearningMetrics(db: Db, from: string, to: string): Promise<number> {
  const rows = await learningMetricRows(db, from, to);
  await db.transaction(async (tx) => {
    await tx.delete(learningMetricDaily).where(between(learningMetricDaily.date, from, to));
    if (rows.length) await tx.insert(learningMetricDaily).values(rows);
  });
  return rows.length;
}
