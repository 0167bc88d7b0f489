// Workflow runs through the API: start one (the input validated against the workflow's schema, the run and its steps
// recorded QUEUED, then the execute-workflow job), list a workflow's runs, read one with its steps, and cancel one.
// Everything goes through the tenant's WorkflowStore (store.ts).
import type { JsonObject, WorkflowRun, WorkflowStep } from '@trellis/db';
import { z } from 'zod';
import { AgentStore } from '../agents/store';
import { recordAudit } from '../audit/audit-store';
import type { ServiceContext } from '../context';
import { conflict, notFound } from '../errors';
import { jobId } from '../jobs/queue';
import { pageOf } from '../pagination';
import { cancelInFlightRuns, cancelledBy } from '../runs/control';
import { workflowDefinition } from './registry';
import {
  type WorkflowRunCreateInput,
  type WorkflowRunListQuery,
  workflowRunCreateSchema,
  workflowRunListQuerySchema,
} from './schemas';
import { WorkflowStore } from './store';

export type WorkflowRunDetail = WorkflowRun & { steps: WorkflowStep[] };

/**
 * Starts a run of the workflow: 400 for an input its schema refuses, 409 when an agent one of its steps needs is
 * missing from the organization — in both cases nothing is written. Answers the QUEUED run; the execute-workflow job
 * (sent once the run is committed) carries it out.
 */
export async function startWorkflowRun(
  ctx: ServiceContext,
  workflowId: string,
  raw: WorkflowRunCreateInput,
): Promise<WorkflowRun> {
  const definition = workflowDefinition(workflowId);
  const body = z.object({ input: definition.inputSchema }).strict().parse(workflowRunCreateSchema.parse(raw));
  const present = new Set(await AgentStore.of(ctx).slugs());
  const missing = definition.steps.filter((s) => !present.has(s.agentSlug));
  if (missing.length)
    throw conflict(
      `The ${definition.name} needs agents this organization does not have: ${missing.map((s) => `'${s.agentSlug}' (step ${s.id})`).join(', ')}`,
      { missing: missing.map((s) => s.agentSlug) },
    );
  const run = await ctx.db.transaction(async (tx) => {
    const created = await WorkflowStore.of(ctx, tx).insert(
      { workflowId, status: 'QUEUED', inputJson: body.input as JsonObject, createdBy: ctx.actor.id },
      definition.steps.map((s) => ({ stepId: s.id, agentSlug: s.agentSlug })),
    );
    await recordAudit(tx, ctx, {
      action: 'workflow.run',
      entityType: 'workflowRun',
      entityId: created.id,
      after: created,
      metadata: { workflowId },
    });
    return created;
  });
  // The job id is the run's, so a repeated send can never start it twice.
  await ctx.runtime.jobs?.send(
    'execute-workflow',
    { tenantId: ctx.tenantId, workflowRunId: run.id },
    { id: jobId('execute-workflow', run.id) },
  );
  return run;
}

/** A page of the workflow's runs, newest first; 404 for an unknown workflow. */
export async function listWorkflowRuns(ctx: ServiceContext, workflowId: string, raw: Partial<WorkflowRunListQuery>) {
  workflowDefinition(workflowId);
  const query = workflowRunListQuerySchema.parse(raw);
  const { page, nextCursor } = pageOf(await WorkflowStore.of(ctx).list(workflowId, query), query.limit);
  return { runs: page, nextCursor };
}

/** The run (of that workflow) with its steps in the workflow's order; 404 when this tenant has no such run. */
export async function getWorkflowRun(
  ctx: ServiceContext,
  workflowId: string,
  workflowRunId: string,
): Promise<WorkflowRunDetail> {
  const definition = workflowDefinition(workflowId);
  const store = WorkflowStore.of(ctx);
  const run = await store.find(workflowRunId);
  if (!run || run.workflowId !== workflowId) throw notFound('Workflow run', workflowRunId);
  const order = (s: WorkflowStep) => definition.steps.findIndex((d) => d.id === s.stepId);
  const steps = (await store.steps(workflowRunId)).sort((a, b) => order(a) - order(b));
  return { ...run, steps };
}

/** True once the run will change no more. */
export const isFinished = (run: Pick<WorkflowRun, 'status'>) => run.status !== 'QUEUED' && run.status !== 'RUNNING';

/**
 * Cancels a QUEUED or RUNNING run: no further step starts, the steps not finished become CANCELLED and the runs of
 * the steps in flight are cancelled (their model calls aborted). 409 once the run has finished.
 */
export async function cancelWorkflowRun(
  ctx: ServiceContext,
  workflowId: string,
  workflowRunId: string,
): Promise<WorkflowRunDetail> {
  const existing = await getWorkflowRun(ctx, workflowId, workflowRunId);
  const reason = cancelledBy(ctx);
  await ctx.db.transaction(async (tx) => {
    const store = WorkflowStore.of(ctx, tx);
    const at = ctx.clock();
    const set = { status: 'CANCELLED' as const, error: reason, completedAt: at };
    const cancelled = await store.update(workflowRunId, set, ['QUEUED', 'RUNNING']);
    if (!cancelled) {
      const status = (await store.find(workflowRunId))?.status ?? existing.status;
      throw conflict(`Workflow run ${workflowRunId} already finished (${status})`, { status });
    }
    await store.cancelOpenSteps(workflowRunId, reason, at);
    await recordAudit(tx, ctx, {
      action: 'workflow.cancel',
      entityType: 'workflowRun',
      entityId: workflowRunId,
      after: cancelled,
      metadata: { workflowId },
    });
    await cancelInFlightRuns(tx, ctx, { workflowRunId }, reason);
  });
  return getWorkflowRun(ctx, workflowId, workflowRunId);
}
