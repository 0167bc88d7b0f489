// What the run read endpoints answer, as zod schemas built on the Drizzle select schemas: the run with its trace,
// the overview, conversation threads, a thread's runs and a trace on its own. The routes declare them as their
// OpenAPI responses, and the compiler checks each service's result against them.
import {
  agentRunSelectSchema,
  agentToolCallSelectSchema,
  agentTraceSelectSchema,
  agentTraceStepSelectSchema,
} from '@trellis/db';
import { z } from 'zod';

export const runDetailSchema = agentRunSelectSchema.extend({
  trace: agentTraceSelectSchema.extend({ steps: z.array(agentTraceStepSelectSchema) }).nullable(),
  toolCalls: z.array(agentToolCallSelectSchema),
});

/** A streamed reply's metadata (also on every run of a thread): tokens, cost and the model, for clients to show. */
export const runMessageMetadataSchema = z.object({
  runId: z.string(),
  status: agentRunSelectSchema.shape.status.optional(),
  model: z.object({ provider: z.string(), name: z.string(), label: z.string().optional() }).optional(),
  promptTokens: z.number().optional(),
  completionTokens: z.number().optional(),
  totalTokens: z.number().optional(),
  costUsd: z.number().optional(),
  durationMs: z.number().optional(),
  error: z.string().optional(),
});

const nullableNumber = z.number().nullable();

export const overviewSchema = z.object({
  days: z.int(),
  runs: z.int(),
  completed: z.int(),
  failed: z.int(),
  successRate: nullableNumber.describe('COMPLETED / (COMPLETED + FAILED) over the window; null without finished runs'),
  p50DurationMs: nullableNumber.describe('over the latest 1,000 completed runs'),
  p95DurationMs: nullableNumber,
  totalTokens: z.number(),
  costUsd: z.number(),
  costMonthToDateUsd: z.number(),
  avgQuality: nullableNumber,
  openAlerts: z.int(),
  lastRunAt: z.date().nullable(),
  recentRuns: z.array(
    agentRunSelectSchema.pick({
      id: true,
      status: true,
      runType: true,
      inputText: true,
      durationMs: true,
      totalTokens: true,
      costUsd: true,
      createdAt: true,
    }),
  ),
});

export const threadSummarySchema = z.object({
  threadId: z.string(),
  runs: z.int(),
  title: z.string().describe('the first message, up to 120 characters'),
  lastActivityAt: z.date(),
});

export const threadRunSchema = agentRunSelectSchema.extend({
  toolCalls: z.array(agentToolCallSelectSchema),
  messageMetadata: runMessageMetadataSchema,
});

export const traceSchema = z.object({
  runId: z.string(),
  status: agentRunSelectSchema.shape.status,
  model: agentTraceSelectSchema.shape.modelJson,
  tokens: agentTraceSelectSchema.shape.tokensJson,
  costUsd: z.number(),
  durationMs: z.number().nullable(),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  steps: z.array(agentTraceStepSelectSchema),
  toolCalls: z.array(agentToolCallSelectSchema),
});
