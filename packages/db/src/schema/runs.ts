// Execution tracking (SPEC §4 "Execution Tracking"): runs, their traces and trace steps, and tool calls.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { agentVersion, optionalAgentRef } from './agents';
import {
  agentEventOwned,
  counter,
  createdAt,
  id,
  tenantId,
  tenantOwned,
  timestamptz,
  updatedAt,
  usdTotal,
} from './columns';
import { experimentGroup, runStatus, runType } from './enums';
import {
  type JsonObject,
  type RequestContext,
  requestContextSchema,
  type ScoreResults,
  type TokenUsage,
  type TraceModel,
} from './json';
import { mcpServer } from './tools';

/** Where the resolver found the agent (SPEC §5 HydratedAgent.source). */
export const runSourceValues = ['database', 'fallback'] as const;
export type RunSource = (typeof runSourceValues)[number];

/** One execution of an agent. Runs are permanent; they survive the deletion of their agent or version. */
export const agentRun = pgTable(
  'agent_run',
  {
    id: id(),
    tenantId: tenantId(),
    /** Null for runs of a code-defined fallback agent, which has no row; `agentSlug` always names the agent. */
    agentId: optionalAgentRef(),
    agentSlug: text().notNull(),
    runType: runType().notNull().default('PROD'),
    status: runStatus().notNull().default('QUEUED'),
    inputText: text(),
    outputText: text(),
    error: text(),
    /** Stable UPPER_SNAKE code of the domain error that failed the run. */
    errorCode: text(),
    durationMs: integer(),
    modelProvider: text(),
    modelName: text(),
    promptTokens: counter(),
    completionTokens: counter(),
    totalTokens: counter(),
    cachedTokens: counter(),
    reasoningTokens: counter(),
    costUsd: usdTotal(),
    /** The agent version that served the run (the candidate or baseline version during an experiment). */
    versionId: text().references(() => agentVersion.id, { onDelete: 'set null' }),
    threadId: text(),
    /** User id of the conversation (memory resource). */
    resourceId: text(),
    requestContext: jsonb().$type<RequestContext>(),
    source: text({ enum: runSourceValues }),
    /** The run this one re-runs. */
    parentRunId: text().references((): AnyPgColumn => agentRun.id, { onDelete: 'set null' }),
    /** The learning experiment that routed this run (no foreign key: learning depends on runs, not the reverse). */
    experimentId: text(),
    experimentGroup: experimentGroup(),
    metadata: jsonb().$type<JsonObject>(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    /**
     * When the run's cost event was recorded and the run added to its agent's daily rollups (run-completed); null
     * before, and for runs no rollup holds (code-defined agents). Budget spend reads the rollups plus these.
     */
    countedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...agentEventOwned(t),
    // Budget spend: the finished runs no rollup holds (not counted yet, or without an agent), per tenant and month.
    index('agent_run_uncounted_index')
      .on(t.tenantId, t.createdAt)
      .where(
        sql`(${t.countedAt} is null or ${t.agentId} is null) and ${t.status} in ('COMPLETED', 'FAILED', 'CANCELLED')`,
      ),
    index().on(t.tenantId, t.status),
    index().on(t.tenantId, t.threadId),
    index().on(t.versionId),
    index().on(t.parentRunId),
    index().on(t.experimentId, t.experimentGroup),
    // The crash-recovery sweep: runs still in flight, by lease (updatedAt, renewed by the executing process).
    index('agent_run_in_flight_lease_index').on(t.updatedAt).where(sql`${t.status} in ('QUEUED', 'RUNNING')`),
  ],
);

/** The detailed trace of one run (one per run). */
export const agentTrace = pgTable(
  'agent_trace',
  {
    id: id(),
    tenantId: tenantId(),
    runId: text()
      .notNull()
      .references(() => agentRun.id, { onDelete: 'cascade' }),
    agentId: optionalAgentRef(),
    status: runStatus().notNull().default('RUNNING'),
    stepsJson: jsonb().$type<JsonObject[]>(),
    modelJson: jsonb().$type<TraceModel>(),
    tokensJson: jsonb().$type<TokenUsage>(),
    scoresJson: jsonb().$type<ScoreResults>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.runId), ...agentEventOwned(t)],
);

/** One step of a trace: a model call, a tool call or result, a guardrail check, … (`type`). */
export const agentTraceStep = pgTable(
  'agent_trace_step',
  {
    id: id(),
    tenantId: tenantId(),
    traceId: text()
      .notNull()
      .references(() => agentTrace.id, { onDelete: 'cascade' }),
    stepNumber: integer().notNull(),
    type: text().notNull(),
    content: jsonb().$type<unknown>(),
    durationMs: integer(),
    startedAt: timestamptz(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.traceId, t.stepNumber), ...tenantOwned(t)],
);

/** A tool invocation during a run; `mcpServerId` is set for MCP tools. */
export const agentToolCall = pgTable(
  'agent_tool_call',
  {
    id: id(),
    tenantId: tenantId(),
    runId: text()
      .notNull()
      .references(() => agentRun.id, { onDelete: 'cascade' }),
    traceId: text().references(() => agentTrace.id, { onDelete: 'cascade' }),
    agentId: optionalAgentRef(),
    toolKey: text().notNull(),
    /** The model's id for the call, linking a call to its result. */
    toolCallId: text(),
    mcpServerId: text().references(() => mcpServer.id, { onDelete: 'set null' }),
    inputJson: jsonb().$type<unknown>(),
    outputJson: jsonb().$type<unknown>(),
    success: boolean().notNull(),
    error: text(),
    durationMs: integer(),
    stepNumber: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    ...agentEventOwned(t),
    index().on(t.runId),
    index().on(t.traceId),
    index().on(t.mcpServerId),
    index().on(t.tenantId, t.toolKey, t.createdAt),
  ],
);

const agentRunRefine = { requestContext: () => requestContextSchema };
export const agentRunSelectSchema = createSelectSchema(agentRun);
export const agentRunInsertSchema = createInsertSchema(agentRun, agentRunRefine);
export type AgentRun = typeof agentRun.$inferSelect;
export type NewAgentRun = typeof agentRun.$inferInsert;

export const agentTraceSelectSchema = createSelectSchema(agentTrace);
export const agentTraceInsertSchema = createInsertSchema(agentTrace);
export type AgentTrace = typeof agentTrace.$inferSelect;
export type NewAgentTrace = typeof agentTrace.$inferInsert;

export const agentTraceStepSelectSchema = createSelectSchema(agentTraceStep);
export const agentTraceStepInsertSchema = createInsertSchema(agentTraceStep);
export type AgentTraceStep = typeof agentTraceStep.$inferSelect;
export type NewAgentTraceStep = typeof agentTraceStep.$inferInsert;

export const agentToolCallSelectSchema = createSelectSchema(agentToolCall);
export const agentToolCallInsertSchema = createInsertSchema(agentToolCall);
export type AgentToolCall = typeof agentToolCall.$inferSelect;
export type NewAgentToolCall = typeof agentToolCall.$inferInsert;
