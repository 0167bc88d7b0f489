// Calendar months as the cost API counts them (UTC, 'YYYY-MM'): the current one, the ones before it, and labels.
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const currentMonth = (now = new Date()) => now.toISOString().slice(0, 7);

/** The month `offset` months from `month` (negative goes back). */
export function shiftMonth(month: string, offset: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + offset, 1)).toISOString().slice(0, 7);
}

/** This month and the `count - 1` before it, newest first. */
export const recentMonths = (count: number, now = new Date()) =>
  Array.from({ length: count }, (_, i) => shiftMonth(currentMonth(now), -i));

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export const monthLabel = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
export const dayLabel = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
