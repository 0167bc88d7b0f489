// A workflow's step graph: its stages top to bottom, the steps of a parallel stage side by side, each step a node
// with its title, agent and — for a run — its status and time. A node links to the step's details below the graph.
import { ArrowDown, Ban, CheckCircle2, Circle, Loader2, XCircle } from 'lucide-react';
import type { Workflow, WorkflowStep } from '@/lib/types';
import { cn, formatMs } from '@/lib/utils';

const look: Record<WorkflowStep['status'], { icon: typeof Circle; node: string; label: string }> = {
  QUEUED: { icon: Circle, node: 'border-dashed text-muted-foreground', label: 'queued' },
  RUNNING: { icon: Loader2, node: 'border-warning bg-warning/10', label: 'running' },
  COMPLETED: { icon: CheckCircle2, node: 'border-primary/60 bg-primary/5', label: 'completed' },
  FAILED: { icon: XCircle, node: 'border-destructive bg-destructive/10', label: 'failed' },
  CANCELLED: { icon: Ban, node: 'border-muted-foreground/40 text-muted-foreground', label: 'cancelled' },
};

/** How long the step took (or has taken so far); empty before it started. */
export const stepElapsed = (step: Pick<WorkflowStep, 'startedAt' | 'completedAt'>) =>
  step.startedAt
    ? formatMs(new Date(step.completedAt ?? Date.now()).getTime() - new Date(step.startedAt).getTime())
    : '';

function Node({ spec, step, compact }: { spec: Workflow['steps'][number]; step?: WorkflowStep; compact?: boolean }) {
  const state = step ? look[step.status] : null;
  const Icon = state?.icon ?? Circle;
  const icon = (
    <Icon
      className={cn(
        'size-4 shrink-0',
        step?.status === 'RUNNING' && 'animate-spin',
        step?.status === 'COMPLETED' && 'text-primary',
        step?.status === 'FAILED' && 'text-destructive',
      )}
      aria-hidden
    />
  );
  if (compact)
    return (
      <div className="flex min-w-0 items-center gap-1.5 rounded-md border bg-card px-2 py-1 text-sm">
        {icon}
        <span className="font-medium">{spec.title}</span>
        <span className="truncate text-xs text-muted-foreground">{spec.agentSlug}</span>
      </div>
    );
  const body = (
    <>
      <span className="flex items-center gap-1.5 font-medium">
        {icon}
        {spec.title}
      </span>
      <span className="truncate text-xs text-muted-foreground">{spec.agentSlug}</span>
      {state && (
        <span className="text-xs">
          {state.label}
          {step && stepElapsed(step) && <span className="text-muted-foreground"> · {stepElapsed(step)}</span>}
        </span>
      )}
    </>
  );
  const className = cn('grid min-w-0 gap-0.5 rounded-lg border bg-card px-3 py-2 text-left text-sm', state?.node);
  return step ? (
    <a
      href={`#step-${spec.id}`}
      aria-label={`${spec.title}: ${state?.label}`}
      className={cn(className, 'hover:bg-muted/60')}
    >
      {body}
    </a>
  ) : (
    <div className={className}>{body}</div>
  );
}

/**
 * The graph of `workflow`; with `steps` (a run's), each node shows its step's state. A parallel stage is a group whose
 * steps sit side by side where there is room; `compact` draws each step on one line (a sidebar).
 */
export function StepGraph({
  workflow,
  steps,
  compact,
}: {
  workflow: Workflow;
  steps?: WorkflowStep[];
  compact?: boolean;
}) {
  const node = (id: string) => {
    const spec = workflow.steps.find((s) => s.id === id);
    return spec ? <Node key={id} spec={spec} step={steps?.find((s) => s.stepId === id)} compact={compact} /> : null;
  };
  return (
    <ol className="grid grid-cols-[minmax(0,1fr)] gap-1" aria-label="Step graph">
      {workflow.stages.map((stage, i) => (
        <li key={stage.join('+')} className="grid grid-cols-[minmax(0,1fr)] gap-1">
          {i > 0 && <ArrowDown className="mx-auto size-4 text-muted-foreground" aria-hidden />}
          {stage.length > 1 ? (
            <div className="grid gap-1.5 rounded-lg border border-dashed p-2">
              <span className="text-[11px] font-medium tracking-wide text-muted-foreground uppercase">in parallel</span>
              <div
                className={cn(
                  'grid gap-2',
                  compact ? 'grid-cols-[minmax(0,1fr)]' : 'grid-cols-[repeat(auto-fit,minmax(10rem,1fr))]',
                )}
              >
                {stage.map(node)}
              </div>
            </div>
          ) : (
            node(stage[0])
          )}
        </li>
      ))}
    </ol>
  );
}
