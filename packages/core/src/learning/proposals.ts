// The learningProposalGeneration job: the session's patterns and the agent's current configuration go to the
// proposer (proposer.ts); its draft is stored as a LearningProposal — the changes as a version diff, the candidate
// snapshot, rationale, risk tier and who proposed it — and the session moves on to its experiment (gate.ts). Nothing
// to propose completes the session saying so; a proposer that fails fails the session with its error.

import { currentSnapshot } from '../agents/service';
import { AgentStore } from '../agents/store';
import type { ServiceContext } from '../context';
import { LearningStore } from './learning-store';
import { propose } from './proposer';
import { sendExperimentRun } from './sends';
import type { SignalPatterns } from './sessions';

export async function generateProposal(ctx: ServiceContext, sessionId: string) {
  const store = LearningStore.of(ctx);
  const session = await store.session(sessionId);
  if (!session) return { status: 'missing' };
  let [proposal] = await store.proposalsOfSession(sessionId);
  if (session.status === 'PROPOSING' && !proposal) {
    const patterns = (session.summary?.patterns ?? null) as SignalPatterns | null;
    const { agent, snapshot } = await currentSnapshot(ctx, session.agentId);
    const baselineVersionId = (await AgentStore.of(ctx).versionId(agent.id, agent.version)) ?? null;
    let draft: Awaited<ReturnType<typeof propose>>;
    try {
      draft = patterns ? await propose(ctx, snapshot, patterns) : null;
    } catch (e) {
      await store.updateSession(
        sessionId,
        { status: 'FAILED', error: (e as Error).message, completedAt: ctx.clock() },
        ['PROPOSING'],
      );
      return { status: 'FAILED' };
    }
    if (!draft) {
      const outcome = patterns?.signals ? 'no change to propose for these signals' : 'no signals to learn from';
      await store.updateSession(
        sessionId,
        { status: 'COMPLETED', summary: { ...session.summary, outcome }, completedAt: ctx.clock() },
        ['PROPOSING'],
      );
      return { status: 'COMPLETED', outcome };
    }
    proposal = await ctx.db.transaction(async (tx) => {
      const inTx = LearningStore.of(ctx, tx);
      const row = await inTx.insertProposal({
        agentId: session.agentId,
        sessionId,
        riskTier: draft.riskTier,
        title: draft.title,
        rationale: draft.rationale,
        changesJson: draft.changes,
        candidateSnapshot: draft.candidate,
        proposedBy: draft.proposedBy,
      });
      await inTx.updateSession(
        sessionId,
        { status: 'EXPERIMENTING', summary: { ...session.summary, baselineVersionId, proposalId: row.id } },
        ['PROPOSING'],
      );
      return row;
    });
  }
  if (proposal?.status === 'PENDING') await sendExperimentRun(ctx, proposal.id);
  return { status: (await store.session(sessionId))?.status, proposalId: proposal?.id ?? null };
}
