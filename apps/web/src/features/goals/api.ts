// Goal endpoints for the UI. Lists and details poll every two seconds while a goal is still queued or running, so
// progress shows without a reload, and stop once everything shown has finished.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post } from '@/lib/api';
import type { Goal, GoalDetail, GoalInput } from '@/lib/types';

export const goalKeys = {
  all: ['goals'] as const,
  list: ['goals', 'list'] as const,
  one: (id: string) => ['goals', 'one', id] as const,
};

const POLL_MS = 2000;
export const isActive = (g: Pick<Goal, 'status'>) => g.status === 'QUEUED' || g.status === 'RUNNING';

export const goalsQuery = () =>
  queryOptions({
    queryKey: goalKeys.list,
    queryFn: () => get<{ goals: Goal[] }>('/api/goals').then((r) => r.goals),
    refetchInterval: (q) => (q.state.data?.some(isActive) ? POLL_MS : false),
  });

export const goalQuery = (id: string) =>
  queryOptions({
    queryKey: goalKeys.one(id),
    queryFn: () => get<GoalDetail>(`/api/goals/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data) ? POLL_MS : false),
  });

export function useCreateGoal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: GoalInput) => post<Goal>('/api/goals', input),
    onSuccess: () => client.invalidateQueries({ queryKey: goalKeys.all }),
  });
}

export function useCancelGoal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<GoalDetail>(`/api/goals/${encodeURIComponent(id)}/cancel`),
    onSuccess: (goal) => {
      client.setQueryData(goalKeys.one(goal.id), goal);
      return client.invalidateQueries({ queryKey: goalKeys.all });
    },
  });
}
