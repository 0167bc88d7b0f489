// Evaluations: the score-run job scores a finished run with its agent's scorers (sampled per run, deterministically,
// so scorers at the same rate score the same runs) and stores the scores; evaluation-completed then recomputes the
// day's quality rollups from the stored rows and raises an EVAL alert when the day's mean quality falls below the
// threshold. `GET …/evaluations` reads runs' scores with aggregates by scorer and by day, and the worst runs.
import type { MastraModelConfig } from '@mastra/core/llm';
import { wrapLanguageModel } from 'ai';
import { z } from 'zod';
import { AgentStore } from '../agents/store';
import { raiseAlert } from '../alerts/service';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { jobId, logSendFailure } from '../jobs/queue';
import { judgeModel } from '../models/judge-call';
import { isSampled } from '../observability/sampling';
import { isoDateParam, pageOf, pageParams } from '../pagination';
import { RecordedRuns } from '../runs/recorded-runs-store';
import { runOwnerOf } from '../runs/service';
import { scorerCatalog } from './catalog';
import { EvaluationStore } from './evaluation-store';
import { type Judge, scoreAnswer, scorerVersionOf } from './score';

/**
 * Whether a finished run of an agent is scored: it has scorers, the run completed, and the run is in the sample —
 * the agent's `scorerSampleRate`, else the server's EVAL_SAMPLE_RATE — decided by run id, so every scorer scores
 * the same runs.
 */
export function shouldScore(
  ctx: ServiceContext,
  run: { id: string; status: string },
  agent: { scorers: readonly string[]; scorerSampleRate?: number | null },
) {
  const rate = agent.scorerSampleRate ?? ctx.runtime.config.env.EVAL_SAMPLE_RATE;
  return agent.scorers.length > 0 && run.status === 'COMPLETED' && isSampled(run.id, rate);
}

/**
 * The judge model of EVAL_JUDGE_MODEL, if set and its provider is configured (else the code methods score). Its
 * provider errors reach the scorer as plain errors naming the failure: the judge agent Mastra builds would log a
 * provider error with the whole request — the user's question and the answer — which stays out of the logs unless
 * LOG_LEVEL=debug.
 */
function judgeOf(ctx: ServiceContext): Judge | undefined {
  const { EVAL_JUDGE_MODEL: name, LOG_LEVEL } = ctx.runtime.config.env;
  const base = judgeModel(ctx, name);
  if (!name) return undefined;
  if (!base) {
    console.warn(`[evaluations] EVAL_JUDGE_MODEL ${name}: its provider is not configured; code methods score`);
    return undefined;
  }
  if (LOG_LEVEL === 'debug') return { name, model: base as MastraModelConfig };
  const plain = async <T>(call: () => PromiseLike<T>): Promise<T> => {
    try {
      return await call();
    } catch (e) {
      throw new Error(`the judge model call failed: ${(e as Error).message.slice(0, 200)}`);
    }
  };
  const quiet = wrapLanguageModel({
    model: base,
    middleware: { wrapGenerate: ({ doGenerate }) => plain(doGenerate), wrapStream: ({ doStream }) => plain(doStream) },
  });
  return { name, model: quiet as MastraModelConfig };
}

/** The score-run job: scores the run with its agent's scorers and stores them; evaluation-completed follows. */
export async function scoreRun(ctx: ServiceContext, runId: string) {
  const run = await RecordedRuns.of(ctx).run(runId);
  if (!run?.agentId || run.status !== 'COMPLETED') return { handled: false };
  const agent = await AgentStore.of(ctx).find(run.agentId);
  const scorers = agent?.scorers ?? [];
  if (!scorers.length) return { handled: false };
  const judge = judgeOf(ctx);
  const scores = await scoreAnswer(scorers, run.inputText ?? '', run.outputText ?? '', judge);
  const evaluation = await ctx.db.transaction(async (tx) => {
    const store = EvaluationStore.of(ctx, tx);
    const row = await store.upsert(run, scorerVersionOf(judge), scores);
    await store.setTraceScores(run.id, scores);
    return row;
  });
  await ctx.runtime.jobs
    ?.send(
      'evaluation-completed',
      { tenantId: ctx.tenantId, runId, evaluationId: evaluation.id },
      { id: jobId('evaluation-completed', evaluation.id) },
    )
    .catch(logSendFailure('evaluation-completed'));
  return { handled: true, evaluationId: evaluation.id, scores };
}

