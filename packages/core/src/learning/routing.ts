// Which arm of a running experiment serves a run. The agent's learning state (policy and running experiment) is cached
// per process and dropped when any process announces a learning change. The split is deterministic per conversation:
// a run with a thread (or else a user) hashes `experimentId:key` to [0, 1), so every turn of a conversation stays on
// one arm; a run with neither is assigned by its own random key.
import { createHash } from 'node:crypto';
import { announce } from '../cache/changes';
import type { Executor, ServiceContext } from '../context';
import { effectivePolicy, type LearningState } from './config';
import { LearningStore } from './learning-store';
import { sendExperimentCheck } from './sends';

export function learningStateOf(ctx: ServiceContext, agentId: string): Promise<LearningState> {
  return ctx.runtime.caches.learning.get(ctx.tenantId, agentId, async () => {
    const store = LearningStore.of(ctx);
    const [policy, running] = await Promise.all([store.policy(agentId), store.runningExperimentRoute(agentId)]);
    return { policy: effectivePolicy(policy), experiment: running ?? null };
  });
}

/** Announces that an agent's learning policy or experiment changed (every process drops its cached state). */
export function announceLearning(tx: Executor, ctx: ServiceContext): Promise<void> {
  return announce(tx, ctx.runtime.applyChange, { kind: 'learning', tenantId: ctx.tenantId });
}

/** A uniform draw in [0, 1) fixed by the experiment and the key. */
export function bucketOf(experimentId: string, key: string): number {
  return createHash('sha256').update(`${experimentId}:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

export type Arm = { id: string; group: 'BASELINE' | 'CANDIDATE'; version?: number };

/**
 * The arm a run of the agent takes, or null when no experiment routes it: no running experiment, learning paused,
 * or the agent's current version is no longer the experiment's baseline (an edit since it started).
 */
export async function armFor(
  ctx: ServiceContext,
  agentId: string,
  currentVersionId: string | null,
  key: string | undefined,
): Promise<Arm | null> {
  const { policy, experiment } = await learningStateOf(ctx, agentId);
  if (!experiment || policy.paused) return null;
  if (experiment.baselineVersionId !== currentVersionId) {
    // The agent was edited: its checker cancels the experiment (the baseline it compared with is gone).
    await sendExperimentCheck(ctx, experiment.id);
    return null;
  }
  const draw = bucketOf(experiment.id, key ?? crypto.randomUUID());
  return draw < experiment.split
    ? { id: experiment.id, group: 'CANDIDATE', version: experiment.candidateVersion }
    : { id: experiment.id, group: 'BASELINE' };
}
