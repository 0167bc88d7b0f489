// /workspace/:agentSlug: the agent's header (name, status, model) and page navigation around the page; a missing
// agent (deleted, or another organization's) shows the not-found screen.
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useParams } from '@tanstack/react-router';
import { ChevronLeft } from 'lucide-react';
import { NotFound } from '@/components/not-found';
import { Badge } from '@/components/ui/badge';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { ApiError } from '@/lib/api';
import { ModelBadge } from '../workspace/workspace-page';
import { agentQuery } from './api';
import { agentPages } from './pages';

export function useAgentSlug() {
  return useParams({ strict: false }).agentSlug as string;
}

export function AgentLayout() {
  const slug = useAgentSlug();
  const { data: agent, error, isPending } = useQuery(agentQuery(slug));
  if (error instanceof ApiError && error.status === 404) return <NotFound what="agent" />;
  return (
    <div className="mx-auto max-w-7xl p-4 sm:p-6">
      <Link
        to="/workspace"
        className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ChevronLeft className="size-4" aria-hidden /> All agents
      </Link>
      {error ? (
        <ErrorNotice error={error} />
      ) : isPending || !agent ? (
        <Skeleton className="mb-4 h-14" />
      ) : (
        <header className="mb-4 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{agent.name}</h1>
          <Badge variant={agent.isActive ? 'default' : 'outline'}>{agent.isActive ? 'Active' : 'Inactive'}</Badge>
          <ModelBadge provider={agent.modelProvider} name={agent.modelName} />
          <span className="text-sm text-muted-foreground">
            {agent.slug} · v{agent.version}
          </span>
        </header>
      )}
      <nav aria-label="Agent" className="mb-6 flex gap-1 overflow-x-auto border-b pb-px">
        {agentPages.map((p) => (
          <Link
            key={p.path}
            to={`/workspace/$agentSlug/${p.path}` as '/workspace/$agentSlug/overview'}
            params={{ agentSlug: slug }}
            className="whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground [&.active]:border-primary [&.active]:font-medium [&.active]:text-foreground"
          >
            {p.label}
            {p.comingWith && <span className="sr-only"> (coming soon)</span>}
          </Link>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
