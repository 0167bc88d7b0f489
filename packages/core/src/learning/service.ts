// The learning routes' logic: the dashboard (status, open session, proposals, experiments with live arm figures), the
// policy (read and saved, validated, audited), pause and resume, sessions (list, one with its signals, manual start),
// proposals, experiments and the daily metrics with their KPIs. Every read and write is scoped to the caller's
// organization through the agent lookup (another organization's agent is a 404).
import type { LearningProposal } from '@trellis/db';
import { z } from 'zod';
import { agentIdOf } from '../agents/service';
import { recordAudit } from '../audit/audit-store';
import type { ServiceContext } from '../context';
import { invalidInput, notFound } from '../errors';
import { isoDateParam } from '../pagination';
import { experimentFigures } from './checker';
import {
  type EffectivePolicy,
  effectivePolicy,
  type LearningPolicyUpdate,
  learningConfig,
  learningPolicyUpdateSchema,
} from './config';
import { LearningStore } from './learning-store';
import { learningMetricRows } from './learning-system-store';
import { announceLearning } from './routing';
import { startManualSession } from './triggers';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The policy as the API shows it: every overridable field, whether it is saved, and the spec's defaults beside. */
function viewOf({ scheduleCron: _cron, ...policy }: EffectivePolicy) {
  return { ...policy, defaults: learningConfig };
}

async function policyView(ctx: ServiceContext, agentId: string) {
  return viewOf(effectivePolicy(await LearningStore.of(ctx).policy(agentId)));
}

export async function getLearningPolicy(ctx: ServiceContext, idOrSlug: string) {
  return policyView(ctx, await agentIdOf(ctx, idOrSlug));
}

export async function updateLearningPolicy(ctx: ServiceContext, idOrSlug: string, raw: LearningPolicyUpdate) {
  const input = learningPolicyUpdateSchema.parse(raw);
  const agentId = await agentIdOf(ctx, idOrSlug);
  const store = LearningStore.of(ctx);
  const before = effectivePolicy(await store.policy(agentId));
  const merged = { ...before, ...input };
  if (merged.maxRunsPerExperiment < 2 * merged.minRunsPerGroup)
    throw invalidInput('maxRunsPerExperiment must leave room for minRunsPerGroup runs in both arms', {
      field: 'maxRunsPerExperiment',
    });
  await ctx.db.transaction(async (tx) => {
    await LearningStore.of(ctx, tx).upsertPolicy(agentId, input);
    await recordAudit(tx, ctx, {
      action: 'learning.policy.update',
      entityType: 'learningPolicy',
      entityId: agentId,
      before,
      after: merged,
    });
    await announceLearning(tx, ctx);
  });
  return policyView(ctx, agentId);
}

export const pauseSchema = z.object({ paused: z.boolean() }).strict();

/** Pausing stops the triggers, the routing of live traffic to a candidate and every decision; resuming restarts them. */
export async function pauseLearning(ctx: ServiceContext, idOrSlug: string, raw: z.input<typeof pauseSchema>) {
  const { paused } = pauseSchema.parse(raw);
  const agentId = await agentIdOf(ctx, idOrSlug);
  await ctx.db.transaction(async (tx) => {
    await LearningStore.of(ctx, tx).upsertPolicy(agentId, { paused });
    await recordAudit(tx, ctx, {
      action: paused ? 'learning.pause' : 'learning.resume',
      entityType: 'learningPolicy',
      entityId: agentId,
      metadata: { paused },
    });
    await announceLearning(tx, ctx);
  });
  return policyView(ctx, agentId);
}

export async function startLearningSession(ctx: ServiceContext, idOrSlug: string) {
  return startManualSession(ctx, await agentIdOf(ctx, idOrSlug));
}

/** Proposals with their approvals. */
async function withApprovals(ctx: ServiceContext, proposals: LearningProposal[]) {
  const approvals = await LearningStore.of(ctx).approvals(proposals.map((p) => p.id));
  return proposals.map((p) => ({ ...p, approvals: approvals.filter((a) => a.proposalId === p.id) }));
}

/** An experiment with its figures: a running one's computed now from its runs, a finished one's as decided. */
async function experimentsOf(ctx: ServiceContext, agentId: string, limit: number) {
  const store = LearningStore.of(ctx);
  const rows = await store.experiments(agentId, limit);
  return Promise.all(
    rows.map(async (e) => ({
      ...e,
      live: e.status === 'RUNNING' ? (await experimentFigures(ctx, store, e)).stats : null,
    })),
  );
}

