// Where the rest of Trellis hands learning its input: a counted run, a scored run and a feedback verdict send the
// signal detector (only for agents that learn — a cached lookup otherwise), and a run of a running experiment sends
// its checker (debounced per experiment).
import type { ServiceContext } from '../context';
import { LearningStore } from './learning-store';
import { sendExperimentCheck } from './sends';
import { sendSignalDetection } from './signals';

export async function afterRunCounted(
  ctx: ServiceContext,
  run: { runId: string; agentId: string | null; experimentId?: string; scored: boolean },
) {
  if (!run.agentId) return;
  await sendSignalDetection(ctx, run.agentId, run.runId, 'run');
  // A scored run is checked once its scores are in (afterEvaluation).
  if (run.experimentId && !run.scored) await sendExperimentCheck(ctx, run.experimentId);
}

export async function afterEvaluation(ctx: ServiceContext, runId: string) {
  const run = await LearningStore.of(ctx).runRoute(runId);
  if (!run?.agentId) return;
  await sendSignalDetection(ctx, run.agentId, runId, 'evaluation');
  if (run.experimentId) await sendExperimentCheck(ctx, run.experimentId);
}
