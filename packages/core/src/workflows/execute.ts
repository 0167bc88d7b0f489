// The execute-workflow job: takes a workflow run, runs its Mastra workflow (each step through the step runner) and
// records the outcome — COMPLETED with the workflow's output, or FAILED with the first failed step's error, the steps
// that never started closed as CANCELLED. Idempotent: a duplicate delivery finds nothing to take; a resumed run skips
// its completed steps. A cancelled run stays cancelled whatever its steps do afterwards.
import type { WorkflowRun } from '@trellis/db';
import type { ServiceContext } from '../context';
import { workflowDefinition } from './registry';
import type { StepOutput } from './schemas';
import { stepRunner } from './step-runner';
import { WorkflowStore } from './store';

export type WorkflowJobResult =
  | { handled: false }
  | { handled: true; outcome: 'skipped' | 'completed' | 'failed' | 'cancelled'; status: WorkflowRun['status'] };

const cancelled: WorkflowJobResult = { handled: true, outcome: 'cancelled', status: 'CANCELLED' };

/** Records the end of a run still RUNNING (a cancelled one is left alone); the steps never started are closed. */
async function finishWorkflowRun(
  ctx: ServiceContext,
  runId: string,
  outcome: { status: 'COMPLETED'; output: WorkflowRun['outputJson'] } | { status: 'FAILED'; error: string },
): Promise<WorkflowJobResult> {
  const at = ctx.clock();
  const done = await ctx.db.transaction(async (tx) => {
    const store = WorkflowStore.of(ctx, tx);
    const set =
      outcome.status === 'COMPLETED'
        ? { status: outcome.status, outputJson: outcome.output, error: null, completedAt: at }
        : { status: outcome.status, error: outcome.error, completedAt: at };
    const updated = await store.update(runId, set, ['RUNNING']);
    if (updated && outcome.status === 'FAILED')
      await store.cancelOpenSteps(runId, `Not run: ${outcome.error}`, at, ['QUEUED']);
    return updated;
  });
  if (!done) return cancelled;
  return outcome.status === 'COMPLETED'
    ? { handled: true, outcome: 'completed', status: 'COMPLETED' }
    : { handled: true, outcome: 'failed', status: 'FAILED' };
}

/**
 * Handles one delivery of execute-workflow: a QUEUED run is started; with `lease` (a recovery sweep found the run's
 * lease stale at that time) a RUNNING run is resumed from the steps it had not completed. An unexpected error fails
 * the run rather than leaving it RUNNING.
 */
export async function executeWorkflowRun(
  ctx: ServiceContext,
  workflowRunId: string,
  lease?: Date,
): Promise<WorkflowJobResult> {
  const store = WorkflowStore.of(ctx);
  const existing = await store.find(workflowRunId);
  if (!existing) return { handled: false };
  if (ctx.runtime.inFlightWorkflows.has(workflowRunId))
    return { handled: true, outcome: 'skipped', status: existing.status };
  const run = await store.claim(workflowRunId, ctx.clock(), lease);
  if (!run) return { handled: true, outcome: 'skipped', status: existing.status };
  // While it executes here, the supervisor renews the run's lease; if this process dies, another resumes it.
  ctx.runtime.inFlightWorkflows.add(workflowRunId);
  try {
    const definition = workflowDefinition(run.workflowId);
    const input = definition.inputSchema.parse(run.inputJson);
    const mastraRun = await definition.build(stepRunner(ctx, workflowRunId)).createRun({ runId: workflowRunId });
    const result = await mastraRun.start({ inputData: input });
    if (result.status === 'success') {
      const outputs: Record<string, StepOutput> = {};
      for (const [id, step] of Object.entries(result.steps))
        if (step.status === 'success') outputs[id] = step.output as StepOutput;
      return await finishWorkflowRun(ctx, workflowRunId, { status: 'COMPLETED', output: definition.output(outputs) });
    }
    const error =
      result.status === 'failed' ? result.error.message : `The workflow stopped unexpectedly (${result.status})`;
    return await finishWorkflowRun(ctx, workflowRunId, { status: 'FAILED', error });
  } catch (e) {
    const error = `Workflow execution failed: ${e instanceof Error ? e.message : String(e)}`;
    return finishWorkflowRun(ctx, workflowRunId, { status: 'FAILED', error });
  } finally {
    ctx.runtime.inFlightWorkflows.delete(workflowRunId);
  }
}
