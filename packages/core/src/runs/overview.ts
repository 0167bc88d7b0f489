// Per-agent KPIs for the overview (from the daily rollups), the agent's conversation threads and their runs.
import { agentRun, agentStatsDaily, agentToolCall } from '@trellis/db';
import { and, desc, eq, gte, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { openAlertsCount } from '../alerts/service';
import type { ServiceContext } from '../context';
import { runMetadata } from './pipeline';
import { getAgentRef } from './service';

export const overviewQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

const LATENCY_SAMPLE = 1000;

/**
 * Overview KPIs: runs, success rate, tokens, cost and average quality over the last `days` from the daily rollups;
 * latency p50/p95 over the latest 1,000 completed runs (percentiles do not add up across days); cost month to date;
 * open alerts; the latest runs. A code-defined fallback agent (no row, no rollups) is counted from its runs.
 */
export async function agentOverview(ctx: ServiceContext, idOrSlug: string, days = 30) {
  const ref = await getAgentRef(ctx, idOrSlug);
  const now = ctx.clock();
  const sinceDay = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const monthStart = `${now.toISOString().slice(0, 7)}-01`;
  const totals = ref.agentId
    ? await rollupTotals(ctx, ref.agentId, sinceDay, monthStart)
    : await rawTotals(ctx, ref.where, new Date(`${sinceDay}T00:00:00Z`), monthStart);
  const [latency] = await ctx.db
    .select({
      p50: sql<number | null>`percentile_cont(0.5) within group (order by d)`,
      p95: sql<number | null>`percentile_cont(0.95) within group (order by d)`,
    })
    .from(
      ctx.db
        .select({ d: sql<number>`${agentRun.durationMs}`.as('d') })
        .from(agentRun)
        .where(and(eq(agentRun.tenantId, ctx.tenantId), ref.where, eq(agentRun.status, 'COMPLETED')))
        .orderBy(desc(agentRun.createdAt))
        .limit(LATENCY_SAMPLE)
        .as('latest'),
    );
  const recent = await ctx.db
    .select({
      id: agentRun.id,
      status: agentRun.status,
      runType: agentRun.runType,
      inputText: agentRun.inputText,
      durationMs: agentRun.durationMs,
      totalTokens: agentRun.totalTokens,
      costUsd: agentRun.costUsd,
      createdAt: agentRun.createdAt,
    })
    .from(agentRun)
    .where(and(eq(agentRun.tenantId, ctx.tenantId), ref.where))
    .orderBy(desc(agentRun.createdAt))
    .limit(10);
  const finished = totals.completed + totals.failed;
  return {
    days,
    runs: totals.runs,
    completed: totals.completed,
    failed: totals.failed,
    successRate: finished ? totals.completed / finished : null,
    p50DurationMs: latency.p50 === null ? null : Number(latency.p50),
    p95DurationMs: latency.p95 === null ? null : Number(latency.p95),
    totalTokens: totals.tokens,
    costUsd: totals.costUsd,
    costMonthToDateUsd: totals.costMonthToDateUsd,
    avgQuality: totals.avgQuality,
    openAlerts: ref.agentId ? await openAlertsCount(ctx, ref.agentId) : 0,
    lastRunAt: recent[0]?.createdAt ?? null,
    recentRuns: recent,
  };
}

async function rollupTotals(ctx: ServiceContext, agentId: string, sinceDay: string, monthStart: string) {
  const d = agentStatsDaily;
  const inWindow = sql`${d.date} >= ${sinceDay}`;
  const [t] = await ctx.db
    .select({
      runs: sql<number>`coalesce(sum(${d.runs}) filter (where ${inWindow}), 0)::int`,
      completed: sql<number>`coalesce(sum(${d.successes}) filter (where ${inWindow}), 0)::int`,
      failed: sql<number>`coalesce(sum(${d.failures}) filter (where ${inWindow}), 0)::int`,
      tokens: sql<number>`coalesce(sum(${d.tokens}) filter (where ${inWindow}), 0)::float8`,
      costUsd: sql<number>`coalesce(sum(${d.costUsd}) filter (where ${inWindow}), 0)::float8`,
      avgQuality: sql<
        number | null
      >`(sum(${d.avgQuality} * ${d.runs}) filter (where ${inWindow})) / nullif(sum(${d.runs}) filter (where ${inWindow} and ${d.avgQuality} is not null), 0)`,
      costMonthToDateUsd: sql<number>`coalesce(sum(${d.costUsd}) filter (where ${d.date} >= ${monthStart}), 0)::float8`,
    })
    .from(d)
    .where(
      and(
        eq(d.tenantId, ctx.tenantId),
        eq(d.agentId, agentId),
        gte(d.date, sinceDay < monthStart ? sinceDay : monthStart),
      ),
    );
  return { ...t, avgQuality: t.avgQuality === null ? null : Number(t.avgQuality) };
}

async function rawTotals(ctx: ServiceContext, where: SQL, since: Date, monthStart: string) {
  const [t] = await ctx.db
    .select({
      runs: sql<number>`count(*) filter (where ${agentRun.createdAt} >= ${since})::int`,
      completed: sql<number>`count(*) filter (where ${agentRun.createdAt} >= ${since} and ${agentRun.status} = 'COMPLETED')::int`,
      failed: sql<number>`count(*) filter (where ${agentRun.createdAt} >= ${since} and ${agentRun.status} = 'FAILED')::int`,
      tokens: sql<number>`coalesce(sum(${agentRun.totalTokens}) filter (where ${agentRun.createdAt} >= ${since}), 0)::float8`,
      costUsd: sql<number>`coalesce(sum(${agentRun.costUsd}) filter (where ${agentRun.createdAt} >= ${since}), 0)::float8`,
      costMonthToDateUsd: sql<number>`coalesce(sum(${agentRun.costUsd}) filter (where ${agentRun.createdAt} >= ${new Date(`${monthStart}T00:00:00Z`)}), 0)::float8`,
    })
    .from(agentRun)
    .where(and(eq(agentRun.tenantId, ctx.tenantId), where));
  return { ...t, avgQuality: null };
}

/** The agent's conversation threads (from its runs), newest activity first, with a title from the first message. */
export async function listThreads(ctx: ServiceContext, idOrSlug: string) {
  const ref = await getAgentRef(ctx, idOrSlug);
  const rows = await ctx.db
    .select({
      threadId: sql<string>`${agentRun.threadId}`,
      runs: sql<number>`count(*)::int`,
      title: sql<string>`(array_agg(${agentRun.inputText} order by ${agentRun.createdAt}))[1]`,
      lastActivityAt: sql<Date>`max(${agentRun.createdAt})`,
    })
    .from(agentRun)
    .where(and(eq(agentRun.tenantId, ctx.tenantId), ref.where, isNotNull(agentRun.threadId)))
    .groupBy(agentRun.threadId)
    .orderBy(desc(sql`max(${agentRun.createdAt})`))
    .limit(100);
  return rows.map((r) => ({ ...r, lastActivityAt: new Date(r.lastActivityAt), title: (r.title ?? '').slice(0, 120) }));
}

/** The runs of one thread, oldest first, each with its tool calls and reply metadata — a conversation's history. */
export async function threadRuns(ctx: ServiceContext, idOrSlug: string, threadId: string) {
  const ref = await getAgentRef(ctx, idOrSlug);
  const runs = await ctx.db
    .select()
    .from(agentRun)
    .where(and(eq(agentRun.tenantId, ctx.tenantId), ref.where, eq(agentRun.threadId, threadId)))
    .orderBy(agentRun.createdAt)
    .limit(500);
  const calls = runs.length
    ? await ctx.db
        .select()
        .from(agentToolCall)
        .where(
          and(
            eq(agentToolCall.tenantId, ctx.tenantId),
            inArray(
              agentToolCall.runId,
              runs.map((r) => r.id),
            ),
          ),
        )
        .orderBy(agentToolCall.createdAt)
    : [];
  const byRun = Map.groupBy(calls, (c) => c.runId);
  return runs.map((r) => ({ ...r, toolCalls: byRun.get(r.id) ?? [], messageMetadata: runMetadata(r) }));
}

export interface AgentActivity {
  lastRunAt: Date | null;
  runs7d: number;
  failed7d: number;
}

/** Recent activity of every agent of the tenant that has runs: last run, runs and failures in the last 7 days. */
export async function agentActivity(ctx: ServiceContext): Promise<Map<string, AgentActivity>> {
  const weekAgo = new Date(ctx.clock().getTime() - 7 * 86_400_000);
  const rows = await ctx.db
    .select({
      agentId: sql<string>`${agentRun.agentId}`,
      lastRunAt: sql<Date | null>`max(${agentRun.createdAt})`,
      runs7d: sql<number>`count(*) filter (where ${agentRun.createdAt} >= ${weekAgo})::int`,
      failed7d: sql<number>`count(*) filter (where ${agentRun.createdAt} >= ${weekAgo} and ${agentRun.status} = 'FAILED')::int`,
    })
    .from(agentRun)
    .where(and(eq(agentRun.tenantId, ctx.tenantId), isNotNull(agentRun.agentId)))
    .groupBy(agentRun.agentId);
  return new Map(
    rows.map((r) => [
      r.agentId,
      { lastRunAt: r.lastRunAt ? new Date(r.lastRunAt) : null, runs7d: r.runs7d, failed7d: r.failed7d },
    ]),
  );
}
