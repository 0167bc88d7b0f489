// The experimentEvaluationChecker: after runs of an experiment (debounced) and every 15 minutes for all of them, it
// reads both arms' finished runs, computes the statistics (statistics.ts) and applies the stopping rule with the
// agent's policy. A decision is written once (only a RUNNING experiment concludes) together with what follows for the
// proposal and the session: a win awaits a person's approval, or is approved automatically when the proposal is LOW
// risk and the policy's auto-promotion thresholds pass; a regression or a guard breach keeps the baseline and alerts;
// the run or time cap ends inconclusive (a person may still decide). An edit of the agent during the experiment
// cancels it: its baseline is gone.
import type { LearningExperiment, LearningProposal } from '@trellis/db';
import { AgentStore } from '../agents/store';
import type { ServiceContext } from '../context';
import type { EffectivePolicy } from './config';
import { type ArmRun, LearningStore } from './learning-store';
import { alertLearning } from './notify';
import { announceLearning, learningStateOf } from './routing';
import { sendApproval } from './sends';
import { type ArmSample, decide, type ExperimentStats, experimentStats, type Verdict } from './statistics';

/** A run's primary outcome: 0 failed, else its mean direction-turned quality (1 for an agent without scorers). */
function outcomeOf(run: ArmRun, scored: boolean): number | null {
  if (run.status === 'FAILED') return 0;
  if (!scored) return 1;
  if (!run.scores) return null;
  const qualities = Object.values(run.scores).map((s) => s.quality ?? s.score);
  return qualities.length ? qualities.reduce((a, b) => a + b, 0) / qualities.length : null;
}

/** Both arms' samples; a completed run whose scores are not in yet waits (it is counted as pending). */
export function armSamples(runs: ArmRun[], scored: boolean) {
  const empty = (): ArmSample => ({ outcomes: [], costUsd: [], latencyMs: [], blocked: [] });
  const arms = { BASELINE: empty(), CANDIDATE: empty() };
  let pending = 0;
  for (const run of runs) {
    const outcome = outcomeOf(run, scored);
    if (outcome === null) {
      pending += 1;
      continue;
    }
    const arm = arms[run.group];
    arm.outcomes.push(outcome);
    arm.costUsd.push(run.costUsd);
    arm.latencyMs.push(run.durationMs ?? 0);
    arm.blocked.push(run.errorCode === 'GUARDRAIL_BLOCKED' ? 1 : 0);
  }
  return { ...arms, pending };
}

/** Whether a won experiment's proposal is approved without a person, and why (not). */
export function autoApproval(
  proposal: Pick<LearningProposal, 'riskTier'>,
  policy: EffectivePolicy,
  stats: ExperimentStats,
): { auto: boolean; reason: string } {
  if (proposal.riskTier !== 'LOW')
    return { auto: false, reason: `${proposal.riskTier} risk needs a person's approval` };
  if (!policy.autoPromotionEnabled) return { auto: false, reason: 'Auto-promotion is off in the policy' };
  if ((stats.winRate ?? 0) < policy.minWinRate)
    return { auto: false, reason: `Win rate ${stats.winRate?.toFixed(2)} is below ${policy.minWinRate}` };
  if ((stats.confidence ?? 0) < policy.minConfidenceScore)
    return { auto: false, reason: `Confidence ${stats.confidence?.toFixed(2)} is below ${policy.minConfidenceScore}` };
  return { auto: true, reason: 'LOW risk, auto-promotion on, and every threshold passed' };
}

/** How far an experiment is along its stopping rule. */
export interface ExperimentProgress {
  /** Completed runs whose scores are not in yet (not counted in either arm). */
  pending: number;
  minRunsPerGroup: number;
  maxRunsPerExperiment: number;
  totalRuns: number;
  /** When the maximum duration ends it. */
  endsAt: string;
}

/**
 * An experiment's statistics now, from its runs, with the figures its row keeps and its stopping-rule progress (`agent`
 * when the caller has it already: whether it has scorers decides what a completed run counts as).
 */
export async function experimentFigures(
  ctx: ServiceContext,
  store: LearningStore,
  experiment: LearningExperiment,
  agent?: { scorers: readonly string[] },
) {
  const scorers = agent ? agent.scorers : ((await AgentStore.of(ctx).find(experiment.agentId))?.scorers ?? []);
  const { policy } = await learningStateOf(ctx, experiment.agentId);
  const runs = await store.armRuns(experiment.id);
  const arms = armSamples(runs, scorers.length > 0);
  const stats = experimentStats(arms.BASELINE, arms.CANDIDATE);
  const started = experiment.startedAt ?? experiment.createdAt;
  const progress: ExperimentProgress = {
    pending: arms.pending,
    minRunsPerGroup: policy.minRunsPerGroup,
    maxRunsPerExperiment: policy.maxRunsPerExperiment,
    totalRuns: runs.length,
    endsAt: new Date(started.getTime() + policy.maxExperimentDurationHours * 3_600_000).toISOString(),
  };
  const figures = {
    baselineRuns: stats.baseline.runs,
    candidateRuns: stats.candidate.runs,
    baselineScore: stats.baseline.mean,
    candidateScore: stats.candidate.mean,
    winRate: stats.winRate,
    confidence: stats.confidence,
  };
  return { policy, runs: runs.length, stats: { ...stats, progress }, figures, progress };
}

