// Approval and promotion. A person approves or rejects a proposal awaiting approval with a reason (a LearningApproval:
// who, when, why — audited); a won LOW-risk experiment may be approved automatically (checker.ts). The approval handler
// job sends an approved proposal to promotion, which writes the candidate as the agent's new version (diffable, one
// click to roll back) — unless the agent changed since the experiment's baseline, which makes the proposal stale. A
// rejection ends the session; rejecting a proposal still in its experiment stops the experiment.
import type { LearningProposal } from '@trellis/db';
import { z } from 'zod';
import { agentIdOf, promoteSnapshot } from '../agents/service';
import { AgentStore } from '../agents/store';
import { recordAudit } from '../audit/audit-store';
import type { ServiceContext } from '../context';
import { conflict, notFound } from '../errors';
import { experimentFigures } from './checker';
import { LearningStore } from './learning-store';
import { alertLearning } from './notify';
import { announceLearning } from './routing';
import { sendApproval, sendPromotion } from './sends';

export const decisionSchema = z
  .object({ reason: z.string().trim().min(3, 'say why, in a few words').max(2000) })
  .strict();
export type DecisionInput = z.input<typeof decisionSchema>;

/** Which states a person may decide from: approve after the experiment, reject any time before promotion. */
const approvable: LearningProposal['status'][] = ['AWAITING_APPROVAL'];
const rejectable: LearningProposal['status'][] = ['PENDING', 'EXPERIMENTING', 'AWAITING_APPROVAL'];

export async function decideProposal(
  ctx: ServiceContext,
  idOrSlug: string,
  proposalId: string,
  decision: 'APPROVED' | 'REJECTED',
  raw: DecisionInput,
) {
  const { reason } = decisionSchema.parse(raw);
  const agentId = await agentIdOf(ctx, idOrSlug);
  const from = decision === 'APPROVED' ? approvable : rejectable;
  // A rejected experiment keeps its figures as they stood (read before the transaction: PGlite has one connection).
  const running = decision === 'REJECTED' ? await LearningStore.of(ctx).experimentOfProposal(proposalId) : undefined;
  const final =
    running?.status === 'RUNNING' && running.agentId === agentId
      ? await experimentFigures(ctx, LearningStore.of(ctx), running)
      : null;
  const result = await ctx.db.transaction(async (tx) => {
    const store = LearningStore.of(ctx, tx);
    const proposal = await store.proposal(proposalId, agentId);
    if (!proposal) throw notFound('Proposal', proposalId);
    const moved = await store.updateProposal(proposalId, { status: decision }, from);
    if (!moved)
      throw conflict(
        `The proposal is ${proposal.status}; it cannot be ${decision === 'APPROVED' ? 'approved' : 'rejected'} now`,
        {
          status: proposal.status,
        },
      );
    const approval = await store.insertApproval({
      agentId,
      proposalId,
      decision,
      mode: 'human',
      decidedBy: ctx.actor.type === 'system' ? null : ctx.actor.id,
      reason,
    });
    if (decision === 'REJECTED') await closeAfterRejection(ctx, store, moved, final);
    await recordAudit(tx, ctx, {
      action: decision === 'APPROVED' ? 'learning.proposal.approve' : 'learning.proposal.reject',
      entityType: 'learningProposal',
      entityId: proposalId,
      metadata: { agentId, reason, riskTier: proposal.riskTier, approvalId: approval.id },
    });
    await announceLearning(tx, ctx);
    return { proposal: moved, approval };
  });
  await sendApproval(ctx, result.approval.id);
  return result;
}

