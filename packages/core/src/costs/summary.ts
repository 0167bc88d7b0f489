// An agent's cost summary (GET /api/agents/{id}/costs) from the cost rollups: totals, a dense by-day series
// (agent_cost_daily), by model (agent_model_cost_daily), month-to-date with a linear projection to month end, and
// the open cost recommendations. Days are UTC.
import { z } from 'zod';
import { getAgent } from '../agents/service';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { CostStore } from './cost-store';
import { listRecommendations } from './recommendations';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;
const dayString = (d: Date) => d.toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

export const costQuerySchema = z.object({
  from: z.iso.date().optional().describe('First UTC day (YYYY-MM-DD), inclusive'),
  to: z.iso.date().optional().describe('Last UTC day (YYYY-MM-DD), inclusive; default today'),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-03')
    .optional()
    .describe('A calendar month (YYYY-MM) instead of from/to; default the current month'),
});
export type CostQuery = z.infer<typeof costQuerySchema>;

/** The UTC days a query covers; throws VALIDATION_FAILED for a mixed, reversed or too long range. */
export function costRange(query: CostQuery, now: Date): { from: string; to: string } {
  if (query.month && (query.from || query.to)) throw invalidInput('give either month or from/to, not both');
  if (query.month) {
    const start = dayStart(`${query.month}-01`);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    return { from: dayString(start), to: dayString(end) };
  }
  const to = query.to ?? dayString(now);
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  const days = (dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS + 1;
  if (days < 1) throw invalidInput('from must not be after to', { from, to });
  if (days > MAX_RANGE_DAYS) throw invalidInput(`the range may cover at most ${MAX_RANGE_DAYS} days`, { from, to });
  return { from, to };
}

/** Linear projection: month-to-date spend ÷ elapsed days (today counts as a whole day) × days in the month. */
export function projectMonth(monthToDateUsd: number, now: Date) {
  const elapsedDays = now.getUTCDate();
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  return {
    projectedUsd: (monthToDateUsd / elapsedDays) * daysInMonth,
    elapsedDays,
    daysInMonth,
    method: 'linear: month-to-date spend / elapsed days (today counted whole) x days in month',
  };
}

export async function agentCosts(ctx: ServiceContext, idOrSlug: string, query: CostQuery = {}) {
  const agentId = (await getAgent(ctx, idOrSlug)).id;
  const now = ctx.clock();
  const { from, to } = costRange(query, now);
  const store = CostStore.of(ctx);

  const days = await store.byDay(agentId, from, to);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const byDay = [];
  for (let t = dayStart(from).getTime(); t <= dayStart(to).getTime(); t += DAY_MS) {
    const date = dayString(new Date(t));
    byDay.push(byDate.get(date) ?? { date, costUsd: 0, promptCostUsd: 0, completionCostUsd: 0, runs: 0 });
  }

  const byModel = await store.byModel(agentId, from, to);
  const totals = await store.totals(agentId, from, to);
  const month = dayString(now).slice(0, 7);
  const mtd = await store.totals(agentId, `${month}-01`, dayString(now));

  return {
    agentId,
    currency: 'USD' as const,
    from,
    to,
    totals: {
      costUsd: Number(totals.costUsd),
      promptCostUsd: Number(totals.promptCostUsd),
      completionCostUsd: Number(totals.completionCostUsd),
      tokens: byModel.reduce((n, m) => n + Number(m.tokens), 0),
      runs: totals.runs,
    },
    byDay,
    byModel: byModel.map((m) => ({ ...m, costUsd: Number(m.costUsd), tokens: Number(m.tokens) })),
    monthToDate: { month, costUsd: Number(mtd.costUsd), runs: mtd.runs },
    projection: { month, ...projectMonth(Number(mtd.costUsd), now) },
    recommendations: await listRecommendations(ctx, agentId),
  };
}
