// Alerts and their destinations for the UI: one query-options factory or mutation hook per endpoint.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { del, get, post, qs } from '@/lib/api';
import type { Alert, AlertDestination, AlertDestinationInput } from '@/lib/types';

export interface AlertFilters {
  /** The agent's id or slug. */
  agentId?: string;
  status?: 'open' | 'resolved' | 'all';
  source?: Alert['source'];
  severity?: Alert['severity'];
  limit?: number;
}

export const alertKeys = {
  all: ['alerts'] as const,
  list: (filters: AlertFilters) => ['alerts', 'list', filters] as const,
  destinations: ['alert-destinations'] as const,
};

export const alertsQuery = (filters: AlertFilters) =>
  queryOptions({
    queryKey: alertKeys.list(filters),
    queryFn: () => get<{ alerts: Alert[] }>(`/api/alerts${qs({ ...filters })}`).then((r) => r.alerts),
  });

export function useResolveAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => post<Alert>(`/api/alerts/${encodeURIComponent(alertId)}/resolve`),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export const destinationsQuery = () =>
  queryOptions({
    queryKey: alertKeys.destinations,
    queryFn: () => get<{ destinations: AlertDestination[] }>('/api/alert-destinations').then((r) => r.destinations),
  });

export function useCreateDestination() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertDestinationInput) => post<AlertDestination>('/api/alert-destinations', input),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.destinations }),
  });
}

export function useDeleteDestination() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => del(`/api/alert-destinations/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.destinations }),
  });
}
