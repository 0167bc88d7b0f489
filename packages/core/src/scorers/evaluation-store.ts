// Evaluations' data access, bound to one tenant: a run's scores (one row per run and scorer version, so a retried job
// overwrites rather than doubles), the trace's copy of them, and the quality rollups of a day — the mean score per
// scorer (AgentQualityMetricDaily) and the day's mean quality on the agent's daily stats — recomputed from the rows.
import {
  type AgentEvaluation,
  agentEvaluation,
  agentQualityMetricDaily,
  agentRun,
  agentStatsDaily,
  agentTrace,
  type ScoreResults,
} from '@trellis/db';
import { and, asc, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { afterCursor } from '../pagination';
import { TenantStore } from '../tenant-store';

/** A run's day, as the daily rollups count it (UTC). */
const runDay = sql`(${agentRun.createdAt} at time zone 'UTC')::date`;
/** The mean of a row's per-scorer quality (score turned so that higher is better). */
const meanQuality = sql<
  number | null
>`(select avg((s.value->>'quality')::float8) from jsonb_each(${agentEvaluation.scoresJson}) s)`;

export interface EvaluationFilter {
  agentId: string;
  from: Date;
  to: Date;
  cursor?: string;
  limit: number;
}

export class EvaluationStore extends TenantStore {
  async upsert(run: { id: string; agentId: string | null }, scorerVersion: string, scores: ScoreResults) {
    const [row] = await this.db
      .insert(agentEvaluation)
      .values({ tenantId: this.tenantId, runId: run.id, agentId: run.agentId, scorerVersion, scoresJson: scores })
      .onConflictDoUpdate({
        target: [agentEvaluation.runId, agentEvaluation.scorerVersion],
        set: { scoresJson: scores },
        setWhere: eq(agentEvaluation.tenantId, this.tenantId),
      })
      .returning();
    return row;
  }

  /** The scores on the run's trace too, where the run detail shows them. */
  setTraceScores(runId: string, scores: ScoreResults): Promise<unknown> {
    return this.db
      .update(agentTrace)
      .set({ scoresJson: scores })
      .where(and(eq(agentTrace.tenantId, this.tenantId), eq(agentTrace.runId, runId)));
  }

  async evaluation(evaluationId: string): Promise<(AgentEvaluation & { day: string }) | undefined> {
    const [row] = await this.db
      .select({ evaluation: agentEvaluation, day: sql<string>`${runDay}::text` })
      .from(agentEvaluation)
      .innerJoin(agentRun, eq(agentRun.id, agentEvaluation.runId))
      .where(and(eq(agentEvaluation.tenantId, this.tenantId), eq(agentEvaluation.id, evaluationId)));
    return row && { ...row.evaluation, day: row.day };
  }

  /** `where` for the agent's evaluations of runs made on `date` (UTC). */
  private ofDay(agentId: string, date: string): SQL {
    return and(
      eq(agentEvaluation.tenantId, this.tenantId),
      eq(agentEvaluation.agentId, agentId),
      sql`${runDay} = ${date}::date`,
    ) as SQL;
  }

  /**
   * Recomputes the agent's quality rollups of `date` from its evaluations: the mean score per scorer, and the day's
   * mean quality on its daily stats (the overview's quality). Returns the day's mean quality and scored runs.
   */
  async refreshQualityDay(agentId: string, date: string): Promise<{ avgQuality: number | null; scoredRuns: number }> {
    const perScorer = await this.db
      .select({
        scorerId: sql<string>`s.key`,
        avgScore: sql<number>`avg((s.value->>'score')::float8)`,
        count: sql<number>`count(*)::int`,
      })
      .from(agentEvaluation)
      .innerJoin(agentRun, eq(agentRun.id, agentEvaluation.runId))
      .innerJoin(sql`jsonb_each(${agentEvaluation.scoresJson}) s`, sql`true`)
      .where(this.ofDay(agentId, date))
      .groupBy(sql`s.key`);
    for (const s of perScorer)
      await this.db
        .insert(agentQualityMetricDaily)
        .values({ tenantId: this.tenantId, agentId, date, scorerId: s.scorerId, avgScore: s.avgScore, count: s.count })
        .onConflictDoUpdate({
          target: [agentQualityMetricDaily.agentId, agentQualityMetricDaily.date, agentQualityMetricDaily.scorerId],
          set: { avgScore: s.avgScore, count: s.count, updatedAt: new Date() },
        });
    const [day] = await this.db
      .select({
        avgQuality: sql<number | null>`avg(${meanQuality})`,
        scoredRuns: sql<number>`count(distinct ${agentEvaluation.runId})::int`,
      })
      .from(agentEvaluation)
      .innerJoin(agentRun, eq(agentRun.id, agentEvaluation.runId))
      .where(this.ofDay(agentId, date));
    await this.db
      .update(agentStatsDaily)
      .set({ avgQuality: day.avgQuality })
      .where(this.agentDays(agentStatsDaily, agentId, date, date));
    return day;
  }

  /** The agent's evaluations made in [from, to). */
  private inRange(agentId: string, from: Date, to: Date): SQL {
    return and(
      eq(agentEvaluation.tenantId, this.tenantId),
      eq(agentEvaluation.agentId, agentId),
      gte(agentEvaluation.createdAt, from),
      lt(agentEvaluation.createdAt, to),
    ) as SQL;
  }

  /** The agent's evaluations of runs in [from, to), newest first, with each run's question, answer and status. */
  list(filter: EvaluationFilter) {
    const where = [this.inRange(filter.agentId, filter.from, filter.to)];
    if (filter.cursor) where.push(afterCursor(agentEvaluation, filter.cursor));
    return this.scoredRuns()
      .where(and(...where))
      .orderBy(desc(agentEvaluation.createdAt), desc(agentEvaluation.id))
      .limit(filter.limit + 1);
  }

  /** The agent's lowest-quality scored runs in [from, to). */
  worst(agentId: string, from: Date, to: Date, limit: number) {
    return this.scoredRuns()
      .where(this.inRange(agentId, from, to))
      .orderBy(sql`${meanQuality} asc nulls last`, desc(agentEvaluation.createdAt))
      .limit(limit);
  }

  /** The scores of the agent's runs scored in [from, to), newest first (at most `limit`). */
  scoresIn(agentId: string, from: Date, to: Date, limit: number) {
    return this.db
      .select({ runId: agentEvaluation.runId, scores: agentEvaluation.scoresJson })
      .from(agentEvaluation)
      .where(this.inRange(agentId, from, to))
      .orderBy(desc(agentEvaluation.createdAt))
      .limit(limit);
  }

  private scoredRuns() {
    return this.db
      .select({
        id: agentEvaluation.id,
        runId: agentEvaluation.runId,
        scorerVersion: agentEvaluation.scorerVersion,
        scores: agentEvaluation.scoresJson,
        quality: meanQuality,
        inputText: agentRun.inputText,
        outputText: agentRun.outputText,
        runStatus: agentRun.status,
        versionId: agentRun.versionId,
        createdAt: agentEvaluation.createdAt,
      })
      .from(agentEvaluation)
      .innerJoin(agentRun, eq(agentRun.id, agentEvaluation.runId));
  }

  /** The mean score per scorer per day from `from` to `to` (UTC days, both included), oldest first. */
  days(agentId: string, from: string, to: string) {
    return this.db
      .select()
      .from(agentQualityMetricDaily)
      .where(this.agentDays(agentQualityMetricDaily, agentId, from, to))
      .orderBy(asc(agentQualityMetricDaily.date), asc(agentQualityMetricDaily.scorerId));
  }
}
