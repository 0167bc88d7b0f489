// The code-defined workflows (today the trip planner) and how the API describes one: its steps, its input's JSON
// Schema and its graph as stages — read from the committed Mastra workflow, so the description is the graph that runs.
import type { SerializedStepFlowEntry } from '@mastra/core/workflows';
import { z } from 'zod';
import { notFound } from '../errors';
import type { WorkflowDefinition } from './definition';
import type { WorkflowDescription } from './schemas';
import { tripPlanner } from './trip-planner';

const definitions: WorkflowDefinition[] = [tripPlanner];

/** The workflow with this id, or a 404. */
export function workflowDefinition(workflowId: string): WorkflowDefinition {
  const found = definitions.find((d) => d.id === workflowId);
  if (!found) throw notFound('Workflow', workflowId);
  return found;
}

/** The ids of the steps that run at each stage, in order: one id, or several that run in parallel. */
function stagesOf(graph: SerializedStepFlowEntry[]): string[][] {
  return graph.map((entry) => {
    if (entry.type === 'step') return [entry.step.id];
    if (entry.type === 'parallel') return entry.steps.flatMap((s) => (s.type === 'step' ? [s.step.id] : []));
    throw new Error(`workflow graph entry '${entry.type}' is not described`);
  });
}

const notExecutable = async () => {
  throw new Error('described, not executed');
};

/** The API's view of a workflow. */
export function describeWorkflow(definition: WorkflowDefinition): WorkflowDescription {
  const graph = definition.build(notExecutable).serializedStepGraph;
  return {
    id: definition.id,
    name: definition.name,
    description: definition.description,
    steps: definition.steps.map(({ id, agentSlug, title, description, uses }) => ({
      id,
      agentSlug,
      title,
      description,
      uses,
    })),
    stages: stagesOf(graph),
    inputSchema: z.toJSONSchema(definition.inputSchema, { io: 'input' }) as Record<string, unknown>,
  };
}

const described = new Map<string, WorkflowDescription>();

/** Every code-defined workflow, described (once per process). */
export function listWorkflows(): WorkflowDescription[] {
  return definitions.map((d) => getWorkflow(d.id));
}

/** One workflow, described; 404 for an unknown id. */
export function getWorkflow(workflowId: string): WorkflowDescription {
  const definition = workflowDefinition(workflowId);
  let view = described.get(definition.id);
  if (!view) {
    view = describeWorkflow(definition);
    described.set(definition.id, view);
  }
  return view;
}