/** A rejected proposal's experiment stops (if it still runs) with its final figures, and its session completes. */
async function closeAfterRejection(
  ctx: ServiceContext,
  store: LearningStore,
  proposal: LearningProposal,
  final: Awaited<ReturnType<typeof experimentFigures>> | null,
) {
  const experiment = await store.experimentOfProposal(proposal.id);
  if (experiment?.status === 'RUNNING')
    await store.updateExperiment(
      experiment.id,
      {
        ...final?.figures,
        status: 'CANCELLED',
        endedAt: ctx.clock(),
        result: { winner: null, reason: 'Rejected by a person', ...(final ? { stats: final.stats } : {}) },
      },
      'RUNNING',
    );
  const session = await store.session(proposal.sessionId);
  if (session)
    await store.updateSession(
      session.id,
      { status: 'COMPLETED', summary: { ...session.summary, outcome: 'Proposal rejected' }, completedAt: ctx.clock() },
      ['PENDING', 'ANALYZING', 'PROPOSING', 'EXPERIMENTING', 'AWAITING_APPROVAL'],
    );
}

/** The learningApprovalHandler job: an approval sends its proposal to promotion; a rejection needs nothing more. */
export async function handleApproval(ctx: ServiceContext, approvalId: string) {
  const store = LearningStore.of(ctx);
  const approval = await store.approval(approvalId);
  if (!approval) return { status: 'missing' };
  if (approval.decision !== 'APPROVED') return { status: 'rejected' };
  await sendPromotion(ctx, approval.proposalId);
  return { status: 'promotion sent' };
}

/** The learningVersionPromotion job: an approved candidate becomes the agent's new version, once. */
export async function promoteProposal(ctx: ServiceContext, proposalId: string) {
  const store = LearningStore.of(ctx);
  const proposal = await store.proposal(proposalId);
  if (!proposal) return { status: 'missing' };
  if (proposal.status !== 'APPROVED') return { status: proposal.status };
  const experiment = await store.experimentOfProposal(proposal.id);
  const agents = AgentStore.of(ctx);
  const agent = await agents.find(proposal.agentId);
  const current = agent ? await agents.versionId(agent.id, agent.version) : undefined;
  if (!agent || !experiment || current !== experiment.baselineVersionId) {
    await store.updateProposal(proposal.id, { status: 'FAILED' }, ['APPROVED']);
    const session = await store.session(proposal.sessionId);
    const outcome =
      'The agent changed since the experiment; the approved candidate is out of date and was not promoted';
    await store.updateSession(
      proposal.sessionId,
      { status: 'COMPLETED', summary: { ...session?.summary, outcome }, completedAt: ctx.clock() },
      ['AWAITING_APPROVAL', 'EXPERIMENTING'],
    );
    return { status: 'FAILED', reason: outcome };
  }
  const [approval] = (await store.approvals([proposal.id])).filter((a) => a.decision === 'APPROVED').slice(-1);
  const auto = approval?.mode === 'auto';
  const promoted = await promoteSnapshot(
    ctx,
    agent.id,
    proposal.candidateSnapshot,
    `Promoted learning proposal: ${proposal.title}`,
    { proposalId: proposal.id, experimentId: experiment.id, approval: approval?.mode ?? 'human' },
    async (tx, versionId) => {
      const inTx = LearningStore.of(ctx, tx);
      const at = ctx.clock();
      await inTx.updateProposal(proposal.id, { status: 'PROMOTED', promotedAt: at, promotedVersionId: versionId }, [
        'APPROVED',
      ]);
      // Signals still unconsumed describe the version just replaced: this session takes them.
      await inTx.attachSignals(proposal.agentId, proposal.sessionId, 'all');
      const session = await inTx.session(proposal.sessionId);
      await inTx.updateSession(
        proposal.sessionId,
        { status: 'COMPLETED', summary: { ...session?.summary, outcome: 'Promoted' }, completedAt: ctx.clock() },
        ['AWAITING_APPROVAL', 'EXPERIMENTING'],
      );
      await announceLearning(tx, ctx);
    },
  );
  if (auto)
    await alertLearning(ctx, 'auto-promotion', {
      agentId: agent.id,
      agentSlug: agent.slug,
      subjectId: proposal.id,
      message: `Auto-promoted "${proposal.title}" as version ${promoted.version} (LOW risk, the experiment's thresholds passed)`,
      metadata: { proposalId: proposal.id, version: promoted.version, versionId: promoted.versionId },
    });
  return { status: 'PROMOTED', version: promoted.version };
}
