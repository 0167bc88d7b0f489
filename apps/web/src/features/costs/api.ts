// Costs, budgets and price overrides for the UI: one query-options factory or mutation hook per endpoint. A budget
// belongs to an agent (its slug or id) or, without one, to the whole organization.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put, qs } from '@/lib/api';
import type {
  AgentCosts,
  Budget,
  BudgetInput,
  CostRecommendation,
  PriceOverride,
  PriceOverrideInput,
  Prices,
} from '@/lib/types';
import { agentKeys } from '../agent/api';

const agentPath = (slug: string) => `/api/agents/${encodeURIComponent(slug)}`;
/** The budget endpoint of an agent, or of the organization when `slug` is undefined. */
const budgetPath = (slug: string | undefined) => (slug ? `${agentPath(slug)}/budget` : '/api/budget');

export const costKeys = {
  costs: (slug: string) => [...agentKeys.one(slug), 'costs'] as const,
  month: (slug: string, month: string) => [...agentKeys.one(slug), 'costs', month] as const,
  budget: (slug: string | undefined) => ['budget', slug ?? 'organization'] as const,
  prices: ['prices'] as const,
};

export const costsQuery = (slug: string, month: string) =>
  queryOptions({
    queryKey: costKeys.month(slug, month),
    queryFn: () => get<AgentCosts>(`${agentPath(slug)}/costs${qs({ month })}`),
  });

export function useRecomputeRecommendations(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      post<{ recommendations: CostRecommendation[] }>(`${agentPath(slug)}/costs/recommendations`).then(
        (r) => r.recommendations,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: costKeys.costs(slug) }),
  });
}

export const budgetQuery = (slug: string | undefined) =>
  queryOptions({ queryKey: costKeys.budget(slug), queryFn: () => get<Budget>(budgetPath(slug)) });

export function usePutBudget(slug: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BudgetInput) => put<Budget>(budgetPath(slug), input),
    onSuccess: (budget) => client.setQueryData(costKeys.budget(slug), budget),
  });
}

export function useDeleteBudget(slug: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => del<{ deleted: boolean }>(budgetPath(slug)),
    onSuccess: () => client.invalidateQueries({ queryKey: costKeys.budget(slug) }),
  });
}

export const pricesQuery = () =>
  queryOptions({
    queryKey: costKeys.prices,
    queryFn: () => get<Prices>('/api/prices').then((r) => r.overrides),
  });

export function usePutPrice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PriceOverrideInput) => put<PriceOverride>('/api/prices', input),
    onSuccess: () => client.invalidateQueries({ queryKey: costKeys.prices }),
  });
}

export function useDeletePrice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (key: Pick<PriceOverride, 'provider' | 'modelName'>) => del(`/api/prices${qs(key)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: costKeys.prices }),
  });
}
