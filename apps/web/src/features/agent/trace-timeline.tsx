// A run's trace as a waterfall: one row per step (model call or tool call) with a bar placed by its start and
// sized by its duration against the whole run, expandable to the step's content.
import { Bot, ChevronRight, Wrench } from 'lucide-react';
import { useId, useState } from 'react';
import type { Run, TraceStep } from '@/lib/types';
import { cn, formatMs, formatNumber } from '@/lib/utils';
import { JsonView } from './json-view';

/** What the server records in a model step's content (packages/core/src/runs/trace.ts). */
interface ModelStepContent {
  modelStep?: number;
  text?: string;
  finishReason?: string;
  usage?: { inputTokens?: number; outputTokens?: number };
  toolCalls?: { toolName?: string }[];
}
/** What the server records in a tool step's content. */
interface ToolStepContent {
  toolCallId?: string;
  toolKey?: string;
  input?: unknown;
  output?: unknown;
  success?: boolean;
  error?: string | null;
}

/** The columns shared by the header and every step row: label, time axis, duration. */
const columns = 'grid grid-cols-[minmax(13rem,2fr)_minmax(0,3fr)_4.5rem] items-center gap-3';

const asObject = <T,>(content: unknown): T => (content && typeof content === 'object' ? content : {}) as T;

interface PlacedStep {
  step: TraceStep;
  offsetMs: number;
  durationMs: number;
}

/** What the timeline needs of the run: when it started and how long it took (a run or its trace has both). */
type RunTiming = Pick<Run, 'startedAt' | 'durationMs'>;

/** Places each step on the run's time axis; a step without a start follows the previous one. */
function place(run: RunTiming, steps: TraceStep[]): { rows: PlacedStep[]; totalMs: number } {
  const time = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : Number.NaN);
  const starts = steps.map((s) => time(s.startedAt)).filter((t) => !Number.isNaN(t));
  const runStart = time(run.startedAt);
  const t0 = Math.min(...(Number.isNaN(runStart) ? [] : [runStart]), ...starts);
  let cursor = 0;
  const rows = steps.map((step) => {
    const start = time(step.startedAt);
    const offsetMs = Number.isFinite(t0) && !Number.isNaN(start) ? start - t0 : cursor;
    const durationMs = Math.max(0, step.durationMs ?? 0);
    cursor = offsetMs + durationMs;
    return { step, offsetMs, durationMs };
  });
  const end = Math.max(run.durationMs ?? 0, ...rows.map((r) => r.offsetMs + r.durationMs));
  return { rows, totalMs: Math.max(end, 1) };
}

function stepLabel(step: TraceStep): { title: string; detail: string; failed: boolean } {
  if (step.type === 'tool-call') {
    const c = asObject<ToolStepContent>(step.content);
    const failed = c.success === false;
    return { title: c.toolKey ?? 'tool call', detail: failed ? 'error' : 'success', failed };
  }
  if (step.type === 'llm') {
    const c = asObject<ModelStepContent>(step.content);
    const tokens = c.usage ? `${formatNumber(c.usage.inputTokens)} in · ${formatNumber(c.usage.outputTokens)} out` : '';
    return {
      title: `Model step${c.modelStep ? ` ${c.modelStep}` : ''}`,
      detail: [c.finishReason, tokens].filter(Boolean).join(' · '),
      failed: c.finishReason === 'error',
    };
  }
  return { title: step.type, detail: '', failed: false };
}

function StepContent({ step }: { step: TraceStep }) {
  if (step.type === 'tool-call') {
    const c = asObject<ToolStepContent>(step.content);
    return (
      <div className="grid gap-2 md:grid-cols-2">
        <JsonView label="Input" value={c.input} />
        {c.success === false ? (
          <p className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-xs">
            {c.error || 'The tool failed without a message.'}
          </p>
        ) : (
          <JsonView label="Output" value={c.output} />
        )}
      </div>
    );
  }
  const c = asObject<ModelStepContent>(step.content);
  return (
    <div className="grid gap-2">
      {c.text ? (
        <p className="rounded-md border bg-background px-3 py-2 text-sm whitespace-pre-wrap break-words">{c.text}</p>
      ) : null}
      <JsonView label="Step content" value={step.content} defaultOpen={!c.text} />
    </div>
  );
}

function StepRow({ placed, totalMs }: { placed: PlacedStep; totalMs: number }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const { step, offsetMs, durationMs } = placed;
  const { title, detail, failed } = stepLabel(step);
  const tool = step.type === 'tool-call';
  const Icon = tool ? Wrench : Bot;
  const left = (offsetMs / totalMs) * 100;
  const width = Math.max((durationMs / totalMs) * 100, 0.4);
  return (
    <li className="border-b last:border-0">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className={cn(columns, 'w-full cursor-pointer px-3 py-2 text-left text-sm hover:bg-muted/50')}
      >
        <span className="flex min-w-0 items-center gap-2">
          <ChevronRight
            className={cn('size-3.5 shrink-0 text-muted-foreground transition-transform', open && 'rotate-90')}
            aria-hidden
          />
          <span
            className={cn(
              'flex size-6 shrink-0 items-center justify-center rounded-md',
              tool ? 'bg-warning/20' : 'bg-primary/15 text-primary',
            )}
          >
            <Icon className="size-3.5" aria-hidden />
            <span className="sr-only">{tool ? 'Tool call' : 'Model call'}</span>
          </span>
          <span className="min-w-0">
            <span className={cn('block truncate font-medium', tool && 'font-mono text-xs')}>{title}</span>
            {detail && (
              <span className={cn('block truncate text-xs text-muted-foreground', failed && 'text-destructive')}>
                {detail}
              </span>
            )}
          </span>
        </span>
        <span className="relative h-4 rounded-sm bg-muted/60" aria-hidden>
          <span
            className={cn(
              'absolute inset-y-0 min-w-0.5 rounded-sm',
              failed ? 'bg-destructive' : tool ? 'bg-warning' : 'bg-primary/70',
            )}
            style={{ left: `${Math.min(left, 99.6)}%`, width: `${Math.min(width, 100 - Math.min(left, 99.6))}%` }}
          />
        </span>
        <span className="text-right text-xs tabular-nums text-muted-foreground">
          {formatMs(durationMs)}
          <span className="sr-only">, starting at {formatMs(offsetMs)}</span>
        </span>
      </button>
      <div id={id} hidden={!open} className="bg-muted/30 px-3 pt-1 pb-3 pl-11">
        {open && <StepContent step={step} />}
      </div>
    </li>
  );
}

export function TraceTimeline({ run, steps }: { run: RunTiming; steps: TraceStep[] }) {
  const { rows, totalMs } = place(run, steps);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="overflow-x-auto">
      <div className="min-w-[40rem]">
        <div className={cn(columns, 'border-b px-3 py-1.5 text-xs text-muted-foreground')} aria-hidden>
          <span>Step</span>
          <span className="relative h-4">
            {ticks.map((t) => (
              <span
                key={t}
                className={cn(
                  'absolute top-0 whitespace-nowrap tabular-nums',
                  t === 1 ? '-translate-x-full' : t > 0 && '-translate-x-1/2',
                )}
                style={{ left: `${t * 100}%` }}
              >
                {formatMs(totalMs * t)}
              </span>
            ))}
          </span>
          <span className="text-right">Duration</span>
        </div>
        <ol aria-label="Trace steps">
          {rows.map((placed) => (
            <StepRow key={placed.step.id} placed={placed} totalMs={totalMs} />
          ))}
        </ol>
      </div>
    </div>
  );
}
