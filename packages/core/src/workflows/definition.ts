// What a code-defined workflow is: steps, each one agent's run, wired into a Mastra workflow graph. `agentStep` makes
// the Mastra step of a step: its input is the step's task for the workflow input plus the outputs of the earlier
// steps it uses, and running it is left to the StepRunner the executor hands in (execute.ts).
import { noopLogger } from '@mastra/core/logger';
import { type AnyWorkflow, createStep } from '@mastra/core/workflows';
import type { JsonObject } from '@trellis/db';
import { z } from 'zod';
import { type StepOutput, stepOutputSchema } from './schemas';

export interface WorkflowStepSpec<I> {
  /** The step's id in the workflow (a workflow_step's stepId). */
  id: string;
  /** The agent whose run the step is. */
  agentSlug: string;
  title: string;
  /** What the step asks of its agent, in general. */
  description: string;
  /** The earlier steps whose outputs the step's input carries, in this order. */
  uses: string[];
  /** The step's task for this workflow input. */
  task(input: I): string;
}

/** Runs one step: its agent on `input`, recorded; throws when the step did not complete. */
export type StepRunner = (step: WorkflowStepSpec<unknown>, input: string) => Promise<StepOutput>;

export interface WorkflowDefinition<I = unknown> {
  id: string;
  name: string;
  description: string;
  inputSchema: z.ZodType<I, Record<string, unknown>>;
  steps: WorkflowStepSpec<I>[];
  /** The input in a line or two, at the head of every step's input. */
  brief(input: I): string;
  /** The Mastra workflow of the steps (committed), each step run through `runStep`. */
  build(runStep: StepRunner): AnyWorkflow;
  /** The run's outputJson once every step completed, from the steps' outputs by id. */
  output(outputs: Record<string, StepOutput>): JsonObject;
}

/** An earlier step's output is cut to this many characters in a later step's input. */
const FINDING_MAX_CHARS = 12_000;

/** A step's input: its task, the workflow input in brief, then the earlier steps' outputs it uses. */
export function stepInput<I>(
  definition: WorkflowDefinition<I>,
  step: WorkflowStepSpec<I>,
  input: I,
  outputs: Record<string, StepOutput>,
): string {
  const findings = step.uses.map((id) => {
    const used = definition.steps.find((s) => s.id === id);
    const text = outputs[id]?.text ?? '';
    const shown = text.length > FINDING_MAX_CHARS ? `${text.slice(0, FINDING_MAX_CHARS)}… (cut)` : text;
    return `### ${used?.title ?? id} (${used?.agentSlug ?? id})\n${shown.trim() || '(no output)'}`;
  });
  return [
    step.task(input),
    definition.brief(input),
    ...(findings.length ? ['Findings of the earlier steps:', ...findings] : []),
  ].join('\n\n');
}

/** The Mastra step of `step`: reads the workflow input and the used steps' outputs, then runs through `runStep`. */
export function agentStep<I>(definition: WorkflowDefinition<I>, step: WorkflowStepSpec<I>, runStep: StepRunner) {
  return createStep({
    id: step.id,
    description: step.description,
    // Each step reads what it needs itself (the workflow input, the steps it uses), whatever the step before handed on.
    inputSchema: z.any(),
    outputSchema: stepOutputSchema,
    execute: async ({ getInitData, getStepResult }) => {
      const outputs = Object.fromEntries(step.uses.map((id) => [id, getStepResult<StepOutput>(id)]));
      const input = stepInput(definition, step, getInitData<I>(), outputs);
      return runStep(step as WorkflowStepSpec<unknown>, input);
    },
  });
}

/** Commits `workflow` with Mastra's own logging off (a failed step is recorded by us, not printed). */
export function committed<W extends AnyWorkflow>(workflow: W): W {
  const built = workflow.commit() as W;
  built.__setLogger(noopLogger);
  return built;
}
