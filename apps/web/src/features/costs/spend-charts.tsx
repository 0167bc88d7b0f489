// The month's spend: prompt and completion cost stacked per UTC day (a recharts bar chart, with the same figures
// as a table for screen readers), and the spend per model as a table with share bars.
import { Bar, BarChart, CartesianGrid, Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import {
  ChartLegend,
  ChartTable,
  chartGridStroke,
  chartTick,
  dayAxis,
  ShareBar,
  TooltipCard,
} from '@/components/chart';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { AgentCosts } from '@/lib/types';
import { formatNumber, formatUsd } from '@/lib/utils';
import { dayLabel } from './month';

type Day = AgentCosts['byDay'][number];

const series = [
  { key: 'promptCostUsd', label: 'Prompt cost', color: 'var(--chart-1)', swatch: 'bg-chart-1' },
  { key: 'completionCostUsd', label: 'Completion cost', color: 'var(--chart-2)', swatch: 'bg-chart-2' },
] as const;

function DayTooltip({ active, payload }: Pick<TooltipContentProps, 'active' | 'payload'>) {
  const day = active ? (payload?.[0]?.payload as Day | undefined) : undefined;
  if (!day) return null;
  return (
    <TooltipCard
      title={dayLabel(day.date)}
      rows={series.map((s) => ({ ...s, label: s.label.replace(' cost', ''), value: formatUsd(day[s.key]) }))}
    >
      <p className="flex gap-2 border-t pt-1 font-medium">
        Total <span className="ml-auto tabular-nums">{formatUsd(day.costUsd)}</span>
      </p>
      <p className="text-muted-foreground">
        {formatNumber(day.runs)} {day.runs === 1 ? 'run' : 'runs'}
      </p>
    </TooltipCard>
  );
}

export function DailySpendChart({ days }: { days: Day[] }) {
  const spent = days.filter((d) => d.costUsd > 0 || d.runs > 0);
  return (
    <figure className="grid gap-3" aria-labelledby="daily-spend-caption">
      <ChartLegend
        id="daily-spend-caption"
        summary="Daily spend, prompt and completion cost stacked."
        series={series}
      />
      <BarChart
        responsive
        data={days}
        style={{ width: '100%', height: 260 }}
        margin={{ top: 4, right: 4, bottom: 0, left: 4 }}
      >
        <CartesianGrid vertical={false} stroke={chartGridStroke} />
        <XAxis {...dayAxis} />
        <YAxis
          tick={chartTick}
          tickLine={false}
          axisLine={false}
          width={64}
          tickFormatter={(v: number) => formatUsd(v)}
        />
        <Tooltip cursor={{ fill: 'var(--muted)' }} content={(props) => <DayTooltip {...props} />} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="cost" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
      <ChartTable
        caption="Spend per day with runs"
        rows={spent}
        rowKey={(d) => d.date}
        columns={[
          { label: 'Day', value: (d) => dayLabel(d.date) },
          { label: 'Prompt', value: (d) => formatUsd(d.promptCostUsd) },
          { label: 'Completion', value: (d) => formatUsd(d.completionCostUsd) },
          { label: 'Total', value: (d) => formatUsd(d.costUsd) },
          { label: 'Runs', value: (d) => d.runs },
        ]}
      />
    </figure>
  );
}

export function ModelSpendTable({ models }: { models: AgentCosts['byModel'] }) {
  const total = models.reduce((sum, m) => sum + m.costUsd, 0);
  return (
    <Table aria-label="Spend by model">
      <THead>
        <TR>
          <TH>Model</TH>
          <TH className="text-right">Runs</TH>
          <TH className="text-right">Tokens</TH>
          <TH className="text-right">Cost</TH>
          <TH className="w-1/4">Share</TH>
        </TR>
      </THead>
      <TBody>
        {models.map((m) => {
          const share = total > 0 ? m.costUsd / total : 0;
          return (
            <TR key={m.modelName}>
              <TD className="max-w-40 truncate font-mono text-xs" title={m.modelName}>
                {m.modelName}
              </TD>
              <TD className="text-right tabular-nums">{formatNumber(m.runs)}</TD>
              <TD className="text-right tabular-nums">{formatNumber(m.tokens)}</TD>
              <TD className="text-right tabular-nums">{formatUsd(m.costUsd)}</TD>
              <TD>
                <ShareBar value={share} label={`${(share * 100).toFixed(0)}%`} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
