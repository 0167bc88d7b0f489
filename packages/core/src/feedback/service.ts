// Feedback on runs: a person (or an API key) gives one verdict per run — thumbs, an optional 1–5 rating and comment —
// and may change it; an agent's feedback is listed with its daily aggregates and the totals of the range.
import { feedbackThumbsValues } from '@trellis/db';
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { conflict, invalidInput, notFound } from '../errors';
import { sendSignalDetection } from '../learning/signals';
import { isoDateParam, pageOf, pageParams } from '../pagination';
import { RecordedRuns } from '../runs/recorded-runs-store';
import { runOwnerOf } from '../runs/service';
import { FeedbackStore } from './feedback-store';

export const feedbackPutSchema = z
  .object({
    thumbs: z.enum(feedbackThumbsValues),
    rating: z.number().int().min(1).max(5).optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
export type FeedbackPut = z.input<typeof feedbackPutSchema>;

export const feedbackListQuerySchema = z.object({
  thumbs: z.enum(feedbackThumbsValues).optional(),
  runId: z.string().max(200).optional(),
  /** Aggregates and the list cover [from, to]; default the last 30 days. */
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  ...pageParams,
});
export type FeedbackListQuery = z.output<typeof feedbackListQuerySchema>;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Who is giving feedback: one verdict each per run. */
function giverOf(ctx: ServiceContext) {
  const { actor } = ctx;
  if (actor.type === 'user') return { key: `user:${actor.id}`, userId: actor.id };
  if (actor.type === 'apiKey') return { key: `apiKey:${actor.id}`, userId: null };
  throw invalidInput('feedback comes from a person or an API key');
}

/** Saves the caller's verdict on a finished run of the agent (404 for another agent's or organization's run). */
export async function giveFeedback(ctx: ServiceContext, idOrSlug: string, runId: string, raw: FeedbackPut) {
  const values = feedbackPutSchema.parse(raw);
  const { owner } = await runOwnerOf(ctx, idOrSlug);
  const run = await RecordedRuns.of(ctx).run(runId, owner);
  if (!run) throw notFound('Run', runId);
  if (run.status === 'QUEUED' || run.status === 'RUNNING')
    throw conflict('the run has not finished; give feedback on its answer once it has', { status: run.status });
  const giver = giverOf(ctx);
  const saved = await ctx.db.transaction(async (tx) => {
    const store = FeedbackStore.of(ctx, tx);
    const row = await store.upsert(run, giver, {
      thumbs: values.thumbs,
      rating: values.rating ?? null,
      comment: values.comment || null,
    });
    if (run.agentId) await store.refreshDay(run.agentId, day(row.createdAt));
    return row;
  });
  // Negative feedback is a learning signal (and a verdict turned positive withdraws it).
  if (run.agentId) await sendSignalDetection(ctx, run.agentId, run.id, 'feedback');
  return saved;
}

/** A run's feedback, and the caller's own verdict (null when they gave none). */
export async function runFeedback(ctx: ServiceContext, idOrSlug: string, runId: string) {
  const { owner } = await runOwnerOf(ctx, idOrSlug);
  if (!(await RecordedRuns.of(ctx).run(runId, owner))) throw notFound('Run', runId);
  const feedback = await FeedbackStore.of(ctx).ofRun(runId);
  const giver = ctx.actor.type === 'system' ? null : giverOf(ctx).key;
  return { feedback, mine: feedback.find((f) => f.giver === giver) ?? null };
}

/** The agent's feedback in a range, newest first with a cursor, plus daily aggregates and the range's totals. */
export async function listFeedback(ctx: ServiceContext, idOrSlug: string, query: FeedbackListQuery) {
  const { agentId } = await runOwnerOf(ctx, idOrSlug);
  const to = query.to ?? ctx.clock();
  const from = query.from ?? new Date(to.getTime() - 29 * 86_400_000);
  if (from > to) throw invalidInput('from must not be after to', { field: 'from' });
  if (!agentId)
    return {
      feedback: [],
      nextCursor: null,
      daily: [],
      totals: { thumbsUp: 0, thumbsDown: 0, avgRating: null, count: 0 },
    };
  const store = FeedbackStore.of(ctx);
  // Whole UTC days: the aggregates are daily.
  const start = new Date(`${day(from)}T00:00:00Z`);
  const end = new Date(`${day(to)}T00:00:00Z`).getTime() + 86_400_000;
  const [rows, daily, totals] = await Promise.all([
    store.list({ ...query, agentId, from: start, to: new Date(end) }),
    store.days(agentId, day(from), day(to)),
    store.totals(agentId, start, new Date(end)),
  ]);
  const { page, nextCursor } = pageOf(rows, query.limit);
  return { feedback: page, nextCursor, daily, totals };
}
