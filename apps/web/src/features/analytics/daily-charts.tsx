// The Analytics page's daily charts (recharts, theme colours): runs stacked by outcome, success rate, latency
// (mean, p50, p95) and tokens with cost. Each figure repeats its figures in a visually hidden table.
import type * as React from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  LineChart,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import {
  ChartLegend,
  type ChartSeries,
  ChartTable,
  chartGridStroke,
  chartTick,
  dayAxis,
  TooltipCard,
} from '@/components/chart';
import { longDay } from '@/lib/day-range';
import { formatMs, formatNumber, formatPercent, formatUsd } from '@/lib/utils';
import type { DayPoint } from './range';

type Key = keyof DayPoint;
type Series = ChartSeries<Key & string> & { format: (v: number | null) => string };

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });
const chartStyle = { width: '100%', height: 220 };
const margin = { top: 8, right: 8, bottom: 0, left: 4 };
const yAxis = { tick: chartTick, tickLine: false, axisLine: false, width: 56 } as const;

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
      rows={series.map((s) => ({ ...s, value: s.format(day[s.key] as number | null) }))}
    >
      <p className="text-muted-foreground">
        {formatNumber(day.runs)} {day.runs === 1 ? 'run' : 'runs'}
      </p>
    </TooltipCard>
  );
}

/** A chart with its legend and its figures as a table of the days with runs. */
function DailyFigure({
  id,
  summary,
  series,
  days,
  children,
}: {
  id: string;
  summary: string;
  series: Series[];
  days: DayPoint[];
  children: React.ReactElement;
}) {
  return (
    <figure className="grid gap-3" aria-labelledby={`${id}-caption`}>
      <ChartLegend id={`${id}-caption`} summary={summary} series={series} />
      {children}
      <ChartTable
        caption={summary}
        rows={days.filter((d) => d.runs > 0)}
        rowKey={(d) => d.date}
        columns={[
          { label: 'Day', value: (d) => longDay(d.date) },
          ...series.map((s) => ({ label: s.label, value: (d: DayPoint) => s.format(d[s.key] as number | null) })),
        ]}
      />
    </figure>
  );
}

const tooltip = (series: Series[], cursor: object) => (
  <Tooltip cursor={cursor} content={(props) => <DayTooltip {...props} series={series} />} />
);
const barCursor = { fill: 'var(--muted)' };
const lineCursor = { stroke: 'var(--border)' };

const runSeries: Series[] = [
  { key: 'successes', label: 'Succeeded', color: 'var(--chart-1)', swatch: 'bg-chart-1', format: formatNumber },
  { key: 'failures', label: 'Failed', color: 'var(--destructive)', swatch: 'bg-destructive', format: formatNumber },
];
export function RunsChart({ days }: { days: DayPoint[] }) {
  return (
    <DailyFigure id="runs-chart" summary="Runs per day, succeeded and failed stacked." series={runSeries} days={days}>
      <BarChart responsive data={days} style={chartStyle} margin={margin}>
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis {...yAxis} allowDecimals={false} />
        {tooltip(runSeries, barCursor)}
        {runSeries.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="runs" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </DailyFigure>
  );
}

const lines = (series: Series[], yAxisId?: string) =>
  series.map((s) => (
    <Line
      key={s.key}
      {...(yAxisId ? { yAxisId } : {})}
      type="monotone"
      dataKey={s.key}
      name={s.label}
      stroke={s.color}
      strokeWidth={2}
      dot={(p: { cx?: number; cy?: number; index?: number; payload?: DayPoint }) =>
        // A dot only on days with runs: a lone day still shows, the zero days stay a plain line.
        p.payload?.runs && Number.isFinite(p.cx) && Number.isFinite(p.cy) ? (
          <circle key={p.index} cx={p.cx} cy={p.cy} r={2.5} fill={s.color} />
        ) : (
          <g key={p.index} />
        )
      }
      isAnimationActive={false}
    />
  ));

const rateSeries: Series[] = [
  { key: 'successRate', label: 'Success rate', color: 'var(--chart-1)', swatch: 'bg-chart-1', format: formatPercent },
];
export function SuccessRateChart({ days }: { days: DayPoint[] }) {
  return (
    <DailyFigure id="rate-chart" summary="Share of runs that succeeded, per day." series={rateSeries} days={days}>
      <LineChart responsive data={days} style={chartStyle} margin={margin}>
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis {...yAxis} domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v)} />
        {tooltip(rateSeries, lineCursor)}
        {lines(rateSeries)}
      </LineChart>
    </DailyFigure>
  );
}

const latencySeries: Series[] = [
  { key: 'avgDurationMs', label: 'Mean', color: 'var(--chart-2)', swatch: 'bg-chart-2', format: formatMs },
  { key: 'p50DurationMs', label: 'p50', color: 'var(--chart-1)', swatch: 'bg-chart-1', format: formatMs },
  { key: 'p95DurationMs', label: 'p95', color: 'var(--chart-3)', swatch: 'bg-chart-3', format: formatMs },
];
export function LatencyChart({ days }: { days: DayPoint[] }) {
  return (
    <DailyFigure
      id="latency-chart"
      summary="Run latency per day: mean, median and 95th percentile."
      series={latencySeries}
      days={days}
    >
      <LineChart responsive data={days} style={chartStyle} margin={margin}>
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis {...yAxis} tickFormatter={(v: number) => formatMs(v)} />
        {tooltip(latencySeries, lineCursor)}
        {lines(latencySeries)}
      </LineChart>
    </DailyFigure>
  );
}

const usageSeries: Series[] = [
  { key: 'tokens', label: 'Tokens', color: 'var(--chart-2)', swatch: 'bg-chart-2', format: formatNumber },
  { key: 'costUsd', label: 'Cost', color: 'var(--chart-1)', swatch: 'bg-chart-1', format: formatUsd },
];
export function TokensCostChart({ days }: { days: DayPoint[] }) {
  return (
    <DailyFigure
      id="usage-chart"
      summary="Tokens (bars, left axis) and cost (line, right axis) per day."
      series={usageSeries}
      days={days}
    >
      <ComposedChart responsive data={days} style={chartStyle} margin={margin}>
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis {...yAxis} yAxisId="tokens" tickFormatter={(v: number) => compact.format(v)} />
        <YAxis {...yAxis} yAxisId="cost" orientation="right" width={76} tickFormatter={(v: number) => formatUsd(v)} />
        {tooltip(usageSeries, barCursor)}
        <Bar yAxisId="tokens" dataKey="tokens" name="Tokens" fill={usageSeries[0].color} isAnimationActive={false} />
        {lines(usageSeries.slice(1), 'cost')}
      </ComposedChart>
    </DailyFigure>
  );
}
