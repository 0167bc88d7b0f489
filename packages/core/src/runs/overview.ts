// Per-agent KPIs for the overview (from the daily rollups), the agent's conversation threads and their runs — read
// through the tenant's RecordedRuns (recorded-runs-store.ts).
import { z } from 'zod';
import { openAlertsCount } from '../alerts/service';
import type { ServiceContext } from '../context';
import { runMetadata } from './pipeline';
import { RecordedRuns } from './recorded-runs-store';
import { runOwnerOf } from './service';

export const overviewQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

const LATENCY_SAMPLE = 1000;

/**
 * Overview KPIs: runs, success rate, tokens, cost and average quality over the last `days` from the daily rollups;
 * latency p50/p95 over the latest 1,000 completed runs (percentiles do not add up across days); cost month to date;
 * open alerts; the latest runs. A code-defined fallback agent (no row, no rollups) is counted from its runs.
 */
export async function agentOverview(ctx: ServiceContext, idOrSlug: string, days = 30) {
  const { owner, agentId } = await runOwnerOf(ctx, idOrSlug);
  const runs = RecordedRuns.of(ctx);
  const now = ctx.clock();
  const sinceDay = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const monthStart = `${now.toISOString().slice(0, 7)}-01`;
  const totals = agentId
    ? await runs.rollupTotals(agentId, sinceDay, monthStart)
    : await runs.rawTotals(owner, new Date(`${sinceDay}T00:00:00Z`), new Date(`${monthStart}T00:00:00Z`));
  const latency = await runs.latency(owner, LATENCY_SAMPLE);
  const recent = await runs.recent(owner, 10);
  const finished = totals.completed + totals.failed;
  return {
    days,
    runs: totals.runs,
    completed: totals.completed,
    failed: totals.failed,
    successRate: finished ? totals.completed / finished : null,
    p50DurationMs: latency.p50,
    p95DurationMs: latency.p95,
    totalTokens: totals.tokens,
    costUsd: totals.costUsd,
    costMonthToDateUsd: totals.costMonthToDateUsd,
    avgQuality: totals.avgQuality,
    openAlerts: agentId ? await openAlertsCount(ctx, agentId) : 0,
    lastRunAt: recent[0]?.createdAt ?? null,
    recentRuns: recent,
  };
}

/** The agent's conversation threads (from its runs), newest activity first, with a title from the first message. */
export async function listThreads(ctx: ServiceContext, idOrSlug: string) {
  const { owner } = await runOwnerOf(ctx, idOrSlug);
  const rows = await RecordedRuns.of(ctx).threads(owner, 100);
  return rows.map((r) => ({ ...r, lastActivityAt: new Date(r.lastActivityAt), title: (r.title ?? '').slice(0, 120) }));
}

/** The runs of one thread, oldest first, each with its tool calls and reply metadata — a conversation's history. */
export async function threadRuns(ctx: ServiceContext, idOrSlug: string, threadId: string) {
  const { owner } = await runOwnerOf(ctx, idOrSlug);
  const store = RecordedRuns.of(ctx);
  const runs = await store.threadRuns(owner, threadId, 500);
  const calls = runs.length ? await store.toolCalls(runs.map((r) => r.id)) : [];
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
  const rows = await RecordedRuns.of(ctx).activity(weekAgo);
  return new Map(
    rows.map((r) => [
      r.agentId,
      { lastRunAt: r.lastRunAt ? new Date(r.lastRunAt) : null, runs7d: r.runs7d, failed7d: r.failed7d },
    ]),
  );
}
