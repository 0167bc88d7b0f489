// The Metrics tab's daily chart (recharts grouped bars, theme colours, every day of the range): a chosen set of the
// learning counts per UTC day, with a tooltip per day and the same figures as a table for screen readers.
import { Bar, BarChart, CartesianGrid, Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import {
  ChartLegend,
  type ChartSeries,
  ChartTable,
  chartGridStroke,
  chartTick,
  dayAxis,
  TooltipCard,
} from '@/components/chart';
import { daysOf, longDay } from '@/lib/day-range';
import type { LearningMetrics } from '@/lib/types';
import { formatNumber } from '@/lib/utils';

type Row = LearningMetrics['daily'][number];
export type CountKey = Exclude<keyof Row, 'date' | 'signalToPromotionMinutes' | 'tenantId' | 'agentId' | 'day'> &
  string;
type DayPoint = { date: string } & Record<string, number | string>;

/** Every day of the range, with zeros where the API has no row. */
function points(daily: Row[], from: string, to: string, keys: CountKey[]): DayPoint[] {
  const byDate = new Map(daily.map((d) => [String(d.date).slice(0, 10), d]));
  return daysOf(from, to).map((date) => {
    const row = byDate.get(date);
    return { date, ...Object.fromEntries(keys.map((k) => [k, Number(row?.[k] ?? 0)])) };
  });
}

function DayTooltip({
  active,
  payload,
  series,
}: Pick<TooltipContentProps, 'active' | 'payload'> & { series: ChartSeries<CountKey>[] }) {
  const day = active ? (payload?.[0]?.payload as DayPoint | undefined) : undefined;
  if (!day) return null;
  return (
    <TooltipCard
      title={longDay(day.date)}
      rows={series.map((s) => ({ ...s, value: formatNumber(Number(day[s.key])) }))}
    />
  );
}

export function DailyLearningChart({
  id,
  summary,
  series,
  daily,
  from,
  to,
}: {
  id: string;
  summary: string;
  series: ChartSeries<CountKey>[];
  daily: Row[];
  from: string;
  to: string;
}) {
  const days = points(
    daily,
    from,
    to,
    series.map((s) => s.key),
  );
  return (
    <figure className="grid gap-3" aria-labelledby={`${id}-caption`}>
      <ChartLegend id={`${id}-caption`} summary={summary} series={series} />
      <BarChart
        responsive
        data={days}
        style={{ width: '100%', height: 220 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 4 }}
      >
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis tick={chartTick} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
        <Tooltip cursor={{ fill: 'var(--muted)' }} content={(props) => <DayTooltip {...props} series={series} />} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
      <ChartTable
        caption={summary}
        rows={days.filter((d) => series.some((s) => Number(d[s.key]) > 0))}
        rowKey={(d) => d.date}
        columns={[
          { label: 'Day', value: (d) => longDay(d.date) },
          ...series.map((s) => ({ label: s.label, value: (d: DayPoint) => formatNumber(Number(d[s.key])) })),
        ]}
      />
    </figure>
  );
}