export async function checkExperiment(ctx: ServiceContext, experimentId: string) {
  const store = LearningStore.of(ctx);
  const experiment = await store.experiment(experimentId);
  if (!experiment) return { status: 'missing' };
  if (experiment.status !== 'RUNNING') return { status: experiment.status };
  const agents = AgentStore.of(ctx);
  const agent = await agents.find(experiment.agentId);
  const currentVersionId = agent ? await agents.versionId(agent.id, agent.version) : undefined;
  const proposal = await store.proposal(experiment.proposalId);
  if (!agent || !proposal || currentVersionId !== experiment.baselineVersionId)
    return conclude(ctx, experiment, { kind: 'cancelled', reason: 'The agent was edited during the experiment' }, null);

  const { policy, runs, stats, figures, progress } = await experimentFigures(ctx, store, experiment, agent);
  const timedOut = ctx.clock().getTime() >= Date.parse(progress.endsAt);
  const autoEligible = proposal.riskTier === 'LOW' && policy.autoPromotionEnabled;
  const verdict: Verdict = policy.paused
    ? { kind: 'continue', reason: 'Learning is paused: no traffic is routed and nothing is decided' }
    : decide(
        stats,
        {
          minRunsPerGroup: policy.minRunsPerGroup,
          maxRunsPerExperiment: policy.maxRunsPerExperiment,
          minRunsForWin: autoEligible ? policy.minRunsBeforeAutoPromotion : 0,
          timedOut,
        },
        runs,
      );
  const result = { winner: null, reason: verdict.reason, stats };
  if (verdict.kind === 'continue') {
    await store.updateExperiment(experiment.id, { ...figures, result }, 'RUNNING');
    return { status: 'RUNNING', verdict: verdict.kind };
  }
  return conclude(ctx, experiment, verdict, { figures, result, proposal, policy, stats });
}

type Conclusion = Exclude<Verdict, { kind: 'continue' }> | { kind: 'cancelled'; reason: string };

/** Writes the decision once, with the proposal's and session's next state; then alerts and sends what follows. */
async function conclude(
  ctx: ServiceContext,
  experiment: LearningExperiment,
  verdict: Conclusion,
  evidence: {
    figures: Partial<LearningExperiment>;
    result: { reason: string; stats: Record<string, unknown> };
    proposal: LearningProposal;
    policy: EffectivePolicy;
    stats: ExperimentStats;
  } | null,
) {
  const won = verdict.kind === 'candidate';
  const approval = won && evidence ? autoApproval(evidence.proposal, evidence.policy, evidence.stats) : null;
  const status =
    verdict.kind === 'inconclusive' ? 'INCONCLUSIVE' : verdict.kind === 'cancelled' ? 'CANCELLED' : 'COMPLETED';
  const lost = verdict.kind === 'regression' || verdict.kind === 'guard-breach';
  const outcome = await ctx.db.transaction(async (tx) => {
    const inTx = LearningStore.of(ctx, tx);
    const ended = await inTx.updateExperiment(
      experiment.id,
      {
        ...(evidence?.figures ?? {}),
        status,
        endedAt: ctx.clock(),
        result: {
          winner: won ? 'CANDIDATE' : lost ? 'BASELINE' : null,
          reason: approval ? `${verdict.reason}. ${approval.reason}` : verdict.reason,
          ...(lost ? { regression: true } : {}),
          ...(verdict.kind === 'guard-breach' ? { guardBreach: verdict.guard } : {}),
          ...(evidence ? { stats: evidence.result.stats } : {}),
        },
      },
      'RUNNING',
    );
    if (!ended) return null;
    const next = lost || verdict.kind === 'cancelled' ? 'FAILED' : approval?.auto ? 'APPROVED' : 'AWAITING_APPROVAL';
    await inTx.updateProposal(experiment.proposalId, { status: next }, ['EXPERIMENTING']);
    const proposal = await inTx.proposal(experiment.proposalId);
    const session = proposal && (await inTx.session(proposal.sessionId));
    if (session) {
      const closes = next === 'FAILED';
      await inTx.updateSession(
        session.id,
        closes
          ? { status: 'COMPLETED', summary: { ...session.summary, outcome: verdict.reason }, completedAt: ctx.clock() }
          : { status: 'AWAITING_APPROVAL' },
        ['EXPERIMENTING'],
      );
    }
    const auto = approval?.auto
      ? await inTx.insertApproval({
          agentId: experiment.agentId,
          proposalId: experiment.proposalId,
          decision: 'APPROVED',
          mode: 'auto',
          decidedBy: null,
          reason: approval.reason,
        })
      : null;
    await announceLearning(tx, ctx);
    return { ended, auto };
  });
  if (!outcome) return { status: 'already concluded' };
  const agent = await AgentStore.of(ctx).find(experiment.agentId);
  const about = { agentId: experiment.agentId, agentSlug: agent?.slug ?? experiment.agentId, subjectId: experiment.id };
  if (lost)
    await alertLearning(ctx, 'regression', {
      ...about,
      message: `Learning experiment stopped, baseline kept: ${verdict.reason}`,
      metadata: { experimentId: experiment.id, proposalId: experiment.proposalId },
    });
  if (verdict.kind === 'inconclusive')
    await alertLearning(ctx, 'timeout', {
      ...about,
      message: `Learning experiment ended inconclusive: ${verdict.reason}`,
      metadata: { experimentId: experiment.id, proposalId: experiment.proposalId },
    });
  if (outcome.auto) await sendApproval(ctx, outcome.auto.id);
  return { status, verdict: verdict.kind };
}
