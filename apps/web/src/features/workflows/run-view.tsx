// One workflow run: its status, the trip it plans, the step graph with every step's state, the result (itinerary and
// budget) or the error, and each step's input, output or error with a link to its run. Refreshes itself while the
// run is in flight, when it can also be cancelled.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Ban } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Stat } from '@/components/ui/facts';
import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Can } from '@/lib/access';
import type { TripInput, Workflow, WorkflowRunDetail, WorkflowStep } from '@/lib/types';
import { formatMs, timeAgo } from '@/lib/utils';
import { Section } from '../agent/configure-controls';
import { RunStatus } from '../agent/status';
import { isActive, useCancelWorkflowRun, workflowRunQuery } from './api';
import { StepGraph, stepElapsed } from './step-graph';

const elapsed = (from: string | null, to: string | null) =>
  from ? formatMs(new Date(to ?? Date.now()).getTime() - new Date(from).getTime()) : '—';

/** The trip in a few words: how long, who and for how much (the destination apart). */
export function tripDetails(input: WorkflowRunDetail['inputJson']): string {
  const trip = input as TripInput;
  const nights =
    trip.startDate && trip.endDate
      ? Math.round((Date.parse(trip.endDate) - Date.parse(trip.startDate)) / 86_400_000)
      : trip.nights;
  return [
    nights ? `${nights} night${nights === 1 ? '' : 's'}` : null,
    trip.travellers ? `${trip.travellers} traveller${trip.travellers === 1 ? '' : 's'}` : null,
    trip.budget ? `${trip.budget} ${trip.currency ?? ''}`.trim() : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export const destinationOf = (input: WorkflowRunDetail['inputJson']) => (input as TripInput).destination;

function Clipped({ label, text }: { label: string; text: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted-foreground">{label}</summary>
      <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-muted p-2 text-xs whitespace-pre-wrap">{text}</pre>
    </details>
  );
}

function StepDetail({ spec, step }: { spec: Workflow['steps'][number]; step: WorkflowStep }) {
  return (
    <li id={`step-${step.stepId}`} className="grid scroll-mt-20 gap-2 rounded-lg border p-3" aria-label={spec.title}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{spec.title}</span>
        <Link
          to="/workspace/$agentSlug/runs"
          params={{ agentSlug: step.agentSlug }}
          search={{}}
          className="text-sm text-muted-foreground hover:underline"
        >
          {step.agentSlug}
        </Link>
        <RunStatus status={step.status} />
        <span className="ml-auto text-xs text-muted-foreground">{stepElapsed(step)}</span>
        {step.runId && (
          <Link
            to="/workspace/$agentSlug/runs/$runId"
            params={{ agentSlug: step.agentSlug, runId: step.runId }}
            className="text-xs text-primary hover:underline"
          >
            Run
          </Link>
        )}
      </div>
      {step.inputText && <Clipped label="Input" text={step.inputText} />}
      {step.outputText && <p className="max-h-72 overflow-auto text-sm whitespace-pre-wrap">{step.outputText}</p>}
      {step.error && (
        <p className={step.status === 'FAILED' ? 'text-sm text-destructive' : 'text-sm text-muted-foreground'}>
          {step.error}
        </p>
      )}
    </li>
  );
}

function CancelRun({ run }: { run: WorkflowRunDetail }) {
  const cancel = useCancelWorkflowRun(run.workflowId);
  return (
    <ConfirmDialog
      destructive
      title="Cancel this run?"
      description="No further step starts and the runs of the steps in flight are cancelled. Finished steps keep their output."
      confirmLabel="Cancel run"
      dismissLabel="Keep going"
      onConfirm={() => cancel.mutate(run.id, { onSuccess: () => toast.success('Workflow run cancelled') })}
      trigger={
        <Button variant="outline" size="sm" disabled={cancel.isPending}>
          <Ban aria-hidden /> {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </Button>
      }
    />
  );
}

/** The run's output, one box per entry, in the order of the steps that produced them (itinerary, then budget). */
function Result({ workflow, output }: { workflow: Workflow; output: NonNullable<WorkflowRunDetail['outputJson']> }) {
  const order = (key: string) => {
    const i = workflow.steps.findIndex((s) => s.id === key);
    return i < 0 ? workflow.steps.length : i;
  };
  const entries = Object.entries(output).sort(([a], [b]) => order(a) - order(b));
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      {entries.map(([key, value]) => (
        <div key={key} className="grid content-start gap-1 rounded-lg border border-primary/40 bg-primary/5 p-3">
          <p className="text-xs font-medium text-muted-foreground capitalize">{key}</p>
          <p className="max-h-80 overflow-auto text-sm whitespace-pre-wrap">{String(value)}</p>
        </div>
      ))}
    </div>
  );
}

function RunBody({ workflow, run }: { workflow: Workflow; run: WorkflowRunDetail }) {
  const trip = run.inputJson as TripInput;
  const done = run.steps.filter((s) => s.status === 'COMPLETED').length;
  // Steps that never started say so on the graph; the list below holds the ones with something to show.
  const started = run.steps.filter((s) => s.startedAt);
  const specOf = (id: string) => workflow.steps.find((s) => s.id === id);
  return (
    <Section
      id="workflow-run"
      title={`Trip to ${trip.destination}`}
      description={[trip.origin && `from ${trip.origin}`, tripDetails(run.inputJson)].filter(Boolean).join(' · ')}
      action={
        <div className="flex items-center gap-2">
          {isActive(run) && (
            <Can need="run">
              <CancelRun run={run} />
            </Can>
          )}
          <RunStatus status={run.status} />
        </div>
      }
    >
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Stat label="Steps completed" value={`${done} / ${run.steps.length}`} />
        <Stat label="Elapsed" value={elapsed(run.startedAt, run.completedAt)} />
        <Stat label="Started" value={timeAgo(run.createdAt)} />
      </dl>
      {run.error &&
        (run.status === 'CANCELLED' ? (
          <p className="text-sm text-muted-foreground">{run.error}</p>
        ) : (
          <ErrorNotice error={run.error} />
        ))}
      {run.outputJson && <Result workflow={workflow} output={run.outputJson} />}
      <StepGraph workflow={workflow} steps={run.steps} />
      <ol className="grid gap-2" aria-label="Steps">
        {started.map((step) => {
          const spec = specOf(step.stepId);
          return spec ? <StepDetail key={step.id} spec={spec} step={step} /> : null;
        })}
      </ol>
    </Section>
  );
}

export function WorkflowRunPanel({ workflow, runId }: { workflow: Workflow; runId: string }) {
  const query = useQuery(workflowRunQuery(workflow.id, runId));
  if (query.isPending) return <Spinner />;
  if (query.error) return <ErrorNotice error={query.error} />;
  return <RunBody workflow={workflow} run={query.data} />;
}
