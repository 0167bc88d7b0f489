// The daily mean score of each scorer over the range (a recharts line per scorer on the 0–1 scale, dashed where
// lower is better), with the same figures as a table for screen readers.
import { CartesianGrid, Line, LineChart, Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import { ChartLegend, ChartTable, chartGridStroke, chartTick, dayAxis, TooltipCard } from '@/components/chart';
import { daysOf, longDay } from '@/lib/day-range';
import type { AgentEvaluations, ScorerInfo } from '@/lib/types';
import { formatNumber } from '@/lib/utils';
import { formatScore, scorerColor } from './scorers';

/** One day of the chart: each scorer's mean (null on a day it scored nothing) and how many runs it scored. */
type DayPoint = { date: string; runs: number } & Record<string, number | string | null>;

function points(daily: AgentEvaluations['daily'], from: string, to: string): DayPoint[] {
  const byDate = new Map<string, DayPoint>(daysOf(from, to).map((date) => [date, { date, runs: 0 }]));
  for (const d of daily) {
    const point = byDate.get(d.date);
    if (!point) continue;
    point[d.scorerId] = d.avgScore;
    point.runs = Math.max(point.runs, d.count);
  }
  return [...byDate.values()];
}

const seriesOf = (scorers: ScorerInfo[]) =>
  scorers.map((s, i) => ({
    key: s.id,
    label: s.higherIsBetter ? s.name : `${s.name} (lower is better)`,
    dashed: !s.higherIsBetter,
    ...scorerColor(i),
  }));
type Series = ReturnType<typeof seriesOf>[number];

function DayTooltip({
  active,
  payload,
  series,
}: Pick<TooltipContentProps, 'active' | 'payload'> & { series: Series[] }) {
  const day = active ? (payload?.[0]?.payload as DayPoint | undefined) : undefined;
  if (!day) return null;
  return (
    <TooltipCard
      title={longDay(day.date)}
      rows={series.map((s) => ({ ...s, value: formatScore(day[s.key] as number | null) }))}
    >
      <p className="text-muted-foreground">
        {formatNumber(day.runs)} scored {day.runs === 1 ? 'run' : 'runs'}
      </p>
    </TooltipCard>
  );
}

export function DailyScoreChart({
  scorers,
  daily,
  from,
  to,
}: {
  scorers: ScorerInfo[];
  daily: AgentEvaluations['daily'];
  from: string;
  to: string;
}) {
  const days = points(daily, from, to);
  const series = seriesOf(scorers);
  const summary = 'Mean score per scorer per day, from 0 to 1.';
  return (
    <figure className="grid gap-3" aria-labelledby="daily-scores-caption">
      <ChartLegend id="daily-scores-caption" summary={summary} series={series} />
      <LineChart
        responsive
        data={days}
        style={{ width: '100%', height: 240 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 4 }}
      >
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis
          tick={chartTick}
          tickLine={false}
          axisLine={false}
          width={40}
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(v: number) => formatScore(v)}
        />
        <Tooltip cursor={{ stroke: 'var(--border)' }} content={(props) => <DayTooltip {...props} series={series} />} />
        {series.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dashed ? '5 4' : undefined}
            dot={(p: { cx?: number; cy?: number; index?: number; payload?: DayPoint }) =>
              // A dot on each day the scorer scored runs; the line joins them across days without any.
              p.payload?.[s.key] != null && Number.isFinite(p.cx) && Number.isFinite(p.cy) ? (
                <circle key={p.index} cx={p.cx} cy={p.cy} r={3.5} fill={s.color} />
              ) : (
                <g key={p.index} />
              )
            }
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
      <ChartTable
        caption={summary}
        rows={days.filter((d) => d.runs > 0)}
        rowKey={(d) => d.date}
        columns={[
          { label: 'Day', value: (d) => longDay(d.date) },
          ...series.map((s) => ({ label: s.label, value: (d: DayPoint) => formatScore(d[s.key] as number | null) })),
          { label: 'Scored runs', value: (d) => formatNumber(d.runs) },
        ]}
      />
    </figure>
  );
}
