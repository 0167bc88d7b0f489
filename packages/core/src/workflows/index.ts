// Workflows: code-defined Mastra workflows (the trip planner) whose steps are recorded runs of the organization's
// agents, executed as jobs and resumed after a crash.
export type { StepRunner, WorkflowDefinition, WorkflowStepSpec } from './definition';
export * from './execute';
export * from './progress';
export * from './recovery';
export * from './registry';
export * from './schemas';
export * from './service';
