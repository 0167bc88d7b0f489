// One tool call as a compact collapsible card: tool name and state, then its input and its output or error.
import { Check, ChevronRight, Loader2, Wrench, X } from 'lucide-react';
import { useId, useState } from 'react';
import { cn, formatMs } from '@/lib/utils';
import { JsonView } from './json-view';

export type ToolCallState = 'running' | 'done' | 'error';

export interface ToolCallView {
  name: string;
  state: ToolCallState;
  input: unknown;
  output?: unknown;
  errorText?: string;
  durationMs?: number | null;
}

const stateText: Record<ToolCallState, string> = { running: 'running', done: 'done', error: 'failed' };

export function ToolCallCard({ call }: { call: ToolCallView }) {
  const [open, setOpen] = useState(call.state === 'error');
  const id = useId();
  return (
    <div
      className={cn(
        'rounded-lg border bg-muted/40 text-sm',
        call.state === 'error' && 'border-destructive/40 bg-destructive/5',
      )}
    >
      <button
        type="button"
        className="flex w-full cursor-pointer items-center gap-2 rounded-lg px-3 py-1.5 text-left"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <ChevronRight
          className={cn('size-3.5 shrink-0 text-muted-foreground transition-transform', open && 'rotate-90')}
          aria-hidden
        />
        <Wrench className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
        <span className="font-mono text-xs font-medium">{call.name}</span>
        <span className="ml-auto flex items-center gap-1 text-xs text-muted-foreground">
          {call.durationMs != null && <span className="tabular-nums">{formatMs(call.durationMs)}</span>}
          {call.state === 'running' ? (
            <Loader2 className="size-3.5 animate-spin" aria-hidden />
          ) : call.state === 'done' ? (
            <Check className="size-3.5 text-primary" aria-hidden />
          ) : (
            <X className="size-3.5 text-destructive" aria-hidden />
          )}
          <span className={cn(call.state === 'error' && 'text-destructive')}>{stateText[call.state]}</span>
        </span>
      </button>
      <div id={id} hidden={!open} className="grid gap-2 border-t p-2">
        <JsonView label="Input" value={call.input} />
        {call.state === 'error' ? (
          <p className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-xs">
            {call.errorText || 'The tool failed without a message.'}
          </p>
        ) : call.state === 'done' ? (
          <JsonView label="Output" value={call.output} />
        ) : (
          <p className="px-1 text-xs text-muted-foreground">Waiting for the result…</p>
        )}
      </div>
    </div>
  );
}
