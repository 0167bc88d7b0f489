// /workspace/:agentSlug/traces: the agent's recent runs beside the selected run's trace, for debugging. The filters
// and the selected run (?run=) are in the URL; without one the newest run is shown. Arrow keys move the selection.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { useAgentSlug } from '../agent/agent-layout';
import { runsQuery } from '../agent/api';
import { isFiltered, RunFilterBar, type RunFilterValues } from '../agent/run-filters';
import { RunList } from './run-list';
import { TracePanel } from './trace-panel';

type TracesSearch = RunFilterValues & { run?: string };

/** The most recent runs listed; older ones are a filter (or the Runs page) away. */
const LIMIT = 50;

export function TracesPage() {
  const slug = useAgentSlug();
  const search = useSearch({ from: '/app/workspace/$agentSlug/traces' }) as TracesSearch;
  const navigate = useNavigate({ from: '/workspace/$agentSlug/traces' });
  const go = (patch: Partial<TracesSearch>) =>
    navigate({ search: (prev: TracesSearch) => ({ ...prev, ...patch }), replace: true });
  const { run: runId, ...filters } = search;
  const query = useQuery({
    ...runsQuery(slug, { ...filters, limit: String(LIMIT) }),
    placeholderData: keepPreviousData,
  });
  const runs = query.data?.runs ?? [];
  const selected = runs.find((r) => r.id === runId) ?? runs[0];

  return (
    <section aria-labelledby="traces-title" className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="traces-title" className="text-lg font-semibold">
          Traces
        </h2>
        <p className="text-sm text-muted-foreground">
          The {LIMIT} most recent runs matching the filters. Pick one to see its steps and tool calls; the arrow keys
          move through the list.
        </p>
      </div>
      <RunFilterBar idPrefix="traces" search={filters} onFilter={(patch) => go({ ...patch, run: undefined })} />

      {query.error ? (
        <ErrorNotice error={query.error} />
      ) : query.isPending ? (
        <div className="grid gap-4 lg:grid-cols-[minmax(14rem,18rem)_minmax(0,1fr)]" aria-busy="true">
          <Skeleton className="h-96" />
          <Skeleton className="h-96" />
        </div>
      ) : runs.length === 0 ? (
        <EmptyState title={isFiltered(filters) ? 'No runs match these filters' : 'No runs yet'}>
          {isFiltered(filters) ? (
            'Widen the filters or clear them to see more runs.'
          ) : (
            <>
              Each run records a trace of its model and tool calls. Try the agent on the{' '}
              <Link to="/workspace/$agentSlug/test" params={{ agentSlug: slug }} className="text-primary underline">
                Test
              </Link>{' '}
              page.
            </>
          )}
        </EmptyState>
      ) : (
        <div
          className="grid items-start gap-4 lg:grid-cols-[minmax(14rem,18rem)_minmax(0,1fr)]"
          aria-busy={query.isFetching}
        >
          <RunList runs={runs} selected={selected?.id} onSelect={(id) => go({ run: id })} />
          {selected && <TracePanel key={selected.id} slug={slug} run={selected} />}
        </div>
      )}
    </section>
  );
}
