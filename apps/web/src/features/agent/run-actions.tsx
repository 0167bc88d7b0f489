// A run's actions: Cancel while it is queued or running (confirmed first; aborts the model call) and Run again (same
// input, thread and type), which opens the new run — linked back to this one.
import { useNavigate } from '@tanstack/react-router';
import { Ban, RotateCcw } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorNotice } from '@/components/ui/feedback';
import type { RunDetail } from '@/lib/types';
import { useCancelRun, useRerun } from './api';

export function RunActions({ run, slug }: { run: RunDetail; slug: string }) {
  const cancel = useCancelRun(slug);
  const rerun = useRerun(slug);
  const navigate = useNavigate();
  const inProgress = run.status === 'QUEUED' || run.status === 'RUNNING';
  const error = cancel.error ?? rerun.error;

  function runAgain() {
    cancel.reset();
    rerun.mutate(run.id, {
      onSuccess: (next) => {
        toast.success(`Ran again: ${next.status.toLowerCase()}`);
        navigate({ to: '/workspace/$agentSlug/runs/$runId', params: { agentSlug: slug, runId: next.id } });
      },
    });
  }

  return (
    <>
      <div className="ml-auto flex flex-wrap gap-2">
        {inProgress && (
          <ConfirmDialog
            destructive
            title="Cancel this run?"
            description="The model call in flight is aborted and the run is recorded as cancelled. Its input stays, so it can run again."
            confirmLabel="Cancel run"
            dismissLabel="Keep running"
            onConfirm={() => {
              rerun.reset();
              cancel.mutate(run.id, { onSuccess: () => toast.success('Run cancelled') });
            }}
            trigger={
              <Button variant="outline" size="sm" disabled={cancel.isPending}>
                <Ban aria-hidden /> {cancel.isPending ? 'Cancelling…' : 'Cancel'}
              </Button>
            }
          />
        )}
        <Button variant="outline" size="sm" disabled={rerun.isPending} onClick={runAgain}>
          <RotateCcw aria-hidden className={rerun.isPending ? 'animate-spin' : undefined} />
          {rerun.isPending ? 'Running again…' : 'Run again'}
        </Button>
      </div>
      {error && <ErrorNotice error={error} className="basis-full" />}
    </>
  );
}
