// The date range of the Analytics page as the API counts it (UTC days, 'YYYY-MM-DD', inclusive): the presets, the
// range a URL search selects, and the daily series filled to one entry per day of the range.
import type { AgentAnalytics } from '@/lib/types';

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
/** The server answers at most 366 days at once. */
export const MAX_DAYS = 366;

export interface AnalyticsSearch {
  days?: Preset;
  from?: string;
  to?: string;
}

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => new Date(`${day}T00:00:00Z`).getTime();

export const today = (now = new Date()) => toDay(now.getTime());
/** The day `offset` days from `day` (negative goes back). */
export const shiftDay = (day: string, offset: number) => toDay(dayMs(day) + offset * DAY_MS);
/** Days from `from` to `to`, both included. */
export const spanDays = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;

/** The range a search selects: a custom from/to when both are valid days, else the last `days` (default 30). */
export function selectedRange(search: AnalyticsSearch, now = new Date()) {
  const { from, to } = search;
  if (from && to && DAY_PATTERN.test(from) && DAY_PATTERN.test(to)) return { custom: true, from, to };
  const days = search.days ?? 30;
  const end = today(now);
  return { custom: false, days, from: shiftDay(end, -(days - 1)), to: end };
}

/** Why a custom range cannot be asked for, or undefined when it can. */
export function rangeProblem(from: string, to: string): string | undefined {
  if (from > to) return 'The start day must not be after the end day.';
  if (spanDays(from, to) > MAX_DAYS) return `A range can span at most ${MAX_DAYS} days.`;
  return undefined;
}

type Day = AgentAnalytics['daily'][number];
/** A day of the charts: a day without runs has no success rate (a gap in the line, not 0%). */
export type DayPoint = Omit<Day, 'successRate'> & { successRate: number | null };

/** One entry per day of the range: days without runs count zero and have no latency or success rate. */
export function fillDays(daily: Day[], from: string, to: string): DayPoint[] {
  const byDate = new Map(daily.map((d) => [d.date, d]));
  const count = Math.min(spanDays(from, to), MAX_DAYS);
  return Array.from({ length: Math.max(count, 0) }, (_, i) => {
    const date = shiftDay(from, i);
    return (
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
      }
    );
  });
}

const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
export const longDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
