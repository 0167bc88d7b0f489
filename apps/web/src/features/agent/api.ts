// Agent endpoints for the UI: one query-options factory or mutation hook per endpoint.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put, qs } from '@/lib/api';
import type {
  Agent,
  AgentListItem,
  AgentVersion,
  Overview,
  ProviderInfo,
  Run,
  RunDetail,
  RunTrace,
  ScorerInfo,
  ThreadRun,
  ToolInfo,
} from '@/lib/types';

export const agentKeys = {
  all: ['agents'] as const,
  list: (filters: Record<string, string | undefined>) => ['agents', 'list', filters] as const,
  one: (slug: string) => ['agents', 'one', slug] as const,
  versions: (slug: string) => ['agents', 'one', slug, 'versions'] as const,
  runs: (slug: string, filters: Record<string, string | undefined>) =>
    ['agents', 'one', slug, 'runs', filters] as const,
  run: (slug: string, runId: string) => ['agents', 'one', slug, 'run', runId] as const,
  trace: (slug: string, runId: string) => ['agents', 'one', slug, 'run', runId, 'trace'] as const,
  overview: (slug: string) => ['agents', 'one', slug, 'overview'] as const,
  threads: (slug: string) => ['agents', 'one', slug, 'threads'] as const,
  thread: (slug: string, threadId: string) => ['agents', 'one', slug, 'thread', threadId] as const,
};

export const agentsQuery = (filters: { q?: string; type?: string; modelProvider?: string; active?: string } = {}) =>
  queryOptions({
    queryKey: agentKeys.list(filters),
    queryFn: () => get<{ agents: AgentListItem[] }>(`/api/agents${qs(filters)}`).then((r) => r.agents),
  });

export const agentQuery = (slug: string) =>
  queryOptions({ queryKey: agentKeys.one(slug), queryFn: () => get<Agent>(`/api/agents/${encodeURIComponent(slug)}`) });

export const modelsQuery = () =>
  queryOptions({
    queryKey: ['models'],
    queryFn: () => get<{ providers: ProviderInfo[] }>('/api/models').then((r) => r.providers),
    staleTime: 300_000,
  });
export const toolsQuery = () =>
  queryOptions({
    queryKey: ['tools'],
    queryFn: () => get<{ tools: ToolInfo[] }>('/api/agents/tools').then((r) => r.tools),
    staleTime: 300_000,
  });
export const scorersQuery = () =>
  queryOptions({
    queryKey: ['scorers'],
    queryFn: () => get<{ scorers: ScorerInfo[] }>('/api/agents/scorers').then((r) => r.scorers),
    staleTime: 300_000,
  });

export const versionsQuery = (slug: string) =>
  queryOptions({
    queryKey: agentKeys.versions(slug),
    queryFn: () =>
      get<{ versions: AgentVersion[] }>(`/api/agents/${encodeURIComponent(slug)}/versions`).then((r) => r.versions),
  });

export type RunFilters = {
  status?: string;
  runType?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: string;
};
export const runsQuery = (slug: string, filters: RunFilters) =>
  queryOptions({
    queryKey: agentKeys.runs(slug, filters),
    queryFn: () =>
      get<{ runs: Run[]; nextCursor: string | null }>(`/api/agents/${encodeURIComponent(slug)}/runs${qs(filters)}`),
  });

export const runQuery = (slug: string, runId: string) =>
  queryOptions({
    queryKey: agentKeys.run(slug, runId),
    queryFn: () => get<RunDetail>(`/api/agents/${encodeURIComponent(slug)}/runs/${encodeURIComponent(runId)}`),
  });

/** A finished run's trace (the API answers 404 while a run has none yet). */
export const traceQuery = (slug: string, runId: string) =>
  queryOptions({
    queryKey: agentKeys.trace(slug, runId),
    queryFn: () => get<RunTrace>(`/api/agents/${encodeURIComponent(slug)}/runs/${encodeURIComponent(runId)}/trace`),
  });

export const overviewQuery = (slug: string) =>
  queryOptions({
    queryKey: agentKeys.overview(slug),
    queryFn: () => get<Overview>(`/api/agents/${encodeURIComponent(slug)}/overview`),
  });

export interface ThreadSummary {
  threadId: string;
  runs: number;
  title: string;
  lastActivityAt: string;
}
export const threadsQuery = (slug: string) =>
  queryOptions({
    queryKey: agentKeys.threads(slug),
    queryFn: () =>
      get<{ threads: ThreadSummary[] }>(`/api/agents/${encodeURIComponent(slug)}/threads`).then((r) => r.threads),
  });
export const threadQuery = (slug: string, threadId: string) =>
  queryOptions({
    queryKey: agentKeys.thread(slug, threadId),
    queryFn: () =>
      get<{ runs: ThreadRun[] }>(
        `/api/agents/${encodeURIComponent(slug)}/threads/${encodeURIComponent(threadId)}`,
      ).then((r) => r.runs),
  });

export type AgentInput = Partial<
  Omit<Agent, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt' | 'ownerId' | 'type'>
> & { versionDescription?: string };

export function useCreateAgent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentInput) => post<Agent>('/api/agents', input),
    onSuccess: () => client.invalidateQueries({ queryKey: agentKeys.all }),
  });
}

export function useUpdateAgent(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentInput) => put<Agent>(`/api/agents/${encodeURIComponent(slug)}`, input),
    onSuccess: (agent) => {
      client.setQueryData(agentKeys.one(agent.slug), agent);
      return client.invalidateQueries({ queryKey: agentKeys.all });
    },
  });
}

export function useDeleteAgent(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => del(`/api/agents/${encodeURIComponent(slug)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: agentKeys.all }),
  });
}

export function useRollback(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      post<Agent>(`/api/agents/${encodeURIComponent(slug)}/versions/${version}/rollback`),
    onSuccess: (agent) => {
      client.setQueryData(agentKeys.one(agent.slug), agent);
      return client.invalidateQueries({ queryKey: agentKeys.all });
    },
  });
}

/** After a run changes or a new one starts: the lists and figures that show runs refetch. */
const refreshRuns = (client: ReturnType<typeof useQueryClient>, slug: string) =>
  Promise.all([
    client.invalidateQueries({ queryKey: [...agentKeys.one(slug), 'runs'] }),
    client.invalidateQueries({ queryKey: agentKeys.overview(slug) }),
  ]);

export function useCancelRun(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      post<RunDetail>(`/api/agents/${encodeURIComponent(slug)}/runs/${encodeURIComponent(runId)}/cancel`),
    onSuccess: (run) => {
      client.setQueryData(agentKeys.run(slug, run.id), run);
      return refreshRuns(client, slug);
    },
  });
}

/** Runs again with the same input; the new run's parentRunId is the original. */
export function useRerun(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      post<RunDetail>(`/api/agents/${encodeURIComponent(slug)}/runs/${encodeURIComponent(runId)}/rerun`),
    onSuccess: (run) => {
      client.setQueryData(agentKeys.run(slug, run.id), run);
      return refreshRuns(client, slug);
    },
  });
}
