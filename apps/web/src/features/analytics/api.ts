// Analytics of an agent for the UI: the query options of GET /api/agents/{id}/analytics over a range of UTC days.
import { queryOptions } from '@tanstack/react-query';
import { get, qs } from '@/lib/api';
import type { AgentAnalytics } from '@/lib/types';
import { agentKeys } from '../agent/api';

export const analyticsQuery = (slug: string, from: string, to: string) =>
  queryOptions({
    queryKey: [...agentKeys.one(slug), 'analytics', from, to] as const,
    queryFn: () => get<AgentAnalytics>(`/api/agents/${encodeURIComponent(slug)}/analytics${qs({ from, to })}`),
  });
