// The learningExperimentRun job: a proposal's way onto live traffic. Its candidate is saved as a version beside the
// agent's current one; then the gate — the agent's test suite on the baseline and on the candidate (TEST runs, which
// no experiment routes), compared case by case: a pinned case that passes on the baseline and fails on the candidate
// stops the proposal. An agent without test cases skips the gate (said in the gate). Past the gate the shadow
// experiment starts (RUNNING, `split` of the traffic to the candidate) and every process's routing hears of it.
// The job re-sends itself every few seconds while the suites run, so no worker waits on them.
import type { LearningProposal, ProposalGate } from '@trellis/db';
import { saveCandidateVersion } from '../agents/service';
import { AgentStore } from '../agents/store';
import type { ServiceContext } from '../context';
import { compareTestSuiteRuns, startTestSuite } from '../testing/service';
import { TestStore } from '../testing/test-store';
import { LearningStore } from './learning-store';
import { announceLearning, learningStateOf } from './routing';
import { sendExperimentRun } from './sends';

const GATE_POLL_SECONDS = 2;

export async function runExperimentStep(ctx: ServiceContext, proposalId: string) {
  const store = LearningStore.of(ctx);
  let proposal = await store.proposal(proposalId);
  if (!proposal) return { status: 'missing' };
  if (proposal.status !== 'PENDING') return { status: proposal.status };
  const agent = await AgentStore.of(ctx).find(proposal.agentId);
  const session = await store.session(proposal.sessionId);
  const currentVersionId = agent ? await AgentStore.of(ctx).versionId(agent.id, agent.version) : undefined;
  if (!agent || !currentVersionId || currentVersionId !== session?.summary?.baselineVersionId)
    return fail(ctx, proposal, 'The agent changed after the proposal was made; its candidate is out of date');

  if (!proposal.candidateVersionId) {
    const saved = await saveCandidateVersion(
      ctx,
      agent.id,
      proposal.candidateSnapshot,
      `Learning candidate: ${proposal.title}`,
    );
    proposal = (await store.updateProposal(proposal.id, { candidateVersionId: saved.versionId })) ?? proposal;
  }
  const gate = await gateOf(ctx, proposal, agent.version);
  if (gate.status === 'running') {
    await sendExperimentRun(ctx, proposal.id, GATE_POLL_SECONDS);
    return { status: 'PENDING', gate: 'running' };
  }
  if (gate.status === 'failed') return fail(ctx, proposal, gate.reason);

  const { policy } = await learningStateOf(ctx, agent.id);
  const started = await ctx.db.transaction(async (tx) => {
    const inTx = LearningStore.of(ctx, tx);
    const experiment = await inTx.insertExperiment({
      agentId: agent.id,
      proposalId: proposal.id,
      baselineVersionId: currentVersionId,
      candidateVersionId: proposal.candidateVersionId,
      split: policy.candidateSplit,
      status: 'RUNNING',
      startedAt: ctx.clock(),
    });
    if (!experiment) return null;
    await inTx.updateProposal(proposal.id, { status: 'EXPERIMENTING' }, ['PENDING']);
    await announceLearning(tx, ctx);
    return experiment;
  });
  if (!started) {
    // Another experiment of the agent still runs (one at a time): try again in a minute.
    await sendExperimentRun(ctx, proposal.id, 60);
    return { status: 'PENDING', waiting: 'another experiment is running' };
  }
  return { status: 'EXPERIMENTING', experimentId: started.id };
}

/** The proposal's gate: started, checked while running, decided once both suites finished; stored on the proposal. */
async function gateOf(ctx: ServiceContext, proposal: LearningProposal, baselineVersion: number): Promise<ProposalGate> {
  const store = LearningStore.of(ctx);
  const tests = TestStore.of(ctx);
  let gate = proposal.gate;
  if (!gate) {
    if (!(await tests.cases(proposal.agentId)).length) {
      gate = { status: 'skipped', reason: 'The agent has no test cases: nothing to check before live traffic' };
    } else {
      const candidateVersion = await store.versionNumber(proposal.candidateVersionId as string);
      const baseline = await startTestSuite(ctx, proposal.agentId, { version: baselineVersion });
      const candidate = await startTestSuite(ctx, proposal.agentId, { version: candidateVersion });
      gate = {
        status: 'running',
        reason: 'The test suite runs on the baseline and on the candidate',
        baselineSuiteRunId: baseline.suiteRunId,
        candidateSuiteRunId: candidate.suiteRunId,
      };
    }
    await store.updateProposal(proposal.id, { gate });
  }
  if (gate.status !== 'running') return gate;
  const ids = [gate.baselineSuiteRunId as string, gate.candidateSuiteRunId as string];
  const suites = await Promise.all(ids.map((id) => tests.suiteRun(id)));
  if (suites.some((s) => !s || s.status === 'QUEUED' || s.status === 'RUNNING')) return gate;
  if (suites.some((s) => s?.status !== 'COMPLETED')) {
    gate = { ...gate, status: 'failed', reason: 'A test suite run of the gate failed' };
  } else {
    const compared = await compareTestSuiteRuns(ctx, proposal.agentId, ids[0], ids[1]);
    const regressions = compared.cases
      .filter((c) => c.change === 'regressed' && c.pinned)
      .map((c) => ({ caseId: c.testCaseId, name: c.name }));
    const passed = {
      baseline: compared.a.passed,
      candidate: compared.b.passed,
      total: compared.b.total,
    };
    gate = regressions.length
      ? {
          ...gate,
          status: 'failed',
          reason: `The candidate fails ${regressions.length} pinned test case(s) the baseline passes`,
          regressions,
          passed,
        }
      : { ...gate, status: 'passed', reason: 'No pinned test case regressed', regressions, passed };
  }
  await store.updateProposal(proposal.id, { gate });
  return gate;
}

/** Ends a proposal before traffic: FAILED with the reason, its session completed. */
async function fail(ctx: ServiceContext, proposal: LearningProposal, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const inTx = LearningStore.of(ctx, tx);
    await inTx.updateProposal(proposal.id, { status: 'FAILED' }, ['PENDING']);
    const session = await inTx.session(proposal.sessionId);
    await inTx.updateSession(
      proposal.sessionId,
      { status: 'COMPLETED', summary: { ...session?.summary, outcome: reason }, completedAt: ctx.clock() },
      ['EXPERIMENTING'],
    );
  });
  return { status: 'FAILED', reason };
}
