// Learning signals: what a finished run says about where its agent is weak. A failed run (a guardrail block apart), a
// guardrail block, a latency or cost far above the agent's own baseline (its median over recent runs), a scorer result
// below the policy's low-score threshold, negative feedback — each becomes one LearningSignal per run and type. Only
// live traffic the agent's current version served counts (not test runs, not an experiment's candidate arm, not a
// run of a version since replaced).
// New signals may cross the threshold trigger: `signalCount` unconsumed signals within the window start a session.
import type { LearningSignalType } from '@trellis/db';
import { AgentStore } from '../agents/store';
import type { ServiceContext } from '../context';
import { jobId, logSendFailure } from '../jobs/queue';
import { learningConfig } from './config';
import { LearningStore } from './learning-store';
import { learningStateOf } from './routing';
import { startSession } from './triggers';

export type SignalSource = 'run' | 'evaluation' | 'feedback';

interface Detected {
  type: LearningSignalType;
  value: number | null;
  details: Record<string, unknown>;
}

const snippet = (text: string | null, max = 300) => (text && text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * The signals `sources` of a run give, read once: [] for a run learning does not read — a test run, the candidate arm,
 * or a run of a version since replaced (a score that arrives after a promotion describes the old configuration).
 */
export async function detectSignals(
  ctx: ServiceContext,
  runId: string,
  sources: readonly SignalSource[],
): Promise<Detected[]> {
  const store = LearningStore.of(ctx);
  const run = await store.signalRun(runId);
  if (!run?.agentId || run.runType === 'TEST' || run.experimentGroup === 'CANDIDATE') return [];
  const agents = AgentStore.of(ctx);
  const agent = await agents.find(run.agentId);
  if (!agent || run.versionId !== (await agents.versionId(agent.id, agent.version))) return [];
  const { policy } = await learningStateOf(ctx, run.agentId);
  const found: Detected[] = [];
  const input = { input: snippet(run.inputText), output: snippet(run.outputText) };
  if (sources.includes('run')) {
    if (run.status === 'FAILED' && run.errorCode === 'GUARDRAIL_BLOCKED')
      found.push({ type: 'GUARDRAIL_VIOLATION', value: null, details: { ...input, error: snippet(run.error) } });
    else if (run.status === 'FAILED')
      found.push({
        type: 'RUN_FAILURE',
        value: null,
        details: { ...input, errorCode: run.errorCode, error: snippet(run.error) },
      });
    if (run.status === 'COMPLETED') found.push(...(await aboveBaseline(store, run)));
  }
  if (sources.includes('evaluation') && run.scores) {
    const low = Object.entries(run.scores)
      .map(([scorer, r]) => ({ scorer, quality: r.quality ?? r.score }))
      .filter((s) => s.quality < policy.lowScoreThreshold);
    if (low.length)
      found.push({
        type: 'LOW_SCORE',
        value: Math.min(...low.map((s) => s.quality)),
        details: { ...input, scorers: low, threshold: policy.lowScoreThreshold },
      });
  }
  if (sources.includes('feedback')) {
    const negative = run.feedback.filter(
      (f) => f.thumbs === 'down' || (f.rating !== null && f.rating <= learningConfig.negativeRating),
    );
    if (negative.length)
      found.push({
        type: 'NEGATIVE_FEEDBACK',
        value: Math.min(...negative.map((f) => f.rating ?? 1)),
        details: { ...input, comments: negative.map((f) => f.comment).filter(Boolean) },
      });
  }
  return found;
}

/** HIGH_LATENCY / COST_SPIKE: a completed run far above the agent's median over its recent completed runs (config.ts). */
async function aboveBaseline(
  store: LearningStore,
  run: { id: string; agentId: string | null; durationMs: number | null; costUsd: number },
): Promise<Detected[]> {
  const { window, minRuns, latencyFactor, latencyMinExcessMs, costFactor, costMinExcessUsd } = learningConfig.baseline;
  const base = await store.baseline(run.agentId as string, run.id, window);
  if (base.runs < minRuns) return [];
  const found: Detected[] = [];
  const far = (value: number, p50: number, factor: number, minExcess: number) =>
    value > factor * p50 && value - p50 >= minExcess;
  if (
    run.durationMs !== null &&
    base.latencyP50 &&
    far(run.durationMs, base.latencyP50, latencyFactor, latencyMinExcessMs)
  )
    found.push({
      type: 'HIGH_LATENCY',
      value: run.durationMs,
      details: { baselineP50Ms: base.latencyP50, factor: run.durationMs / base.latencyP50 },
    });
  if (base.costP50 && far(run.costUsd, base.costP50, costFactor, costMinExcessUsd))
    found.push({
      type: 'COST_SPIKE',
      value: run.costUsd,
      details: { baselineP50Usd: base.costP50, factor: run.costUsd / base.costP50 },
    });
  return found;
}

/**
 * The learningSignalDetector job: records what `source` says about the run (a feedback turned positive withdraws its
 * unconsumed signal), then applies the threshold trigger. Idempotent: one signal per run and type.
 */
export async function recordSignals(ctx: ServiceContext, runId: string, source: SignalSource) {
  const store = LearningStore.of(ctx);
  const run = await store.runRoute(runId);
  if (!run?.agentId) return { signals: 0 };
  const { policy } = await learningStateOf(ctx, run.agentId);
  if (!policy.enabled || policy.paused) return { signals: 0, skipped: 'learning is off or paused' };
  const detected = await detectSignals(ctx, runId, [source]);
  if (source === 'feedback' && !detected.length) await store.withdrawSignal(runId, 'NEGATIVE_FEEDBACK');
  const added = await store.insertSignals(
    run.agentId,
    detected.map((d) => ({ ...d, runId })),
  );
  if (!added) return { signals: 0 };
  const since = new Date(ctx.clock().getTime() - policy.signalWindowMinutes * 60_000);
  const recent = await store.unattachedCount(run.agentId, since);
  if (recent < policy.signalCount) return { signals: added, recent };
  const session = await startSession(ctx, run.agentId, 'threshold');
  return { signals: added, recent, session: session?.id ?? null };
}

/** Sends the detector for a run when its agent learns (the policy is cached, so most runs cost a lookup). */
export async function sendSignalDetection(ctx: ServiceContext, agentId: string, runId: string, source: SignalSource) {
  const jobs = ctx.runtime.jobs;
  if (!jobs) return;
  const { policy } = await learningStateOf(ctx, agentId);
  if (!policy.enabled || policy.paused) return;
  // Feedback may change: each verdict is its own job; a run's and an evaluation's are sent once.
  const id = source === 'feedback' ? undefined : jobId('learning-signal-detect', `${runId}:${source}`);
  await jobs
    .send('learning-signal-detect', { tenantId: ctx.tenantId, runId, source }, id ? { id } : {})
    .catch(logSendFailure('learning-signal-detect'));
}
