// Evaluation & feedback (SPEC §4, §9): scorer results per run, user feedback, stored test cases and their results.
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { agentRef, agentVersion, optionalAgentRef } from './agents';
import { user } from './auth';
import { agentEventOwned, createdAt, id, tenantId, tenantOwned, textList, timestamptz, updatedAt } from './columns';
import type { JsonObject, ScoreResults } from './json';
import { agentRun } from './runs';

/** Scorer results of one run. One row per (run, scorerVersion) so a retried evaluation job upserts. */
export const agentEvaluation = pgTable(
  'agent_evaluation',
  {
    id: id(),
    tenantId: tenantId(),
    runId: text()
      .notNull()
      .references(() => agentRun.id, { onDelete: 'cascade' }),
    agentId: optionalAgentRef(),
    scoresJson: jsonb().$type<ScoreResults>().notNull(),
    scorerVersion: text().notNull().default('1'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex().on(t.runId, t.scorerVersion), ...agentEventOwned(t)],
);

export const feedbackThumbsValues = ['up', 'down'] as const;
export type FeedbackThumbs = (typeof feedbackThumbsValues)[number];

/**
 * A verdict on a run — thumbs, a 1–5 rating, a comment — one per giver (a user, or an API key) per run, updatable.
 */
export const agentFeedback = pgTable(
  'agent_feedback',
  {
    id: id(),
    tenantId: tenantId(),
    runId: text()
      .notNull()
      .references(() => agentRun.id, { onDelete: 'cascade' }),
    agentId: optionalAgentRef(),
    thumbs: text({ enum: feedbackThumbsValues }),
    rating: integer(),
    comment: text(),
    userId: text().references(() => user.id, { onDelete: 'set null' }),
    /** Who gave it: `user:<id>` or `apiKey:<id>` (one verdict each per run). */
    giver: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.runId, t.giver), index().on(t.userId), ...agentEventOwned(t)],
);

/** How a test case's answer is judged against its expected output. */
export const testMatchModeValues = ['contains', 'exact', 'regex', 'json-schema', 'scorer', 'llm-judge'] as const;
export type TestMatchMode = (typeof testMatchModeValues)[number];

/** A question the agent must answer well: its expected output and how the answer is matched against it. */
export const agentTestCase = pgTable(
  'agent_test_case',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    name: text().notNull(),
    inputText: text().notNull(),
    expectedOutput: text(),
    matchMode: text({ enum: testMatchModeValues }).notNull().default('contains'),
    /** The mode's settings: `{ schema }` for json-schema, `{ scorer, threshold }` for scorer, `{ criteria? }` for llm-judge. */
    matchConfig: jsonb().$type<JsonObject>(),
    /** A pinned case must never regress: a candidate version that fails it is not promoted. */
    pinned: boolean().notNull().default(false),
    /** The run this case was made from, if any. */
    sourceRunId: text().references(() => agentRun.id, { onDelete: 'set null' }),
    tags: textList(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.agentId), ...tenantOwned(t)],
);

export const testSuiteRunStatusValues = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type TestSuiteRunStatus = (typeof testSuiteRunStatusValues)[number];

/** One run of an agent's test suite (the cases of some tags, or all) against one version. */
export const agentTestSuiteRun = pgTable(
  'agent_test_suite_run',
  {
    id: id(),
    tenantId: tenantId(),
    agentId: agentRef(),
    versionId: text().references(() => agentVersion.id, { onDelete: 'set null' }),
    version: integer().notNull(),
    tags: textList(),
    status: text({ enum: testSuiteRunStatusValues }).notNull().default('QUEUED'),
    total: integer().notNull().default(0),
    done: integer().notNull().default(0),
    passed: integer().notNull().default(0),
    failed: integer().notNull().default(0),
    error: text(),
    createdBy: text(),
    createdAt: createdAt(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
  },
  (t) => [index().on(t.agentId, t.createdAt), ...tenantOwned(t)],
);

/** One execution of a test case against an agent version. */
export const agentTestRun = pgTable(
  'agent_test_run',
  {
    id: id(),
    tenantId: tenantId(),
    /** The suite run it belongs to (null for a case run on its own). */
    suiteRunId: text().references(() => agentTestSuiteRun.id, { onDelete: 'cascade' }),
    testCaseId: text()
      .notNull()
      .references(() => agentTestCase.id, { onDelete: 'cascade' }),
    agentId: agentRef(),
    versionId: text().references(() => agentVersion.id, { onDelete: 'set null' }),
    /** The TEST run that produced the output. */
    runId: text().references(() => agentRun.id, { onDelete: 'set null' }),
    outputText: text(),
    passed: boolean(),
    score: doublePrecision(),
    durationMs: integer(),
    error: text(),
    createdAt: createdAt(),
  },
  (t) => [
    ...agentEventOwned(t),
    index().on(t.testCaseId, t.createdAt),
    index().on(t.versionId),
    index().on(t.runId),
    uniqueIndex().on(t.suiteRunId, t.testCaseId),
  ],
);

export const agentEvaluationSelectSchema = createSelectSchema(agentEvaluation);
export const agentEvaluationInsertSchema = createInsertSchema(agentEvaluation);
export type AgentEvaluation = typeof agentEvaluation.$inferSelect;
export type NewAgentEvaluation = typeof agentEvaluation.$inferInsert;

export const agentFeedbackSelectSchema = createSelectSchema(agentFeedback);
export const agentFeedbackInsertSchema = createInsertSchema(agentFeedback, { rating: (s) => s.min(1).max(5) });
export type AgentFeedback = typeof agentFeedback.$inferSelect;
export type NewAgentFeedback = typeof agentFeedback.$inferInsert;

export const agentTestCaseSelectSchema = createSelectSchema(agentTestCase);
export const agentTestCaseInsertSchema = createInsertSchema(agentTestCase);
export type AgentTestCase = typeof agentTestCase.$inferSelect;
export type NewAgentTestCase = typeof agentTestCase.$inferInsert;

export const agentTestRunSelectSchema = createSelectSchema(agentTestRun);
export const agentTestRunInsertSchema = createInsertSchema(agentTestRun);
export type AgentTestRun = typeof agentTestRun.$inferSelect;
export type NewAgentTestRun = typeof agentTestRun.$inferInsert;

export const agentTestSuiteRunSelectSchema = createSelectSchema(agentTestSuiteRun);
export type AgentTestSuiteRun = typeof agentTestSuiteRun.$inferSelect;
