// Workflow endpoints for the UI: the code-defined workflows, a workflow's runs and one run with its steps. Runs poll
// every second while queued or running, so the step graph moves without a reload, and stop soon after they finished.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post } from '@/lib/api';
import type { TripInput, Workflow, WorkflowRun, WorkflowRunDetail } from '@/lib/types';

export const workflowKeys = {
  all: ['workflows'] as const,
  list: ['workflows', 'list'] as const,
  runs: (workflowId: string) => ['workflows', 'runs', workflowId] as const,
  run: (workflowId: string, runId: string) => ['workflows', 'run', workflowId, runId] as const,
};

const POLL_MS = 1000;
export const isActive = (r: Pick<WorkflowRun, 'status'>) => r.status === 'QUEUED' || r.status === 'RUNNING';
/** A run cancelled a moment ago still gains the links to its steps' cancelled runs: it is followed a little longer. */
const SETTLE_MS = 5000;
const settling = (r: Pick<WorkflowRun, 'status' | 'completedAt'>) =>
  isActive(r) || (r.completedAt !== null && Date.now() - Date.parse(r.completedAt) < SETTLE_MS);
const runsPath = (workflowId: string) => `/api/workflows/${encodeURIComponent(workflowId)}/runs`;

export const workflowsQuery = () =>
  queryOptions({
    queryKey: workflowKeys.list,
    queryFn: () => get<{ workflows: Workflow[] }>('/api/workflows').then((r) => r.workflows),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const workflowRunsQuery = (workflowId: string) =>
  queryOptions({
    queryKey: workflowKeys.runs(workflowId),
    queryFn: () => get<{ runs: WorkflowRun[] }>(`${runsPath(workflowId)}?limit=50`).then((r) => r.runs),
    refetchInterval: (q) => (q.state.data?.some(isActive) ? POLL_MS : false),
  });

export const workflowRunQuery = (workflowId: string, runId: string) =>
  queryOptions({
    queryKey: workflowKeys.run(workflowId, runId),
    queryFn: () => get<WorkflowRunDetail>(`${runsPath(workflowId)}/${encodeURIComponent(runId)}`),
    refetchInterval: (q) => (q.state.data && settling(q.state.data) ? POLL_MS : false),
  });

export function useStartWorkflowRun(workflowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TripInput) =>
      post<{ workflowRunId: string; status: WorkflowRun['status'] }>(runsPath(workflowId), { input }),
    onSuccess: () => client.invalidateQueries({ queryKey: workflowKeys.runs(workflowId) }),
  });
}

export function useCancelWorkflowRun(workflowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      post<WorkflowRunDetail>(`${runsPath(workflowId)}/${encodeURIComponent(runId)}/cancel`),
    onSuccess: (run) => {
      client.setQueryData(workflowKeys.run(workflowId, run.id), run);
      return client.invalidateQueries({ queryKey: workflowKeys.runs(workflowId) });
    },
  });
}
