// /workspace: the organization's agents as a grid with search, filters (type, model, active) and sort, each card
// showing its model, status and recent activity. Filters live in the URL so a view can be shared.
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Activity, Bot, Search, Wrench } from 'lucide-react';
import { useMemo } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Can } from '@/lib/access';
import { type AgentListItem, DEMO_LABEL, DEMO_PROVIDER } from '@/lib/types';
import { timeAgo } from '@/lib/utils';
import { agentsQuery } from '../agent/api';
import { CreateAgentDialog } from './create-agent-dialog';

type WorkspaceSearch = {
  q?: string;
  type?: 'SYSTEM' | 'USER';
  model?: string;
  active?: 'true' | 'false';
  sort?: 'name' | 'recent' | 'model';
};

export function ModelBadge({ provider, name }: { provider: string; name: string }) {
  if (provider === DEMO_PROVIDER) return <Badge variant="warning">{DEMO_LABEL}</Badge>;
  return (
    <Badge variant="secondary" title={`${provider} / ${name}`}>
      {name}
    </Badge>
  );
}

function AgentCard({ agent }: { agent: AgentListItem }) {
  const a = agent.activity;
  return (
    <Card className="group relative flex flex-col gap-3 p-4 transition-shadow hover:shadow-md">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="truncate font-semibold">
            <Link
              to="/workspace/$agentSlug/overview"
              params={{ agentSlug: agent.slug }}
              className="after:absolute after:inset-0 focus-visible:outline-none"
            >
              {agent.name}
            </Link>
          </h2>
          <p className="truncate text-xs text-muted-foreground">{agent.slug}</p>
        </div>
        <Badge variant={agent.isActive ? 'default' : 'outline'}>{agent.isActive ? 'Active' : 'Inactive'}</Badge>
      </div>
      <p className="line-clamp-2 min-h-10 text-sm text-muted-foreground">{agent.description || agent.instructions}</p>
      <div className="flex flex-wrap items-center gap-1.5">
        <ModelBadge provider={agent.modelProvider} name={agent.modelName} />
        {agent.type === 'SYSTEM' && <Badge variant="outline">System</Badge>}
        {agent.tools.length > 0 && (
          <Badge variant="outline" title={agent.tools.join(', ')}>
            <Wrench className="size-3" aria-hidden /> {agent.tools.length} {agent.tools.length === 1 ? 'tool' : 'tools'}
          </Badge>
        )}
      </div>
      <p className="mt-auto flex items-center gap-1.5 text-xs text-muted-foreground">
        <Activity className="size-3" aria-hidden />
        {a?.lastRunAt ? (
          <>
            Last run {timeAgo(a.lastRunAt)} · {a.runs7d} runs in 7 days{a.failed7d ? ` · ${a.failed7d} failed` : ''}
          </>
        ) : (
          'No runs yet'
        )}
      </p>
    </Card>
  );
}

export function WorkspacePage() {
  const search = useSearch({ from: '/app/workspace' }) as WorkspaceSearch;
  const navigate = useNavigate({ from: '/workspace' });
  const set = (patch: Partial<WorkspaceSearch>) =>
    navigate({ search: (prev: WorkspaceSearch) => ({ ...prev, ...patch }), replace: true });
  const query = useQuery(agentsQuery({ q: search.q, type: search.type, active: search.active }));
  const models = useMemo(() => [...new Set((query.data ?? []).map((a) => a.modelName))].sort(), [query.data]);
  const agents = useMemo(() => {
    const list = (query.data ?? []).filter((a) => !search.model || a.modelName === search.model);
    const by = search.sort ?? 'name';
    return [...list].sort((x, y) =>
      by === 'recent'
        ? (y.activity?.lastRunAt ?? '').localeCompare(x.activity?.lastRunAt ?? '')
        : by === 'model'
          ? x.modelName.localeCompare(y.modelName) || x.name.localeCompare(y.name)
          : x.name.localeCompare(y.name),
    );
  }, [query.data, search.model, search.sort]);

  const filtered = !!(search.q || search.type || search.model || search.active);
  return (
    <main className="mx-auto max-w-7xl p-4 sm:p-6">
      <div className="mb-5 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Agents</h1>
          <p className="text-sm text-muted-foreground">Define, run and watch your organization's agents.</p>
        </div>
        <Can need="manage">
          <CreateAgentDialog />
        </Can>
      </div>
      <search className="mb-5 grid gap-2 sm:grid-cols-[1fr_repeat(4,auto)]">
        <div className="relative">
          <Search className="absolute left-3 top-2.5 size-4 text-muted-foreground" aria-hidden />
          <Input
            aria-label="Search agents"
            className="pl-9"
            placeholder="Search by name, slug or description"
            defaultValue={search.q ?? ''}
            onChange={(e) => set({ q: e.target.value || undefined })}
          />
        </div>
        <Select
          aria-label="Filter by type"
          value={search.type ?? ''}
          onChange={(e) => set({ type: (e.target.value || undefined) as WorkspaceSearch['type'] })}
        >
          <option value="">All types</option>
          <option value="USER">User agents</option>
          <option value="SYSTEM">System agents</option>
        </Select>
        <Select
          aria-label="Filter by model"
          value={search.model ?? ''}
          onChange={(e) => set({ model: e.target.value || undefined })}
        >
          <option value="">All models</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Filter by status"
          value={search.active ?? ''}
          onChange={(e) => set({ active: (e.target.value || undefined) as WorkspaceSearch['active'] })}
        >
          <option value="">Active and inactive</option>
          <option value="true">Active</option>
          <option value="false">Inactive</option>
        </Select>
        <Select
          aria-label="Sort"
          value={search.sort ?? 'name'}
          onChange={(e) => set({ sort: e.target.value as WorkspaceSearch['sort'] })}
        >
          <option value="name">Sort by name</option>
          <option value="recent">Recently run</option>
          <option value="model">Sort by model</option>
        </Select>
      </search>
      {query.error ? (
        <ErrorNotice error={query.error} />
      ) : query.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <Skeleton key={i} className="h-44" />
          ))}
        </div>
      ) : agents.length === 0 ? (
        <EmptyState
          title={filtered ? 'No agent matches these filters' : 'No agents yet'}
          action={
            <Can need="manage">
              <CreateAgentDialog />
            </Can>
          }
        >
          {filtered ? 'Clear the search or filters to see all agents.' : 'Create your first agent to get started.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Agents">
          {agents.map((a) => (
            <li key={a.id} className="contents">
              <AgentCard agent={a} />
            </li>
          ))}
        </ul>
      )}
      <p className="mt-6 flex items-center gap-1 text-xs text-muted-foreground">
        <Bot className="size-3" aria-hidden /> {agents.length} of {query.data?.length ?? 0} agents
      </p>
    </main>
  );
}
