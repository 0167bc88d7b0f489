// /alerts: every alert of the organization — cost, guardrail, evaluation and system — newest first, filtered by
// status, source, severity and agent (all in the URL), each resolvable while open.
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { agentsQuery } from '../agent/api';
import { AlertList } from './alert-list';
import { alertsQuery } from './api';

const route = getRouteApi('/app/alerts');
const LIMIT = 200;

const filters = {
  status: { label: 'Status', options: ['open', 'resolved', 'all'] },
  source: { label: 'Source', options: ['COST', 'GUARDRAIL', 'EVAL', 'LEARNING', 'SYSTEM'] },
  severity: { label: 'Severity', options: ['CRITICAL', 'WARNING', 'INFO'] },
} as const;

export function AlertsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const agents = useQuery(agentsQuery());
  const byId = useMemo(
    () => new Map((agents.data ?? []).map((a) => [a.id, { slug: a.slug, name: a.name }])),
    [agents.data],
  );
  const agentId = search.agent ? agents.data?.find((a) => a.slug === search.agent)?.id : undefined;
  const alerts = useQuery({
    ...alertsQuery({
      status: search.status ?? 'open',
      source: search.source,
      severity: search.severity,
      agentId: search.agent,
      limit: LIMIT,
    }),
  });
  const set = (key: keyof typeof search, value: string) =>
    navigate({ search: (prev) => ({ ...prev, [key]: value || undefined }) });

  return (
    <main className="mx-auto grid max-w-5xl gap-6 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold">Alerts</h1>
        <p className="text-sm text-muted-foreground">
          Budget thresholds, interrupted runs and goals, and what guardrails and evaluations raise — for every agent.
        </p>
      </div>
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="sr-only">Filter alerts</legend>
        {(Object.keys(filters) as (keyof typeof filters)[]).map((key) => (
          <div key={key} className="grid gap-1.5">
            <Label htmlFor={`alerts-${key}`}>{filters[key].label}</Label>
            <Select
              id={`alerts-${key}`}
              value={key === 'status' ? (search.status ?? 'open') : (search[key] ?? '')}
              onChange={(e) => set(key, e.target.value)}
            >
              {key !== 'status' && <option value="">any</option>}
              {filters[key].options.map((o) => (
                <option key={o} value={o}>
                  {o.toLowerCase()}
                </option>
              ))}
            </Select>
          </div>
        ))}
        <div className="grid gap-1.5">
          <Label htmlFor="alerts-agent">Agent</Label>
          <Select id="alerts-agent" value={search.agent ?? ''} onChange={(e) => set('agent', e.target.value)}>
            <option value="">any</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.slug}>
                {a.name}
              </option>
            ))}
          </Select>
        </div>
      </fieldset>
      {alerts.isPending ? (
        <Spinner />
      ) : alerts.error ? (
        <ErrorNotice error={alerts.error} />
      ) : alerts.data.length ? (
        <AlertList alerts={alerts.data} label={agentId ? 'Alerts of the agent' : 'Alerts'} agents={byId} />
      ) : (
        <EmptyState title={search.status === 'resolved' || search.status === 'all' ? 'No alerts' : 'No open alerts'}>
          Nothing matches these filters. Alerts appear here when a budget threshold is crossed or a process stops with
          work in flight.
        </EmptyState>
      )}
    </main>
  );
}
