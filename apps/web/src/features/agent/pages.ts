// The pages of an agent, in navigation order. Each later feature adds its page here and in router.tsx.
export interface AgentPage {
  path: string;
  label: string;
  /** Pages whose feature has not shipped yet say so instead of showing data. */
  comingWith?: string;
}

export const agentPages: AgentPage[] = [
  { path: 'overview', label: 'Overview' },
  { path: 'configure', label: 'Configure' },
  { path: 'test', label: 'Test' },
  { path: 'runs', label: 'Runs' },
  { path: 'versions', label: 'Versions' },
  { path: 'analytics', label: 'Analytics' },
  { path: 'traces', label: 'Traces' },
  { path: 'evaluations', label: 'Evaluations' },
  { path: 'costs', label: 'Costs' },
  { path: 'guardrails', label: 'Guardrails' },
  { path: 'learning', label: 'Learning' },
];
