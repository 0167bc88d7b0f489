// A range of UTC days ('YYYY-MM-DD', both ends included) as the daily APIs count them (Analytics, Evaluations): the
// presets, the range a URL search selects, and day arithmetic and labels.
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
/** The server answers at most 366 days at once. */
export const MAX_DAYS = 366;

/** The range in a URL search: a preset of the last `days`, or a custom `from`/`to`. */
export interface DayRangeSearch {
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
export function selectedRange(search: DayRangeSearch, now = new Date()) {
  const { from, to } = search;
  if (from && to && DAY_PATTERN.test(from) && DAY_PATTERN.test(to)) return { custom: true, from, to };
  const days = search.days ?? 30;
  const end = today(now);
  return { custom: false, days, from: shiftDay(end, -(days - 1)), to: end };
}
export type SelectedRange = ReturnType<typeof selectedRange>;

/** Why a custom range cannot be asked for, or undefined when it can. */
export function rangeProblem(from: string, to: string): string | undefined {
  if (from > to) return 'The start day must not be after the end day.';
  if (spanDays(from, to) > MAX_DAYS) return `A range can span at most ${MAX_DAYS} days.`;
  return undefined;
}

/** Every day of the range, oldest first (at most MAX_DAYS). */
export function daysOf(from: string, to: string): string[] {
  const count = Math.min(spanDays(from, to), MAX_DAYS);
  return Array.from({ length: Math.max(count, 0) }, (_, i) => shiftDay(from, i));
}

const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
export const longDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
