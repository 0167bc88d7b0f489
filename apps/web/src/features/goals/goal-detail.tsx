// One goal: its status and result, the orchestrator's reasoning, and every planned step in order with its agent,
// attempts, output or error and a link to the step's latest run. Refreshes itself while the goal is in flight,
// when it can also be cancelled.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Ban, RotateCcw } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Stat } from '@/components/ui/facts';
import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Can } from '@/lib/access';
import type { GoalDetail, GoalStep } from '@/lib/types';
import { formatDateTime, formatMs, timeAgo } from '@/lib/utils';
import { Section } from '../agent/configure-controls';
import { RunStatus } from '../agent/status';
import { goalQuery, isActive, useCancelGoal } from './api';

const elapsed = (from: string | null, to: string | null) =>
  from ? formatMs(new Date(to ?? Date.now()).getTime() - new Date(from).getTime()) : '—';

function Clipped({ label, text }: { label: string; text: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted-foreground">{label}</summary>
      <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-muted p-2 text-xs whitespace-pre-wrap">{text}</pre>
    </details>
  );
}

function StepRow({ step, maxAttempts }: { step: GoalStep; maxAttempts: number }) {
  return (
    <li className="grid gap-2 rounded-lg border p-3" aria-label={`Step ${step.stepNumber}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="flex size-6 items-center justify-center rounded-full bg-muted text-xs font-semibold">
          {step.stepNumber}
        </span>
        <Link
          to="/workspace/$agentSlug/overview"
          params={{ agentSlug: step.agentSlug }}
          className="font-medium hover:underline"
        >
          {step.agentSlug}
        </Link>
        <RunStatus status={step.status} />
        {step.attempts > 1 && (
          <Badge variant="outline" title="Attempts used">
            <RotateCcw className="size-3" aria-hidden /> {step.attempts}/{maxAttempts}
          </Badge>
        )}
        <span className="ml-auto text-xs text-muted-foreground">{elapsed(step.startedAt, step.completedAt)}</span>
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
      <Clipped label="Input" text={step.inputText} />
      {step.outputText && <p className="text-sm whitespace-pre-wrap">{step.outputText}</p>}
      {step.error && (
        <p className={step.status === 'CANCELLED' ? 'text-sm text-muted-foreground' : 'text-sm text-destructive'}>
          {step.error}
        </p>
      )}
    </li>
  );
}

function CancelGoal({ goal }: { goal: GoalDetail }) {
  const cancel = useCancelGoal();
  return (
    <ConfirmDialog
      destructive
      title="Cancel this goal?"
      description="No further step starts and the run of the step in flight is cancelled. Finished steps keep their output."
      confirmLabel="Cancel goal"
      dismissLabel="Keep going"
      onConfirm={() => cancel.mutate(goal.id, { onSuccess: () => toast.success('Goal cancelled') })}
      trigger={
        <Button variant="outline" size="sm" disabled={cancel.isPending}>
          <Ban aria-hidden /> {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </Button>
      }
    />
  );
}

function GoalBody({ goal }: { goal: GoalDetail }) {
  const plan = goal.plan;
  return (
    <Section
      id="goal-detail"
      title={goal.title}
      description={`Submitted ${timeAgo(goal.createdAt)} · ${formatDateTime(goal.createdAt)}`}
      action={
        <div className="flex items-center gap-2">
          {isActive(goal) && (
            <Can need="run">
              <CancelGoal goal={goal} />
            </Can>
          )}
          <RunStatus status={goal.status} />
        </div>
      }
    >
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Steps" value={goal.steps.length ? String(goal.steps.length) : '—'} />
        <Stat label="Failed attempts" value={String(goal.attempts)} />
        <Stat label="Elapsed" value={elapsed(goal.startedAt, goal.completedAt)} />
        <Stat label="Next retry" value={goal.nextRetryAt ? formatDateTime(goal.nextRetryAt) : '—'} />
      </dl>
      <Clipped label="Goal" text={goal.inputText} />
      {goal.result && (
        <div className="rounded-lg border border-primary/40 bg-primary/5 p-3">
          <p className="mb-1 text-xs font-medium text-muted-foreground">Result</p>
          <p className="text-sm whitespace-pre-wrap">{goal.result}</p>
        </div>
      )}
      {goal.error &&
        (goal.status === 'CANCELLED' ? (
          <p className="text-sm text-muted-foreground">{goal.error}</p>
        ) : (
          <ErrorNotice error={goal.error} />
        ))}
      {plan?.reasoning && (
        <p className="text-sm text-muted-foreground">
          <span className="font-medium text-foreground">Plan: </span>
          {plan.reasoning}
        </p>
      )}
      {goal.steps.length ? (
        <ol className="grid gap-2">
          {goal.steps.map((s) => (
            <StepRow key={s.id} step={s} maxAttempts={goal.maxAttempts} />
          ))}
        </ol>
      ) : (
        <Spinner label={goal.status === 'QUEUED' ? 'Waiting for a worker…' : 'Planning…'} />
      )}
    </Section>
  );
}

export function GoalDetailPanel({ goalId }: { goalId: string }) {
  const query = useQuery(goalQuery(goalId));
  if (query.isPending) return <Spinner />;
  if (query.error) return <ErrorNotice error={query.error} />;
  return <GoalBody goal={query.data} />;
}
