// The Traces page's list of runs as a listbox: one option per run (status, input, duration, when), the selected one
// highlighted; arrow keys, Home and End move the selection, which the page keeps in the URL.
import type * as React from 'react';
import { useEffect, useRef } from 'react';
import type { Run } from '@/lib/types';
import { cn, formatDateTime, formatMs, timeAgo } from '@/lib/utils';
import { RunTypeBadge } from '../agent/runs-page';
import { RunStatus } from '../agent/status';

const optionId = (runId: string) => `trace-run-${runId}`;

export function RunList({
  runs,
  selected,
  onSelect,
}: {
  runs: Run[];
  selected: string | undefined;
  onSelect: (runId: string) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  // Keep the selected run in view as the keyboard moves through a long list.
  useEffect(() => {
    if (selected)
      list.current?.querySelector(`#${CSS.escape(optionId(selected))}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = runs.findIndex((r) => r.id === selected);
    const next = {
      ArrowDown: Math.min(at + 1, runs.length - 1),
      ArrowUp: Math.max(at - 1, 0),
      Home: 0,
      End: runs.length - 1,
    }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    if (runs[next] && next !== at) onSelect(runs[next].id);
  };

  return (
    <div
      ref={list}
      role="listbox"
      aria-label="Runs"
      aria-activedescendant={selected ? optionId(selected) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="max-h-[70vh] overflow-y-auto rounded-xl border bg-card outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      {runs.map((run) => {
        const active = run.id === selected;
        return (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keyboard (arrow keys)
          <div
            key={run.id}
            id={optionId(run.id)}
            role="option"
            tabIndex={-1}
            aria-selected={active}
            onClick={() => {
              onSelect(run.id);
              list.current?.focus();
            }}
            className={cn(
              'grid cursor-pointer gap-1 border-b border-l-2 border-l-transparent px-3 py-2 last:border-b-0 hover:bg-muted/50',
              active && 'border-l-primary bg-accent hover:bg-accent',
            )}
          >
            <span className="flex items-center gap-2">
              <RunStatus status={run.status} />
              <RunTypeBadge runType={run.runType} />
              <span className="ml-auto text-xs tabular-nums text-muted-foreground">{formatMs(run.durationMs)}</span>
            </span>
            <span className="truncate text-sm" title={run.inputText ?? undefined}>
              {run.inputText || <span className="text-muted-foreground">(no input)</span>}
            </span>
            <time
              dateTime={run.createdAt}
              title={formatDateTime(run.createdAt)}
              className="text-xs text-muted-foreground"
            >
              {timeAgo(run.createdAt)}
            </time>
          </div>
        );
      })}
    </div>
  );
}
