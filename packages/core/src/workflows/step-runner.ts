// One workflow step's lifecycle: its row goes RUNNING with its input, its agent runs through the one run pipeline
// (a recorded run: cost, budgets and guardrails apply; metadata.via 'workflow' and metadata.workflow name the run and
// step), and the row becomes COMPLETED with the run's answer or FAILED with its error. A step already COMPLETED (a
// resumed run) hands back its recorded output without running again.
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context';
import { TrellisError } from '../errors';
import { cancelInFlightRuns } from '../runs/control';
import { executeRun } from '../runs/pipeline';
import type { StepRunner } from './definition';
import { WorkflowStore } from './store';

/** A step that did not complete: its run failed or was cancelled, or the workflow run was stopped. */
export const stepFailed = (message: string, details: Record<string, unknown>) =>
  new TrellisError('WORKFLOW_STEP_FAILED', message, { details });

/** The agent's run for the step; a run that could not even start (unknown agent, budget refused) has no id. */
async function runAgent(ctx: ServiceContext, agentSlug: string, input: string, workflowRunId: string, stepId: string) {
  // A cancel that lands before the run is recorded cannot find it, so the run checks the workflow run once it is:
  // one of the two always sees the other.
  const beforeExecute = async (run: { id: string }) => {
    const stopped = sql`not ${WorkflowStore.of(ctx).runningCondition(workflowRunId)}`;
    await ctx.db
      .transaction((tx) => cancelInFlightRuns(tx, ctx, { runId: run.id }, 'The workflow run was cancelled', stopped))
      .catch(() => undefined);
  };
  try {
    const run = await executeRun(
      ctx,
      agentSlug,
      { input },
      { via: 'workflow', entry: 'workflow', workflow: { workflowRunId, stepId }, beforeExecute },
    );
    return { runId: run.id, status: run.status, output: run.outputText ?? '', error: run.error };
  } catch (e) {
    return { runId: null, status: 'FAILED' as const, output: '', error: e instanceof Error ? e.message : String(e) };
  }
}

/** The StepRunner of one workflow run, on its tenant's store. */
export function stepRunner(ctx: ServiceContext, workflowRunId: string): StepRunner {
  const store = WorkflowStore.of(ctx);
  return async (step, input) => {
    const recorded = await store.step(workflowRunId, step.id);
    if (recorded?.status === 'COMPLETED') return { text: recorded.outputText ?? '', runId: recorded.runId };
    const started = await store.startStep(workflowRunId, step.id, {
      status: 'RUNNING',
      inputText: input,
      outputText: null,
      runId: null,
      error: null,
      startedAt: ctx.clock(),
      completedAt: null,
    });
    if (!started)
      throw stepFailed(`Step ${step.id} did not start: the workflow run is no longer running`, { stepId: step.id });

    const run = await runAgent(ctx, step.agentSlug, input, workflowRunId, step.id);
    const completedAt = ctx.clock();
    if (run.status === 'COMPLETED') {
      await store.finishStep(workflowRunId, step.id, {
        status: 'COMPLETED',
        runId: run.runId,
        outputText: run.output,
        completedAt,
      });
      return { text: run.output, runId: run.runId };
    }
    const error = `Step ${step.id} (${step.agentSlug}) ${run.status === 'CANCELLED' ? 'was cancelled' : 'failed'}: ${run.error ?? 'unknown error'}`;
    const status = run.status === 'CANCELLED' ? 'CANCELLED' : 'FAILED';
    const finished = await store.finishStep(workflowRunId, step.id, { status, runId: run.runId, error, completedAt });
    // A step the cancel already closed keeps its state, and gains the link to its run.
    if (!finished && run.runId) await store.updateStep(workflowRunId, step.id, { runId: run.runId });
    throw stepFailed(error, { stepId: step.id, runId: run.runId });
  };
}
