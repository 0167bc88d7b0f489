// Continuous learning's configuration in one place (SPEC §19): the signal thresholds, traffic split and auto-promotion
// defaults (the same values the learning_policy columns default to), the statistics of the experiment decision, and
// what makes a run's latency or cost a signal. An agent's LearningPolicy overrides the per-agent fields.
import { learningPolicyDefaults as d, type LearningPolicy } from '@trellis/db';
import { z } from 'zod';

export const learningConfig = {
  signalThresholds: {
    signalCount: d.signalCount,
    signalWindowMinutes: d.signalWindowMinutes,
    lowScoreThreshold: d.lowScoreThreshold,
  },
  trafficSplit: {
    defaultCandidateSplit: d.candidateSplit,
    minRunsPerGroup: d.minRunsPerGroup,
    maxRunsPerExperiment: d.maxRunsPerExperiment,
    maxExperimentDurationHours: d.maxExperimentDurationHours,
  },
  autoPromotion: {
    enabled: d.autoPromotionEnabled,
    minWinRate: d.minWinRate,
    minConfidenceScore: d.minConfidenceScore,
    minRunsBeforeAutoPromotion: d.minRunsBeforeAutoPromotion,
  },
  /** The scheduled backstop (every 6 hours) and the experiment checker (every 15 minutes), UTC cron. */
  schedules: { backstop: '0 */6 * * *', checker: '*/15 * * * *', metrics: '45 0 * * *' },
  /**
   * A run far above the agent's own baseline — its p50 over the last `window` finished runs, once `minRuns` exist —
   * by the factor and by at least the minimum excess (a 5 ms agent taking 16 ms is not a signal).
   */
  baseline: {
    window: 200,
    minRuns: 20,
    latencyFactor: 3,
    latencyMinExcessMs: 1000,
    costFactor: 3,
    costMinExcessUsd: 0.0005,
  },
  /** After a run of an experiment the checker follows within this many seconds (runs in between share one check). */
  checkDebounceSeconds: 2,
  /** A rating at or below this (1–5) is negative feedback, like a thumbs down. */
  negativeRating: 2,
  statistics: {
    /** The false-promotion rate the sequential test holds under any number of looks. */
    alpha: 0.05,
    /** The normal mixture's standard deviation over the effect on the 0–1 outcome (the effect size it is tuned to). */
    tau: 0.1,
    /**
     * Non-inferiority margins: how much worse than the baseline the candidate may be before the experiment stops —
     * the larger of the relative and the absolute margin (a cent-fraction or a few milliseconds is not a breach).
     */
    guards: {
      costUsd: { relative: 0.25, absolute: 0.0001 },
      latencyMs: { relative: 0.25, absolute: 250 },
      guardrailBlockRate: { relative: 0, absolute: 0.05 },
    },
  },
} as const;

/** The policy fields an agent may override, validated (POST …/learning/policy). */
export const learningPolicyUpdateSchema = z
  .object({
    enabled: z.boolean(),
    signalCount: z.number().int().min(1).max(10_000),
    signalWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    lowScoreThreshold: z.number().min(0).max(1),
    candidateSplit: z.number().gt(0).max(0.5, 'the candidate gets at most half of the traffic'),
    minRunsPerGroup: z.number().int().min(5, 'at least 5 runs per arm').max(100_000),
    maxRunsPerExperiment: z.number().int().min(10).max(1_000_000),
    maxExperimentDurationHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
    autoPromotionEnabled: z.boolean(),
    minWinRate: z.number().min(0.5).max(1),
    minConfidenceScore: z.number().min(0).max(1),
    minRunsBeforeAutoPromotion: z.number().int().min(0).max(1_000_000),
  })
  .partial()
  .strict();
export type LearningPolicyUpdate = z.input<typeof learningPolicyUpdateSchema>;

/** The policy in force for an agent: its row, else the defaults (learning off until enabled). */
export type EffectivePolicy = Omit<LearningPolicy, 'id' | 'tenantId' | 'agentId' | 'createdAt' | 'updatedAt'> & {
  saved: boolean;
};

export function effectivePolicy(row: LearningPolicy | null | undefined): EffectivePolicy {
  if (!row) return { ...d, paused: false, saved: false };
  const { id: _id, tenantId: _t, agentId: _a, createdAt: _c, updatedAt: _u, ...fields } = row;
  return { ...fields, saved: true };
}

/** What a run needs to know of its agent's learning, cached per process (cache/definitions.ts). */
export interface LearningState {
  policy: EffectivePolicy;
  /** The running experiment, which routes the agent's runs between its two versions. */
  experiment: {
    id: string;
    split: number;
    baselineVersionId: string | null;
    candidateVersionId: string;
    candidateVersion: number;
  } | null;
}
