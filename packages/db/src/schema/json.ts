// Shapes of the JSON columns: zod schemas for the ones the spec defines (MemoryConfig, RequestContext, model
// options) — used to refine the tables' insert schemas — and plain types for the rest.
import { z } from 'zod';
import type { ExperimentGroup } from './enums';

/** Any JSON object; the type of a free-form `metadata` column. */
export type JsonObject = Record<string, unknown>;

/** SPEC §5 Memory Configuration. Defaults (applied by the memory module, not stored): lastMessages 10, topK 5, messageRange 100. */
export const memoryConfigSchema = z.strictObject({
  lastMessages: z.int().positive().optional(),
  semanticRecall: z
    .union([
      z.strictObject({ topK: z.int().positive().optional(), messageRange: z.int().positive().optional() }),
      z.literal(false),
    ])
    .optional(),
  workingMemory: z.strictObject({ enabled: z.boolean().optional(), template: z.string().optional() }).optional(),
});
export type MemoryConfig = z.infer<typeof memoryConfigSchema>;

/** SPEC §5 RequestContext: who the run is for, which conversation thread, and caller metadata. */
export const requestContextSchema = z.object({
  resource: z
    .object({ userId: z.string().optional(), userName: z.string().optional(), tenantId: z.string().optional() })
    .optional(),
  thread: z.object({ id: z.string().optional(), sessionId: z.string().optional() }).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type RequestContext = z.infer<typeof requestContextSchema>;

/**
 * Model call options beyond temperature and maxTokens (which are columns). `providerOptions` is passed through to
 * the AI SDK keyed by provider, e.g. `{ openai: { reasoningEffort: 'low' } }`.
 */
export const modelConfigSchema = z.strictObject({
  topP: z.number().min(0).max(1).optional(),
  topK: z.int().positive().optional(),
  frequencyPenalty: z.number().optional(),
  presencePenalty: z.number().optional(),
  stopSequences: z.array(z.string()).optional(),
  seed: z.int().optional(),
  maxRetries: z.int().min(0).optional(),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type ModelConfig = z.infer<typeof modelConfigSchema>;

/** One changed field of an agent configuration (a version's or a learning proposal's `changesJson`). */
export interface ConfigChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Token usage as stored in a trace's `tokensJson`. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedTokens?: number;
  reasoningTokens?: number;
}

/** Scorer results keyed by scorer id (`relevancy`, `toxicity`, …); scores are 0–1 (SPEC §9). */
/**
 * A run's scores by scorer id: the raw score on the scorer's scale, `quality` the same turned so that higher is
 * better (1 − score for toxicity), and the method that really ran (`code`, or `llm` with a judge model).
 */
export type ScoreResults = Record<
  string,
  {
    score: number;
    quality?: number;
    method?: 'code' | 'llm';
    label?: string;
    reason?: string | null;
    sampled?: boolean;
  }
>;

/** A trace's `modelJson`: the model that served the run. */
export interface TraceModel {
  provider: string;
  name: string;
  temperature?: number | null;
  maxTokens?: number | null;
}

/** A goal's plan: the orchestrator's ordered steps. */
export interface GoalPlan {
  reasoning?: string;
  steps: Array<{ agentSlug: string; input: string; dependsOn?: number[] }>;
}

/** One line of a voice call transcript. */
export interface TranscriptEntry {
  role: 'user' | 'agent' | 'system';
  text: string;
  at?: string;
}

/** Outcome of a learning experiment. `winner` is null when inconclusive. */
export interface ExperimentResult {
  winner: ExperimentGroup | null;
  reason: string;
  regression?: boolean;
  /** A guard metric (cost, latency, guardrail-block rate) the candidate breached: the baseline was kept. */
  guardBreach?: string;
  metrics?: Record<string, { baseline: number | null; candidate: number | null }>;
  /** The decision's statistics as of the last check (learning/statistics.ts `ExperimentStats`). */
  stats?: JsonObject;
}

/** A learning proposal's gate before traffic: its test suite on the baseline and on the candidate. */
export interface ProposalGate {
  status: 'running' | 'passed' | 'failed' | 'skipped';
  reason: string;
  baselineSuiteRunId?: string;
  candidateSuiteRunId?: string;
  /** Pinned cases that passed on the baseline and fail on the candidate. */
  regressions?: { caseId: string; name: string }[];
  passed?: { baseline: number; candidate: number; total: number };
}

/** An audit entry's metadata: the entity before and after the write, plus anything else worth keeping. */
export interface AuditMetadata {
  before?: unknown;
  after?: unknown;
  [key: string]: unknown;
}