/** The evaluation-completed job: the day's quality rollups from the stored rows, then the EVAL alert check. */
export async function applyEvaluation(ctx: ServiceContext, evaluationId: string) {
  const store = EvaluationStore.of(ctx);
  const evaluation = await store.evaluation(evaluationId);
  if (!evaluation?.agentId) return { handled: false };
  const day = await ctx.db.transaction((tx) =>
    EvaluationStore.of(ctx, tx).refreshQualityDay(evaluation.agentId as string, evaluation.day),
  );
  const { EVAL_ALERT_THRESHOLD: threshold, EVAL_ALERT_MIN_RUNS: minRuns } = ctx.runtime.config.env;
  let alerted = false;
  if (day.avgQuality !== null && day.scoredRuns >= minRuns && day.avgQuality < threshold) {
    const agent = await AgentStore.of(ctx).find(evaluation.agentId);
    alerted = !!(await raiseAlert(ctx, {
      agentId: evaluation.agentId,
      severity: 'WARNING',
      source: 'EVAL',
      message: `Mean quality of ${agent?.slug ?? 'an agent'} on ${evaluation.day} is ${day.avgQuality.toFixed(2)} over ${day.scoredRuns} scored runs, below the threshold ${threshold}`,
      dedupeKey: `eval:${evaluation.agentId}:${evaluation.day}`,
      metadata: { date: evaluation.day, avgQuality: day.avgQuality, scoredRuns: day.scoredRuns, threshold },
    }));
  }
  return { handled: true, ...day, alerted };
}

export const evaluationListQuerySchema = z.object({
  /** Runs scored in [from, to]; default the last 30 days. */
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  ...pageParams,
});
export type EvaluationListQuery = z.output<typeof evaluationListQuerySchema>;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Runs' scores newest first, the mean per scorer per day and over the range, the worst runs, and the scorers. */
export async function listEvaluations(ctx: ServiceContext, idOrSlug: string, query: EvaluationListQuery) {
  const { agentId } = await runOwnerOf(ctx, idOrSlug);
  const to = query.to ?? ctx.clock();
  const from = query.from ?? new Date(to.getTime() - 29 * 86_400_000);
  if (from > to) throw invalidInput('from must not be after to', { field: 'from' });
  const agent = agentId ? await AgentStore.of(ctx).find(agentId) : undefined;
  const scorers = scorerCatalog.filter((s) => agent?.scorers.includes(s.id));
  if (!agentId) return { scorers, evaluations: [], nextCursor: null, daily: [], byScorer: [], worst: [] };
  const start = new Date(`${dayOf(from)}T00:00:00Z`);
  const end = new Date(new Date(`${dayOf(to)}T00:00:00Z`).getTime() + 86_400_000);
  const store = EvaluationStore.of(ctx);
  const [rows, daily, worst] = await Promise.all([
    store.list({ agentId, from: start, to: end, cursor: query.cursor, limit: query.limit }),
    store.days(agentId, dayOf(from), dayOf(to)),
    store.worst(agentId, start, end, 10),
  ]);
  const { page, nextCursor } = pageOf(rows, query.limit);
  const byScorer = [...Map.groupBy(daily, (d) => d.scorerId)].map(([scorerId, days]) => {
    const count = days.reduce((n, d) => n + d.count, 0);
    return { scorerId, count, avgScore: count ? days.reduce((s, d) => s + d.avgScore * d.count, 0) / count : null };
  });
  return { scorers, evaluations: page, nextCursor, daily, byScorer, worst };
}
