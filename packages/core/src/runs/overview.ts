// Per-agent KPIs computed from the agent's runs (the analytics rollups take over with the operations feature):
// totals, success rate, latency percentiles, tokens and cost over a window, and the latest runs.
import { agentRun, agentToolCall } from '@trellis/db';
import { and, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { getAgentRef } from './service';

export const overviewQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

export async function agentOverview(ctx: ServiceContext, idOrSlug: string, days = 30) {
  const ref = await getAgentRef(ctx, idOrSlug);
  const since = new Date(ctx.clock().getTime() - days * 86_400_000);
  const scope = and(eq(agentRun.tenantId, ctx.tenantId), ref.where, gte(agentRun.createdAt, since));
  const [totals] = await ctx.db
    .select({
      runs: sql<number>`count(*)::int`,
      completed: sql<number>`count(*) filter (where ${agentRun.status} = 'COMPLETED')::int`,
      failed: sql<number>`count(*) filter (where ${agentRun.status} = 'FAILED')::int`,
      finished: sql<number>`count(*) filter (where ${agentRun.status} in ('COMPLETED', 'FAILED'))::int`,
      p50DurationMs: sql<
        number | null
      >`percentile_cont(0.5) within group (order by ${agentRun.durationMs}) filter (where ${agentRun.status} = 'COMPLETED')`,
      p95DurationMs: sql<
        number | null
      >`percentile_cont(0.95) within group (order by ${agentRun.durationMs}) filter (where ${agentRun.status} = 'COMPLETED')`,
      totalTokens: sql<number>`coalesce(sum(${agentRun.totalTokens}), 0)::bigint`,
      costUsd: sql<number>`coalesce(sum(${agentRun.costUsd}), 0)::float8`,
      lastRunAt: sql<Date | null>`max(${agentRun.createdAt})`,
    })
    .from(agentRun)
    .where(scope);
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
  return {
    days,
    runs: totals.runs,
    completed: totals.completed,
    failed: totals.failed,
    successRate: totals.finished ? totals.completed / totals.finished : null,
    p50DurationMs: totals.p50DurationMs === null ? null : Number(totals.p50DurationMs),
    p95DurationMs: totals.p95DurationMs === null ? null : Number(totals.p95DurationMs),
    totalTokens: Number(totals.totalTokens),
    costUsd: Number(totals.costUsd),
    lastRunAt: totals.lastRunAt ? new Date(totals.lastRunAt) : null,
    recentRuns: recent,
  };
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

/** The runs of one thread, oldest first, each with its tool calls — a conversation's history for the test page. */
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
  return runs.map((r) => ({ ...r, toolCalls: byRun.get(r.id) ?? [] }));
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
