// Goal orchestration (SPEC §10 execute-goal / retry-goal): a goal an orchestrator agent plans into steps, each
// step a run of one agent. Statuses reuse the run lifecycle.
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { optionalAgentRef } from './agents';
import { counter, createdAt, id, tenantId, tenantOwned, timestamptz, updatedAt } from './columns';
import { runStatus } from './enums';
import type { GoalPlan } from './json';
import { agentRun } from './runs';

export const goal = pgTable(
  'goal',
  {
    id: id(),
    tenantId: tenantId(),
    /** The planning agent; null when it is code-defined or was deleted. */
    orchestratorAgentId: optionalAgentRef(),
    title: text().notNull(),
    inputText: text().notNull(),
    status: runStatus().notNull().default('QUEUED'),
    plan: jsonb().$type<GoalPlan>(),
    result: text(),
    error: text(),
    attempts: counter(),
    maxAttempts: integer().notNull().default(3),
    /** When a failed goal is due for `goal/retry`; null when no retry is scheduled. */
    nextRetryAt: timestamptz(),
    /** User or API key id that submitted the goal. */
    createdBy: text(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantOwned(t),
    index().on(t.orchestratorAgentId),
    index().on(t.tenantId, t.status),
    index().on(t.nextRetryAt),
  ],
);

export const goalStep = pgTable(
  'goal_step',
  {
    id: id(),
    tenantId: tenantId(),
    goalId: text()
      .notNull()
      .references(() => goal.id, { onDelete: 'cascade' }),
    stepNumber: integer().notNull(),
    agentSlug: text().notNull(),
    inputText: text().notNull(),
    outputText: text(),
    status: runStatus().notNull().default('QUEUED'),
    /** The latest run of this step. */
    runId: text().references(() => agentRun.id, { onDelete: 'set null' }),
    attempts: counter(),
    error: text(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.goalId, t.stepNumber), index().on(t.runId), ...tenantOwned(t)],
);

export const goalSelectSchema = createSelectSchema(goal);
export const goalInsertSchema = createInsertSchema(goal);
export type Goal = typeof goal.$inferSelect;
export type NewGoal = typeof goal.$inferInsert;

export const goalStepSelectSchema = createSelectSchema(goalStep);
export const goalStepInsertSchema = createInsertSchema(goalStep);
export type GoalStep = typeof goalStep.$inferSelect;
export type NewGoalStep = typeof goalStep.$inferInsert;
