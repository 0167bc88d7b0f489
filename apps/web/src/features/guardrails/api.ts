// Guardrails for the UI: an agent's policies (its own, the organization's it inherits, the one in force), saving
// either scope (each save is a new version), and the agent's guardrail events page by page.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, put, qs } from '@/lib/api';
import type { GuardrailConfig, GuardrailEvent, Guardrails } from '@/lib/types';
import type { GuardrailEventFilters } from './search';

/** Whose policy a form edits: the agent's own, or the organization's that every agent inherits. */
export type PolicyScope = 'agent' | 'organization';

const agentPath = (slug: string) => `/api/agents/${encodeURIComponent(slug)}/guardrails`;
const EVENTS_PAGE = 25;

export const guardrailKeys = {
  policies: ['guardrails', 'policies'] as const,
  policy: (slug: string) => ['guardrails', 'policies', slug] as const,
  events: (slug: string, filters: GuardrailEventFilters) => ['guardrails', 'events', slug, filters] as const,
};

export const guardrailsQuery = (slug: string) =>
  queryOptions({ queryKey: guardrailKeys.policy(slug), queryFn: () => get<Guardrails>(agentPath(slug)) });

/** Saves a new version of a scope's policy; an organization save changes what is in force for every agent. */
export function usePutGuardrails(slug: string, scope: PolicyScope) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (configJson: GuardrailConfig) =>
      put<Guardrails>(scope === 'agent' ? agentPath(slug) : '/api/guardrails', { configJson }),
    onSuccess: (saved) =>
      scope === 'agent'
        ? client.setQueryData(guardrailKeys.policy(slug), saved)
        : client.invalidateQueries({ queryKey: guardrailKeys.policies }),
  });
}

export const guardrailEventsQuery = (slug: string, filters: GuardrailEventFilters) =>
  infiniteQueryOptions({
    queryKey: guardrailKeys.events(slug, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<{ events: GuardrailEvent[]; nextCursor: string | null }>(
        `${agentPath(slug)}/events${qs({ ...filters, limit: EVENTS_PAGE, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
