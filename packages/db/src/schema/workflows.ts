// Workflows (SPEC §1/§3): a run of a code-defined Mastra workflow (the trip planner) and its steps, each step a run of
// one agent. Statuses reuse the run lifecycle.
import { index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import { createdAt, id, tenantId, tenantOwned, timestamptz, updatedAt } from './columns';
import { runStatus } from './enums';
import type { JsonObject } from './json';
import { agentRun } from './runs';

export const workflowRun = pgTable(
  'workflow_run',
  {
    id: id(),
    tenantId: tenantId(),
    /** The workflow's id in the code registry (e.g. `trip-planner`). */
    workflowId: text().notNull(),
    status: runStatus().notNull().default('QUEUED'),
    inputJson: jsonb().$type<JsonObject>().notNull(),
    outputJson: jsonb().$type<JsonObject>(),
    error: text(),
    /** User or API key id that started the run. */
    createdBy: text(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.tenantId, t.workflowId, t.createdAt), ...tenantOwned(t)],
);

export const workflowStep = pgTable(
  'workflow_step',
  {
    id: id(),
    tenantId: tenantId(),
    workflowRunId: text()
      .notNull()
      .references(() => workflowRun.id, { onDelete: 'cascade' }),
    /** The step's id in the workflow (e.g. `accommodation`). */
    stepId: text().notNull(),
    agentSlug: text().notNull(),
    status: runStatus().notNull().default('QUEUED'),
    inputText: text(),
    outputText: text(),
    /** The agent run of this step. */
    runId: text().references(() => agentRun.id, { onDelete: 'set null' }),
    error: text(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.workflowRunId, t.stepId), index().on(t.runId), ...tenantOwned(t)],
);

export const workflowRunSelectSchema = createSelectSchema(workflowRun);
export type WorkflowRun = typeof workflowRun.$inferSelect;
export type NewWorkflowRun = typeof workflowRun.$inferInsert;
export const workflowStepSelectSchema = createSelectSchema(workflowStep);
export type WorkflowStep = typeof workflowStep.$inferSelect;
export type NewWorkflowStep = typeof workflowStep.$inferInsert;
