// Acting on recorded runs: cancel one in flight (from any process: the executing one hears it), rerun one with the
// same input (linked to the original), and read a run's trace on its own.
import type { SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/audit-store';
import { announce } from '../cache/changes';
import type { Executor, ServiceContext } from '../context';
import { conflict, notFound } from '../errors';
import type { RunMessage } from './extensions';
import type { StoredImage } from './images';
import { executeRun } from './pipeline';
import { RecordedRuns, type RunMatch } from './recorded-runs-store';
import { getRun, runOwnerOf } from './service';

async function findRun(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const { owner } = await runOwnerOf(ctx, idOrSlug);
  const run = await RecordedRuns.of(ctx).run(runId, owner);
  if (!run) throw notFound('Run', runId);
  return run;
}

/**
 * Marks this tenant's QUEUED or RUNNING runs matching `match` CANCELLED (while `also` holds, when given), with a
 * `run.cancel` audit row each, in the caller's transaction, and announces the cancel: the process executing each run
 * aborts its model call (this one at once, others when the transaction commits). Returns their ids.
 */
export async function cancelInFlightRuns(
  tx: Executor,
  ctx: ServiceContext,
  match: RunMatch,
  reason: string,
  also?: SQL,
) {
  const cancelled = await RecordedRuns.of(ctx, tx).cancelInFlight(match, ctx.clock(), reason, also);
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

/** What a cancelled run or goal records as its error: who cancelled it. */
export const cancelledBy = (ctx: ServiceContext) => `Cancelled by ${ctx.actor.type} ${ctx.actor.id}`;

/** Cancels a QUEUED or RUNNING run: its status becomes CANCELLED now and the model call is aborted. 409 when it already finished. */
export async function cancelRun(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const run = await findRun(ctx, idOrSlug, runId);
  const reason = cancelledBy(ctx);
  const cancelled = await ctx.db.transaction((tx) => cancelInFlightRuns(tx, ctx, { runId: run.id }, reason));
  if (!cancelled.length) throw conflict(`Run ${runId} already finished (${run.status})`, { status: run.status });
  return getRun(ctx, idOrSlug, run.id);
}

type StoredMessage = Omit<RunMessage, 'images'> & { images?: StoredImage[] };

/** A kept message as a run request takes it: images by their URL; an image sent inline was not kept (409). */
function requestMessageOf(m: StoredMessage, runId: string) {
  if (!m.images?.length) return { role: m.role, content: m.content };
  const urls = m.images.map((i) => i.url);
  if (urls.some((u) => !u))
    throw conflict(`Run ${runId} had images sent inline (data URLs), which runs do not keep; send them again`);
  return {
    role: m.role,
    content: [
      ...(m.content ? [{ type: 'text' as const, text: m.content }] : []),
      ...urls.map((url) => ({ type: 'image' as const, image: url as string })),
    ],
  };
}

/** Runs the agent again with the run's input, thread, context and type; the new run's parentRunId is the original. */
export async function rerunRun(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const run = await findRun(ctx, idOrSlug, runId);
  const metadata = run.metadata as { input?: StoredMessage[]; outputSchema?: Record<string, unknown> } | null;
  const input = metadata?.input ? metadata.input.map((m) => requestMessageOf(m, runId)) : run.inputText;
  if (!input) throw conflict(`Run ${runId} has no input to run again`);
  const rerun = await executeRun(
    ctx,
    idOrSlug,
    {
      input,
      threadId: run.threadId ?? undefined,
      requestContext: run.requestContext ?? undefined,
      runType: run.runType,
      outputSchema: metadata?.outputSchema,
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
