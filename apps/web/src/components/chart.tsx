// Shared pieces of the recharts charts (Costs, Analytics): theme-token axis ticks, a colour swatch, the legend, a
// tooltip card of one day, the screen-reader table that repeats a chart's figures, and a small share bar for tables.
import type * as React from 'react';
import { cn } from '@/lib/utils';

/** One plotted series: its data key, label, stroke/fill colour (a CSS variable) and the matching swatch class. */
export interface ChartSeries<K extends string = string> {
  key: K;
  label: string;
  color: string;
  swatch: string;
}

export const chartTick = { fill: 'var(--muted-foreground)', fontSize: 12 };
export const chartGridStroke = 'var(--border)';

/** X axis props for a series of UTC days ('YYYY-MM-DD'): day-of-month ticks, the first and last always shown. */
export const dayAxis = {
  dataKey: 'date',
  tick: chartTick,
  tickLine: false,
  axisLine: { stroke: 'var(--border)' },
  tickFormatter: (d: string) => String(Number(d.slice(8))),
  interval: 'preserveStartEnd' as const,
  minTickGap: 8,
};

export function Swatch({ className }: { className: string }) {
  return <span aria-hidden className={cn('inline-block size-2.5 shrink-0 rounded-sm', className)} />;
}

/** The figure's caption: what it shows (for screen readers) and a legend of its series. */
export function ChartLegend({ id, summary, series }: { id: string; summary: string; series: readonly ChartSeries[] }) {
  return (
    <figcaption id={id} className="flex flex-wrap items-center gap-4 text-xs text-muted-foreground">
      <span className="sr-only">{summary}</span>
      {series.map((s) => (
        <span key={s.key} className="inline-flex items-center gap-1.5">
          <Swatch className={s.swatch} /> {s.label}
        </span>
      ))}
    </figcaption>
  );
}

/** The card a chart tooltip shows: a title, one row per series and optional extra lines. */
export function TooltipCard({
  title,
  rows,
  children,
}: {
  title: string;
  rows: { key: string; label: string; swatch: string; value: string }[];
  children?: React.ReactNode;
}) {
  return (
    <div className="grid min-w-44 gap-1 rounded-md border bg-card px-3 py-2 text-xs text-card-foreground shadow-md">
      <p className="font-medium">{title}</p>
      {rows.map((r) => (
        <p key={r.key} className="flex items-center gap-2">
          <Swatch className={r.swatch} /> {r.label}
          <span className="ml-auto tabular-nums">{r.value}</span>
        </p>
      ))}
      {children}
    </div>
  );
}

/** A visually hidden table with the same figures as a chart, for screen readers. */
export function ChartTable<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: { label: string; value: (row: T) => React.ReactNode }[];
  rows: T[];
  rowKey: (row: T) => string;
}) {
  const [head, ...rest] = columns;
  // The wrapper clips the table: a table grows to fit its cells whatever its own width, so `sr-only` on the table
  // alone left it overflowing the page (a chart in a right-hand column widened the page).
  return (
    <div className="sr-only">
      <table className="sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row">{head.value(row)}</th>
              {rest.map((c) => (
                <td key={c.label}>{c.value(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A small horizontal bar for a share (0–1) in a table cell, with its label beside it. */
export function ShareBar({ value, label, className }: { value: number; label: string; className?: string }) {
  return (
    <div className="flex items-center gap-2">
      <div className="h-2 flex-1 overflow-hidden rounded-full bg-muted" aria-hidden>
        <div
          className={cn('h-full rounded-full bg-chart-1', className)}
          style={{ width: `${Math.min(Math.max(value, 0), 1) * 100}%` }}
        />
      </div>
      <span className="w-10 text-right text-xs tabular-nums text-muted-foreground">{label}</span>
    </div>
  );
}
