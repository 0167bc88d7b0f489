// Analytics of one agent over a range of UTC days, served from the rollups the run-completed job maintains:
// agent_stats_daily, agent_tool_metric_daily and agent_model_metric_daily for the range, and agent_version_stats
// for each version's totals (all its runs). Nothing here reads raw runs, so it costs the same at any volume.
import { agentStatsDailySelectSchema } from '@trellis/db';
import { z } from 'zod';
import { agentIdOf } from '../agents/service';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { AnalyticsStore } from './analytics-store';

const day = z.iso.date();
export const analyticsQuerySchema = z.object({ from: day.optional(), to: day.optional() });
export type AnalyticsQuery = z.output<typeof analyticsQuerySchema>;

const rate = z.number().nullable().describe('0–1; null when there is nothing to divide by');
const meanMs = z.number().nullable();

/** What `GET /api/agents/{id}/analytics` answers. */
export const analyticsSchema = z.object({
  agentId: z.string(),
  from: day,
  to: day,
  daily: z.array(
    agentStatsDailySelectSchema.pick({
      date: true,
      runs: true,
      successes: true,
      failures: true,
      successRate: true,
      avgDurationMs: true,
      p50DurationMs: true,
      p95DurationMs: true,
      avgQuality: true,
      tokens: true,
      costUsd: true,
    }),
  ),
  tools: z.array(
    z.object({ toolKey: z.string(), calls: z.int(), failures: z.int(), failureRate: rate, avgDurationMs: meanMs }),
  ),
  models: z.array(
    z.object({
      modelProvider: z.string(),
      modelName: z.string(),
      runs: z.int(),
      successes: z.int(),
      successRate: rate,
      avgDurationMs: meanMs,
      tokens: z.number(),
      costUsd: z.number(),
    }),
  ),
  versions: z.array(
    z.object({
      /** Totals over all of the version's runs, not only the range's. */
      version: z.int(),
      versionId: z.string().nullable(),
      runs: z.int(),
      successes: z.int(),
      successRate: rate,
      avgDurationMs: meanMs,
      costUsd: z.number(),
    }),
  ),
});

const DAY_MS = 86_400_000;
const toDay = (d: Date) => d.toISOString().slice(0, 10);

/** The range: `from`..`to` inclusive (default the last 30 days up to today), at most 366 days. */
function range(ctx: ServiceContext, q: AnalyticsQuery) {
  const to = q.to ?? toDay(ctx.clock());
  const from = q.from ?? toDay(new Date(new Date(`${to}T00:00:00Z`).getTime() - 29 * DAY_MS));
  const span = (new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY_MS;
  if (span < 0) throw invalidInput('from must not be after to', { field: 'from' });
  if (span > 365) throw invalidInput('the range can span at most 366 days', { field: 'from' });
  return { from, to };
}

export async function agentAnalytics(ctx: ServiceContext, idOrSlug: string, query: AnalyticsQuery = {}) {
  const agentId = await agentIdOf(ctx, idOrSlug);
  const { from, to } = range(ctx, query);
  const store = AnalyticsStore.of(ctx);
  const [daily, tools, models, versions] = await Promise.all([
    store.daily(agentId, from, to),
    store.tools(agentId, from, to),
    store.models(agentId, from, to),
    store.versions(agentId),
  ]);
  const ratio = (ok: number, all: number) => (all ? ok / all : null);
  return {
    agentId,
    from,
    to,
    daily: daily.map((d) => ({ ...d, tokens: Number(d.tokens) })),
    tools: tools.map((t) => ({
      ...t,
      failureRate: ratio(t.failures, t.calls),
      avgDurationMs: t.avgDurationMs === null ? null : Number(t.avgDurationMs),
    })),
    models: models.map((m) => ({
      ...m,
      successRate: ratio(m.successes, m.runs),
      avgDurationMs: m.avgDurationMs === null ? null : Number(m.avgDurationMs),
    })),
    versions: versions.map((v) => ({
      ...v,
      successRate: ratio(v.successes, v.runs),
      avgDurationMs: v.avgDurationMs === null ? null : Number(v.avgDurationMs),
    })),
  };
}