export async function learningDashboard(ctx: ServiceContext, idOrSlug: string) {
  const agentId = await agentIdOf(ctx, idOrSlug);
  const store = LearningStore.of(ctx);
  const [saved, openSession, proposals, experiments, unconsumed, recent, approvals] = await Promise.all([
    store.policy(agentId),
    store.openSession(agentId),
    store.proposals(agentId, { limit: 20 }),
    experimentsOf(ctx, agentId, 10),
    store.unattachedCount(agentId),
    store.recentSignals(agentId, 20),
    store.promotionModes(agentId),
  ]);
  const policy = effectivePolicy(saved);
  return {
    status: (policy.paused ? 'paused' : policy.enabled ? 'active' : 'inactive') as 'paused' | 'active' | 'inactive',
    policy: viewOf(policy),
    openSession: openSession ?? null,
    signals: { unconsumed, recent },
    proposals: await withApprovals(ctx, proposals),
    experiments,
    counts: {
      activeExperiments: experiments.filter((e) => e.status === 'RUNNING').length,
      autoPromotions: approvals.auto,
      manualPromotions: approvals.human,
    },
  };
}

export async function listLearningSessions(ctx: ServiceContext, idOrSlug: string) {
  const agentId = await agentIdOf(ctx, idOrSlug);
  const store = LearningStore.of(ctx);
  const sessions = await store.sessions(agentId, 50);
  const proposals = await store.proposals(agentId, { limit: 200 });
  return {
    sessions: sessions.map((s) => ({
      ...s,
      proposalIds: proposals.filter((p) => p.sessionId === s.id).map((p) => p.id),
    })),
  };
}

export async function getLearningSession(ctx: ServiceContext, idOrSlug: string, sessionId: string) {
  const agentId = await agentIdOf(ctx, idOrSlug);
  const store = LearningStore.of(ctx);
  const session = await store.session(sessionId, agentId);
  if (!session) throw notFound('Learning session', sessionId);
  const [signals, proposals] = await Promise.all([store.signalsOf(session.id), store.proposalsOfSession(session.id)]);
  return { ...session, signals, proposals: await withApprovals(ctx, proposals) };
}

export async function listLearningProposals(ctx: ServiceContext, idOrSlug: string) {
  const agentId = await agentIdOf(ctx, idOrSlug);
  return { proposals: await withApprovals(ctx, await LearningStore.of(ctx).proposals(agentId, { limit: 100 })) };
}

export async function listLearningExperiments(ctx: ServiceContext, idOrSlug: string) {
  const agentId = await agentIdOf(ctx, idOrSlug);
  return { experiments: await experimentsOf(ctx, agentId, 50) };
}

export const learningMetricsQuerySchema = z.object({
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
});

/** Daily learning metrics over [from, to] (default 30 days), computed from the learning tables, with the range's KPIs. */
export async function learningMetrics(
  ctx: ServiceContext,
  idOrSlug: string,
  query: z.output<typeof learningMetricsQuerySchema>,
) {
  const agentId = await agentIdOf(ctx, idOrSlug);
  const to = query.to ?? ctx.clock();
  const from = query.from ?? new Date(to.getTime() - 29 * 86_400_000);
  if (from > to) throw invalidInput('from must not be after to', { field: 'from' });
  const daily = (await learningMetricRows(ctx.db, day(from), day(to), agentId)).map(
    ({ tenantId: _t, agentId: _a, ...row }) => row,
  );
  const sum = (k: keyof (typeof daily)[number]) => daily.reduce((a, r) => a + Number(r[k] ?? 0), 0);
  const proposals = sum('proposals');
  const promotions = await LearningStore.of(ctx).promotionDelays(agentId, from, new Date(`${day(to)}T23:59:59.999Z`));
  return {
    from: day(from),
    to: day(to),
    daily,
    totals: {
      signals: sum('signals'),
      sessions: sum('sessions'),
      proposals,
      gatePassed: sum('gatePassed'),
      gateFailed: sum('gateFailed'),
      experiments: sum('experiments'),
      promotions: sum('promotions'),
      autoPromotions: sum('autoPromotions'),
      regressions: sum('regressions'),
      inconclusive: sum('inconclusive'),
      /** Share of the range's proposals that passed their gate (or had no cases to fail). */
      gatePassRate: proposals ? sum('gatePassed') / proposals : null,
      /** Share of the range's proposals promoted. */
      promotionRate: proposals ? sum('promotions') / proposals : null,
      medianSignalToPromotionMinutes: median(promotions),
    },
  };
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
