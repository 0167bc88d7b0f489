// Acting on recorded runs: cancel one in flight (from any process: the executing one hears it), rerun one with the
// same input (linked to the original), and read a run's trace on its own.
import { agentRun } from '@trellis/db';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit-store';
import { announce } from '../cache/changes';
import type { Executor, ServiceContext } from '../context';
import { conflict, notFound } from '../errors';
import { executeRun } from './pipeline';
import type { RunCreateInput } from './schemas';
import { getAgentRef, getRun } from './service';

async function findRun(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const ref = await getAgentRef(ctx, idOrSlug);
  const [run] = await ctx.db
    .select()
    .from(agentRun)
    .where(and(eq(agentRun.tenantId, ctx.tenantId), eq(agentRun.id, runId), ref.where))
    .limit(1);
  if (!run) throw notFound('Run', runId);
  return run;
}

/**
 * Marks this tenant's QUEUED or RUNNING runs matching `where` CANCELLED, with a `run.cancel` audit row each, in the
 * caller's transaction, and announces the cancel: the process executing each run aborts its model call (this one at
 * once, others when the transaction commits). Returns their ids.
 */
export async function cancelInFlightRuns(tx: Executor, ctx: ServiceContext, where: SQL, reason: string) {
  const cancelled = await tx
    .update(agentRun)
    .set({ status: 'CANCELLED', errorCode: 'RUN_CANCELLED', error: reason, completedAt: ctx.clock() })
    .where(and(eq(agentRun.tenantId, ctx.tenantId), inArray(agentRun.status, ['QUEUED', 'RUNNING']), where))
    .returning({ id: agentRun.id, agentId: agentRun.agentId });
  for (const run of cancelled) {
    await recordAudit(tx, ctx, {
      action: 'run.cancel',
      entityType: 'run',
      entityId: run.id,
      after: { status: 'CANCELLED', error: reason },
      metadata: { agentId: run.agentId },
    });
  }
  const ids = cancelled.map((r) => r.id);
  // The process executing a run (this one or another) aborts it once the cancel is committed.
  if (ids.length) await announce(tx, ctx.runtime.applyChange, { kind: 'cancel', runIds: ids });
  return ids;
}

/** The runs a goal started (its plan and its steps): a condition for `cancelInFlightRuns`. */
export const runsOfGoal = (goalId: string): SQL => sql`${agentRun.metadata}->'goal'->>'goalId' = ${goalId}`;

/** One run: a condition for `cancelInFlightRuns`, optionally only while `also` holds. */
export const theRun = (runId: string, also?: SQL): SQL => and(eq(agentRun.id, runId), also) as SQL;

/** What a cancelled run or goal records as its error: who cancelled it. */
export const cancelledBy = (ctx: ServiceContext) => `Cancelled by ${ctx.actor.type} ${ctx.actor.id}`;

/** Cancels a QUEUED or RUNNING run: its status becomes CANCELLED now and the model call is aborted. 409 when it already finished. */
export async function cancelRun(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const run = await findRun(ctx, idOrSlug, runId);
  const reason = cancelledBy(ctx);
  const cancelled = await ctx.db.transaction((tx) => cancelInFlightRuns(tx, ctx, eq(agentRun.id, run.id), reason));
  if (!cancelled.length) throw conflict(`Run ${runId} already finished (${run.status})`, { status: run.status });
  return getRun(ctx, idOrSlug, run.id);
}

/** Runs the agent again with the run's input, thread, context and type; the new run's parentRunId is the original. */
export async function rerunRun(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const run = await findRun(ctx, idOrSlug, runId);
  const input = (run.metadata as { input?: RunCreateInput['input'] } | null)?.input ?? run.inputText;
  if (!input) throw conflict(`Run ${runId} has no input to run again`);
  const rerun = await executeRun(
    ctx,
    idOrSlug,
    {
      input,
      threadId: run.threadId ?? undefined,
      requestContext: run.requestContext ?? undefined,
      runType: run.runType,
    },
    { parentRunId: run.id, entry: 'rerun' },
  );
  return rerun;
}

/** The run's execution trace: steps in order with timings, tool calls, tokens and the model. */
export async function getTrace(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const run = await getRun(ctx, idOrSlug, runId);
  if (!run.trace) throw notFound('Trace of run', runId);
  return {
    runId: run.id,
    status: run.status,
    model: run.trace.modelJson,
    tokens: run.trace.tokensJson,
    costUsd: run.costUsd,
    durationMs: run.durationMs,
    startedAt: run.startedAt,
    completedAt: run.completedAt,
    steps: run.trace.steps,
    toolCalls: run.toolCalls,
  };
}
