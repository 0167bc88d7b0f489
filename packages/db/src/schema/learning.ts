// Continuous learning (SPEC §19): per-agent policy, sessions, signals, proposals, shadow A/B experiments,
// approvals and daily learning metrics.
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { type AgentSnapshot, agentRef, agentVersion } from './agents';
import {
  agentEventOwned,
  counter,
  createdAt,
  id,
  ratio,
  tenantId,
  tenantOwned,
  timestamptz,
  updatedAt,
} from './columns';
import {
  approvalDecision,
  learningExperimentStatus,
  learningProposalStatus,
  learningSessionStatus,
  learningSignalType,
  riskTier,
} from './enums';
import type { ConfigChange, ExperimentResult, JsonObject, ProposalGate } from './json';
import { rollupKey, rollupOwned, rollupTimestamps } from './rollup-columns';
import { agentRun } from './runs';

/**
 * SPEC §19 learning defaults — signal thresholds, traffic split and auto-promotion — as stored in a new policy.
 * Learning itself is opt-in (`enabled` false) because proposals spend model tokens.
 */
export const learningPolicyDefaults = {
  enabled: false,
  signalCount: 5,
  signalWindowMinutes: 60,
  lowScoreThreshold: 0.5,
  scheduleCron: '0 */6 * * *',
  candidateSplit: 0.1,
  minRunsPerGroup: 20,
  maxRunsPerExperiment: 200,
  maxExperimentDurationHours: 72,
  autoPromotionEnabled: false,
  minWinRate: 0.55,
  minConfidenceScore: 0.7,
  minRunsBeforeAutoPromotion: 50,
} as const;

const d = learningPolicyDefaults;

/** How an agent learns; one per agent. */
export const learningPolicy = pgTable(
  'learning_policy',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    enabled: boolean().notNull().default(d.enabled),
    paused: boolean().notNull().default(false),
    /** Threshold trigger: this many signals within `signalWindowMinutes` start a session. */
    signalCount: integer().notNull().default(d.signalCount),
    signalWindowMinutes: integer().notNull().default(d.signalWindowMinutes),
    /** A scorer result below this is a LOW_SCORE signal. */
    lowScoreThreshold: doublePrecision().notNull().default(d.lowScoreThreshold),
    /** Scheduled backstop trigger. */
    scheduleCron: text().notNull().default(d.scheduleCron),
    /** Share of traffic routed to the candidate during an experiment. */
    candidateSplit: doublePrecision().notNull().default(d.candidateSplit),
    minRunsPerGroup: integer().notNull().default(d.minRunsPerGroup),
    maxRunsPerExperiment: integer().notNull().default(d.maxRunsPerExperiment),
    maxExperimentDurationHours: integer().notNull().default(d.maxExperimentDurationHours),
    autoPromotionEnabled: boolean().notNull().default(d.autoPromotionEnabled),
    minWinRate: doublePrecision().notNull().default(d.minWinRate),
    minConfidenceScore: doublePrecision().notNull().default(d.minConfidenceScore),
    minRunsBeforeAutoPromotion: integer().notNull().default(d.minRunsBeforeAutoPromotion),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.agentId), ...tenantOwned(t)],
);

export const learningTriggerValues = ['threshold', 'scheduled', 'manual'] as const;
export type LearningTrigger = (typeof learningTriggerValues)[number];

/** One learning cycle, from signal detection to promotion. */
export const learningSession = pgTable(
  'learning_session',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    trigger: text({ enum: learningTriggerValues }).notNull(),
    status: learningSessionStatus().notNull().default('PENDING'),
    summary: jsonb().$type<JsonObject>(),
    error: text(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...agentEventOwned(t),
    index().on(t.agentId, t.status),
    // Never two open sessions per agent: a second start (threshold, schedule, manual) conflicts here.
    uniqueIndex('learning_session_one_open_per_agent')
      .on(t.agentId)
      .where(sql`${t.status} in ('PENDING', 'ANALYZING', 'PROPOSING', 'EXPERIMENTING', 'AWAITING_APPROVAL')`),
  ],
);

/** An observation worth learning from; unattached (`sessionId` null) until a session consumes it. */
export const learningSignal = pgTable(
  'learning_signal',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    sessionId: text().references(() => learningSession.id, { onDelete: 'set null' }),
    runId: text().references(() => agentRun.id, { onDelete: 'set null' }),
    type: learningSignalType().notNull(),
    /** The measured value (score, latency in ms, rating, …). */
    value: doublePrecision(),
    details: jsonb().$type<JsonObject>(),
    createdAt: createdAt(),
  },
  // One signal of a type per run, so a redelivered job adds nothing.
  (t) => [...agentEventOwned(t), index().on(t.sessionId), uniqueIndex().on(t.runId, t.type)],
);

/** A proposed configuration change, its risk tier and the candidate it would become. */
export const learningProposal = pgTable(
  'learning_proposal',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    sessionId: text()
      .notNull()
      .references(() => learningSession.id, { onDelete: 'cascade' }),
    riskTier: riskTier().notNull(),
    status: learningProposalStatus().notNull().default('PENDING'),
    title: text().notNull(),
    rationale: text(),
    changesJson: jsonb().$type<ConfigChange[]>().notNull(),
    /** What proposed it: the proposer model (`provider/model`) or the offline demo proposer's label. */
    proposedBy: text().notNull().default('demo (offline)'),
    /** The gate before traffic: the test suite on the baseline and the candidate, and what regressed. */
    gate: jsonb().$type<ProposalGate>(),
    candidateSnapshot: jsonb().$type<AgentSnapshot>().notNull(),
    /** The agent version created for the candidate once the experiment starts. */
    candidateVersionId: text().references(() => agentVersion.id, { onDelete: 'set null' }),
    /** The agent version the promotion wrote, and when. */
    promotedVersionId: text().references(() => agentVersion.id, { onDelete: 'set null' }),
    promotedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...agentEventOwned(t),
    index().on(t.sessionId),
    index().on(t.promotedVersionId),
    index().on(t.agentId, t.status),
    index().on(t.candidateVersionId),
  ],
);

