// The Analytics page's daily series filled to one entry per day of the selected range (lib/day-range), so a day
// without runs shows as zero runs and a gap in the rates.

import { daysOf } from '@/lib/day-range';
import type { AgentAnalytics } from '@/lib/types';

type Day = AgentAnalytics['daily'][number];
/** A day of the charts: a day without runs has no success rate (a gap in the line, not 0%). */
export type DayPoint = Omit<Day, 'successRate'> & { successRate: number | null };

/** One entry per day of the range: days without runs count zero and have no latency or success rate. */
export function fillDays(daily: Day[], from: string, to: string): DayPoint[] {
  const byDate = new Map(daily.map((d) => [d.date, d]));
  return daysOf(from, to).map(
    (date) =>
      byDate.get(date) ?? {
        date,
        runs: 0,
        successes: 0,
        failures: 0,
        successRate: null,
        avgDurationMs: null,
        p50DurationMs: null,
        p95DurationMs: null,
        avgQuality: null,
        tokens: 0,
        costUsd: 0,
      },
  );
}
