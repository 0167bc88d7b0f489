// API shapes of workflows: the trip request the trip planner takes (validated before anything is written), the body
// that starts a run, the runs list query and what one step hands to the next. Types derive from the schemas.
import { z } from 'zod';
import { pageParams } from '../pagination';

const MAX_NIGHTS = 60;
const NIGHT_MS = 24 * 60 * 60 * 1000;
const text = (max: number) => z.string().trim().min(1).max(max);

/** Nights between two ISO dates (`2027-05-01` → `2027-05-05`: 4). */
export const nightsBetween = (startDate: string, endDate: string) =>
  Math.round((Date.parse(endDate) - Date.parse(startDate)) / NIGHT_MS);

/**
 * A trip to plan: where, when (start and end dates, or a number of nights), who, how much and what for. Dates are
 * ISO days; with both dates and nights given, they must agree.
 */
export const tripRequestSchema = z
  .object({
    destination: text(200),
    /** Where the travellers leave from (for the transport step). */
    origin: text(200).optional(),
    startDate: z.iso.date().optional(),
    endDate: z.iso.date().optional(),
    nights: z.number().int().min(1).max(MAX_NIGHTS).optional(),
    travellers: z.number().int().min(1).max(20).default(1),
    /** The whole trip's budget, in `currency`. */
    budget: z.number().positive().max(10_000_000).optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'use a three-letter currency code, e.g. EUR')
      .transform((c) => c.toUpperCase())
      .default('USD'),
    interests: z.array(text(100)).max(20).default([]),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((trip, issues) => {
    const issue = (path: string, message: string) => issues.addIssue({ code: 'custom', path: [path], message });
    if (!trip.startDate !== !trip.endDate) {
      issue(trip.startDate ? 'endDate' : 'startDate', 'give both startDate and endDate, or neither');
      return;
    }
    if (trip.startDate && trip.endDate) {
      const nights = nightsBetween(trip.startDate, trip.endDate);
      if (nights < 1) issue('endDate', 'endDate must be after startDate');
      else if (nights > MAX_NIGHTS) issue('endDate', `a trip may last at most ${MAX_NIGHTS} nights`);
      else if (trip.nights !== undefined && trip.nights !== nights)
        issue('nights', `nights (${trip.nights}) does not match the dates (${nights} nights)`);
    } else if (trip.nights === undefined) issue('nights', 'give the number of nights, or startDate and endDate');
  });
export type TripRequest = z.output<typeof tripRequestSchema>;
export type TripRequestInput = z.input<typeof tripRequestSchema>;

/** POST /api/workflows/{workflowId}/runs: the workflow's input (checked against that workflow's own schema). */
export const workflowRunCreateSchema = z.object({ input: z.record(z.string(), z.unknown()) }).strict();
export type WorkflowRunCreateInput = z.input<typeof workflowRunCreateSchema>;

const runStatuses = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;

/** GET /api/workflows/{workflowId}/runs: newest first, a page at a time, optionally one status. */
export const workflowRunListQuerySchema = z.object({ status: z.enum(runStatuses).optional(), ...pageParams }).strict();
export type WorkflowRunListQuery = z.output<typeof workflowRunListQuerySchema>;

/** What a step hands to the steps after it: its agent's answer and the run that gave it. */
export const stepOutputSchema = z.object({ text: z.string(), runId: z.string().nullable() });
export type StepOutput = z.output<typeof stepOutputSchema>;

/** GET /api/workflows/{workflowId}: a code-defined workflow, its steps, its graph and its input's JSON Schema. */
export const workflowDescriptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  steps: z.array(
    z.object({
      id: z.string(),
      agentSlug: z.string(),
      title: z.string(),
      description: z.string(),
      /** The earlier steps whose outputs this step's input carries. */
      uses: z.array(z.string()),
    }),
  ),
  /** The steps of each stage in order: one step, or several run in parallel. */
  stages: z.array(z.array(z.string())),
  inputSchema: z.record(z.string(), z.unknown()),
});
export type WorkflowDescription = z.output<typeof workflowDescriptionSchema>;
