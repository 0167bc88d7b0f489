// Feedback per UTC day of the range: thumbs up and thumbs down stacked (a recharts bar chart), the day's mean rating
// in the tooltip, and the same figures as a table for screen readers.
import { Bar, BarChart, CartesianGrid, Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import { ChartLegend, ChartTable, chartGridStroke, chartTick, dayAxis, TooltipCard } from '@/components/chart';
import { daysOf, longDay } from '@/lib/day-range';
import type { AgentFeedback } from '@/lib/types';
import { formatNumber } from '@/lib/utils';

type Day = Pick<AgentFeedback['daily'][number], 'date' | 'thumbsUp' | 'thumbsDown' | 'avgRating' | 'count'>;

const series = [
  { key: 'thumbsUp', label: 'Thumbs up', color: 'var(--chart-1)', swatch: 'bg-chart-1' },
  { key: 'thumbsDown', label: 'Thumbs down', color: 'var(--destructive)', swatch: 'bg-destructive' },
] as const;

export const formatRating = (r: number | null | undefined) => (r == null ? '—' : `${r.toFixed(1)} / 5`);

function DayTooltip({ active, payload }: Pick<TooltipContentProps, 'active' | 'payload'>) {
  const day = active ? (payload?.[0]?.payload as Day | undefined) : undefined;
  if (!day) return null;
  return (
    <TooltipCard title={longDay(day.date)} rows={series.map((s) => ({ ...s, value: formatNumber(day[s.key]) }))}>
      <p className="text-muted-foreground">Mean rating {formatRating(day.avgRating)}</p>
    </TooltipCard>
  );
}

export function FeedbackChart({ daily, from, to }: { daily: AgentFeedback['daily']; from: string; to: string }) {
  const byDate = new Map(daily.map((d) => [d.date, d]));
  const days: Day[] = daysOf(from, to).map(
    (date) => byDate.get(date) ?? { date, thumbsUp: 0, thumbsDown: 0, avgRating: null, count: 0 },
  );
  const summary = 'Feedback per day, thumbs up and thumbs down stacked.';
  return (
    <figure className="grid gap-3" aria-labelledby="daily-feedback-caption">
      <ChartLegend id="daily-feedback-caption" summary={summary} series={series} />
      <BarChart
        responsive
        data={days}
        style={{ width: '100%', height: 180 }}
        margin={{ top: 4, right: 4, bottom: 0, left: 4 }}
      >
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis tick={chartTick} tickLine={false} axisLine={false} width={32} allowDecimals={false} />
        <Tooltip cursor={{ fill: 'var(--muted)' }} content={(props) => <DayTooltip {...props} />} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="thumbs" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
      <ChartTable
        caption={summary}
        rows={days.filter((d) => d.count > 0)}
        rowKey={(d) => d.date}
        columns={[
          { label: 'Day', value: (d) => longDay(d.date) },
          { label: 'Thumbs up', value: (d) => formatNumber(d.thumbsUp) },
          { label: 'Thumbs down', value: (d) => formatNumber(d.thumbsDown) },
          { label: 'Mean rating', value: (d) => formatRating(d.avgRating) },
        ]}
      />
    </figure>
  );
}
