// A workflow run's progress as a sequence of snapshots (the run with its steps): the first at once, then one each
// time anything about it changed, until it finished. It is read from the database every `intervalMs`, so it follows
// a run executed by any process (a worker elsewhere) without further plumbing.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceContext } from '../context';
import { getWorkflowRun, isFinished, type WorkflowRunDetail } from './service';

export interface ProgressOptions {
  /** How often the run is read again (default 500 ms). */
  intervalMs?: number;
  /** Stops the sequence (the client went away). */
  signal?: AbortSignal;
}

/** Snapshots of the run until it finishes or `signal` aborts; 404 (thrown by the first read) for an unknown run. */
export async function* workflowRunProgress(
  ctx: ServiceContext,
  workflowId: string,
  workflowRunId: string,
  { intervalMs = 500, signal }: ProgressOptions = {},
): AsyncGenerator<WorkflowRunDetail> {
  let last = '';
  while (!signal?.aborted) {
    const run = await getWorkflowRun(ctx, workflowId, workflowRunId);
    const seen = JSON.stringify(run);
    if (seen !== last) {
      last = seen;
      yield run;
    }
    if (isFinished(run)) return;
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      return; // aborted
    }
  }
}
