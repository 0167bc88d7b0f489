// The month's spend: prompt and completion cost stacked per UTC day (a recharts bar chart, with the same figures
// as a table for screen readers), and the spend per model as a table with share bars.
import { Bar, BarChart, CartesianGrid, Tooltip, type TooltipContentProps, XAxis, YAxis } from 'recharts';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { AgentCosts } from '@/lib/types';
import { formatNumber, formatUsd } from '@/lib/utils';
import { dayLabel } from './month';

type Day = AgentCosts['byDay'][number];

const series = [
  { key: 'promptCostUsd', label: 'Prompt', color: 'var(--chart-1)', swatch: 'bg-chart-1' },
  { key: 'completionCostUsd', label: 'Completion', color: 'var(--chart-2)', swatch: 'bg-chart-2' },
] as const;

const tick = { fill: 'var(--muted-foreground)', fontSize: 12 };

function Swatch({ className }: { className: string }) {
  return <span aria-hidden className={`inline-block size-2.5 shrink-0 rounded-sm ${className}`} />;
}

function DayTooltip({ active, payload }: Pick<TooltipContentProps, 'active' | 'payload'>) {
  const day = active ? (payload?.[0]?.payload as Day | undefined) : undefined;
  if (!day) return null;
  return (
    <div className="grid min-w-44 gap-1 rounded-md border bg-card px-3 py-2 text-xs text-card-foreground shadow-md">
      <p className="font-medium">{dayLabel(day.date)}</p>
      {series.map((s) => (
        <p key={s.key} className="flex items-center gap-2">
          <Swatch className={s.swatch} /> {s.label}
          <span className="ml-auto tabular-nums">{formatUsd(day[s.key])}</span>
        </p>
      ))}
      <p className="flex gap-2 border-t pt-1 font-medium">
        Total <span className="ml-auto tabular-nums">{formatUsd(day.costUsd)}</span>
      </p>
      <p className="text-muted-foreground">
        {formatNumber(day.runs)} {day.runs === 1 ? 'run' : 'runs'}
      </p>
    </div>
  );
}

export function DailySpendChart({ days }: { days: Day[] }) {
  const spent = days.filter((d) => d.costUsd > 0 || d.runs > 0);
  return (
    <figure className="grid gap-3" aria-labelledby="daily-spend-caption">
      <figcaption id="daily-spend-caption" className="flex flex-wrap items-center gap-4 text-xs text-muted-foreground">
        <span className="sr-only">Daily spend, prompt and completion cost stacked.</span>
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <Swatch className={s.swatch} /> {s.label} cost
          </span>
        ))}
      </figcaption>
      <BarChart
        responsive
        data={days}
        style={{ width: '100%', height: 260 }}
        margin={{ top: 4, right: 4, bottom: 0, left: 4 }}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="date"
          tick={tick}
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
          tickFormatter={(d: string) => String(Number(d.slice(8)))}
          interval="preserveStartEnd"
          minTickGap={8}
        />
        <YAxis tick={tick} tickLine={false} axisLine={false} width={64} tickFormatter={(v: number) => formatUsd(v)} />
        <Tooltip cursor={{ fill: 'var(--muted)' }} content={(props) => <DayTooltip {...props} />} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId="cost" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
      <table className="sr-only">
        <caption>Spend per day with runs</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Prompt</th>
            <th scope="col">Completion</th>
            <th scope="col">Total</th>
            <th scope="col">Runs</th>
          </tr>
        </thead>
        <tbody>
          {spent.map((d) => (
            <tr key={d.date}>
              <th scope="row">{dayLabel(d.date)}</th>
              <td>{formatUsd(d.promptCostUsd)}</td>
              <td>{formatUsd(d.completionCostUsd)}</td>
              <td>{formatUsd(d.costUsd)}</td>
              <td>{d.runs}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
          const share = total > 0 ? (m.costUsd / total) * 100 : 0;
          return (
            <TR key={m.modelName}>
              <TD className="max-w-40 truncate font-mono text-xs" title={m.modelName}>
                {m.modelName}
              </TD>
              <TD className="text-right tabular-nums">{formatNumber(m.runs)}</TD>
              <TD className="text-right tabular-nums">{formatNumber(m.tokens)}</TD>
              <TD className="text-right tabular-nums">{formatUsd(m.costUsd)}</TD>
              <TD>
                <div className="flex items-center gap-2">
                  <div className="h-2 flex-1 overflow-hidden rounded-full bg-muted" aria-hidden>
                    <div className="h-full rounded-full bg-chart-1" style={{ width: `${share}%` }} />
                  </div>
                  <span className="w-10 text-right text-xs tabular-nums text-muted-foreground">
                    {share.toFixed(0)}%
                  </span>
                </div>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
