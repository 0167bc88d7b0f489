// API shapes of goals: the create body and the orchestrator's plan, parsed strictly. Types derive from the schemas.
import type { GoalPlan } from '@trellis/db';
import { z } from 'zod';

const slug = z.string().trim().min(1).max(200);

export const goalCreateSchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty').max(500),
    input: z.string().trim().min(1, 'input must not be empty').max(200_000),
    /** The planning agent (id or slug). */
    orchestrator: slug.default('assistant'),
    /** Slugs of the agents the plan may delegate steps to. */
    agents: z.array(slug).min(1, 'agents must name at least one agent').max(20),
    maxAttempts: z.number().int().min(1).max(10).default(3),
  })
  .strict();
export type GoalCreateInput = z.input<typeof goalCreateSchema>;

/** What the orchestrator must answer: `{ reasoning?, steps: [{ agentSlug, input }] }`, nothing else. */
export const goalPlanSchema = z
  .object({
    reasoning: z.string().max(10_000).optional(),
    steps: z
      .array(z.object({ agentSlug: slug, input: z.string().trim().min(1).max(200_000) }).strict())
      .min(1)
      .max(20),
  })
  .strict();
export type PlannedGoal = z.output<typeof goalPlanSchema>;

/**
 * The plan as stored on the goal: the allowed agents ride along so the worker knows them before planning (no steps
 * yet means not planned), and the orchestrator's run once it planned.
 */
export type StoredGoalPlan = GoalPlan & { agents: string[]; orchestratorRunId?: string | null };