/**
 * A shadow A/B test of a proposal: `split` of the agent's traffic goes to the candidate version. At most one RUNNING
 * experiment per agent, so run routing finds a single experiment.
 */
export const learningExperiment = pgTable(
  'learning_experiment',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    proposalId: text()
      .notNull()
      .references(() => learningProposal.id, { onDelete: 'cascade' }),
    baselineVersionId: text().references(() => agentVersion.id, { onDelete: 'set null' }),
    candidateVersionId: text().references(() => agentVersion.id, { onDelete: 'set null' }),
    split: doublePrecision().notNull().default(d.candidateSplit),
    status: learningExperimentStatus().notNull().default('PENDING'),
    startedAt: timestamptz(),
    endedAt: timestamptz(),
    baselineRuns: counter(),
    candidateRuns: counter(),
    baselineScore: ratio(),
    candidateScore: ratio(),
    /** Share of paired comparisons the candidate won, 0–1. */
    winRate: ratio(),
    confidence: ratio(),
    result: jsonb().$type<ExperimentResult>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...agentEventOwned(t),
    uniqueIndex('learning_experiment_one_running_per_agent').on(t.agentId).where(sql`${t.status} = 'RUNNING'`),
    index().on(t.status),
    index().on(t.proposalId),
    index().on(t.baselineVersionId),
    index().on(t.candidateVersionId),
  ],
);

export const approvalModeValues = ['auto', 'human'] as const;
export type ApprovalMode = (typeof approvalModeValues)[number];

/** The decision on a proposal; `decidedBy` is the user id, null for automatic decisions. */
export const learningApproval = pgTable(
  'learning_approval',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    proposalId: text()
      .notNull()
      .references(() => learningProposal.id, { onDelete: 'cascade' }),
    decision: approvalDecision().notNull(),
    mode: text({ enum: approvalModeValues }).notNull(),
    decidedBy: text(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [...agentEventOwned(t), index().on(t.proposalId)],
);

export const learningMetricDaily = pgTable(
  'learning_metric_daily',
  {
    ...rollupKey(),
    signals: counter(),
    sessions: counter(),
    proposals: counter(),
    /** Proposals whose gate (the test suite before traffic) passed or was skipped for want of cases, and failed. */
    gatePassed: counter(),
    gateFailed: counter(),
    experiments: counter(),
    promotions: counter(),
    autoPromotions: counter(),
    regressions: counter(),
    inconclusive: counter(),
    /** Median minutes from a promoted proposal's first signal (or its session's start) to its promotion. */
    signalToPromotionMinutes: ratio(),
    ...rollupTimestamps(),
  },
  (t) => rollupOwned(t),
);

export const learningPolicySelectSchema = createSelectSchema(learningPolicy);
export const learningPolicyInsertSchema = createInsertSchema(learningPolicy, {
  signalCount: (s) => s.positive(),
  signalWindowMinutes: (s) => s.positive(),
  lowScoreThreshold: (s) => s.min(0).max(1),
  candidateSplit: (s) => s.gt(0).lt(1),
  minRunsPerGroup: (s) => s.positive(),
  maxRunsPerExperiment: (s) => s.positive(),
  maxExperimentDurationHours: (s) => s.positive(),
  minWinRate: (s) => s.min(0).max(1),
  minConfidenceScore: (s) => s.min(0).max(1),
  minRunsBeforeAutoPromotion: (s) => s.min(0),
});
export type LearningPolicy = typeof learningPolicy.$inferSelect;
export type NewLearningPolicy = typeof learningPolicy.$inferInsert;

export const learningSessionSelectSchema = createSelectSchema(learningSession);
export const learningSessionInsertSchema = createInsertSchema(learningSession);
export type LearningSession = typeof learningSession.$inferSelect;
export type NewLearningSession = typeof learningSession.$inferInsert;

export const learningSignalSelectSchema = createSelectSchema(learningSignal);
export const learningSignalInsertSchema = createInsertSchema(learningSignal);
export type LearningSignal = typeof learningSignal.$inferSelect;
export type NewLearningSignal = typeof learningSignal.$inferInsert;

export const learningProposalSelectSchema = createSelectSchema(learningProposal);
export const learningProposalInsertSchema = createInsertSchema(learningProposal);
export type LearningProposal = typeof learningProposal.$inferSelect;
export type NewLearningProposal = typeof learningProposal.$inferInsert;

export const learningExperimentSelectSchema = createSelectSchema(learningExperiment);
export const learningExperimentInsertSchema = createInsertSchema(learningExperiment);
export type LearningExperiment = typeof learningExperiment.$inferSelect;
export type NewLearningExperiment = typeof learningExperiment.$inferInsert;

export const learningApprovalSelectSchema = createSelectSchema(learningApproval);
export const learningApprovalInsertSchema = createInsertSchema(learningApproval);
export type LearningApproval = typeof learningApproval.$inferSelect;
export type NewLearningApproval = typeof learningApproval.$inferInsert;

export const learningMetricDailySelectSchema = createSelectSchema(learningMetricDaily);
export const learningMetricDailyInsertSchema = createInsertSchema(learningMetricDaily);
export type LearningMetricDaily = typeof learningMetricDaily.$inferSelect;
export type NewLearningMetricDaily = typeof learningMetricDaily.$inferInsert;
