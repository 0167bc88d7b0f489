// /workspace/:agentSlug/runs: the agent's runs, newest first, filtered by status, type and date range (all in the
// URL) and paged with the server's cursor; "Newer" walks back through the cursors this visit went through.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Run } from '@/lib/types';
import { formatDateTime, formatMs, formatNumber, formatUsd, timeAgo } from '@/lib/utils';
import { ModelBadge } from '../workspace/workspace-page';
import { useAgentSlug } from './agent-layout';
import { runsQuery } from './api';
import { isFiltered, RunFilterBar, type RunFilterValues } from './run-filters';
import { RunStatus } from './status';

type RunsSearch = RunFilterValues & { cursor?: string };

const PAGE_SIZE = 25;
export function RunTypeBadge({ runType }: { runType: Run['runType'] }) {
  return <Badge variant="outline">{runType === 'AB' ? 'A/B' : runType.toLowerCase()}</Badge>;
}

function RunRow({ run, slug }: { run: Run; slug: string }) {
  return (
    <TR className="relative">
      <TD>
        <RunStatus status={run.status} />
      </TD>
      <TD>
        <RunTypeBadge runType={run.runType} />
      </TD>
      <TD className="max-w-0 w-full">
        <Link
          to="/workspace/$agentSlug/runs/$runId"
          params={{ agentSlug: slug, runId: run.id }}
          className="block truncate after:absolute after:inset-0 hover:underline"
          title={run.inputText ?? undefined}
        >
          {run.inputText || <span className="text-muted-foreground">(no input)</span>}
        </Link>
      </TD>
      <TD>
        {run.modelProvider && run.modelName ? <ModelBadge provider={run.modelProvider} name={run.modelName} /> : '—'}
      </TD>
      <TD className="text-right tabular-nums">{formatNumber(run.totalTokens)}</TD>
      <TD className="text-right tabular-nums">{formatUsd(run.costUsd)}</TD>
      <TD className="text-right tabular-nums">{formatMs(run.durationMs)}</TD>
      <TD className="whitespace-nowrap text-muted-foreground">
        <time dateTime={run.createdAt} title={formatDateTime(run.createdAt)}>
          {timeAgo(run.createdAt)}
        </time>
      </TD>
    </TR>
  );
}

export function RunsPage() {
  const slug = useAgentSlug();
  const search = useSearch({ from: '/app/workspace/$agentSlug/runs' }) as RunsSearch;
  const navigate = useNavigate({ from: '/workspace/$agentSlug/runs' });
  // Cursors of the pages before this one, so "Newer" can go back (the API pages forward only).
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const go = (patch: Partial<RunsSearch>) =>
    navigate({ search: (prev: RunsSearch) => ({ ...prev, ...patch }), replace: true });
  const filter = (patch: Partial<RunsSearch>) => {
    setPrevious([]);
    go({ ...patch, cursor: undefined });
  };
  const filtered = isFiltered(search);
  const query = useQuery({
    ...runsQuery(slug, { ...search, limit: String(PAGE_SIZE) }),
    placeholderData: keepPreviousData,
  });
  const runs = query.data?.runs ?? [];

  return (
    <section aria-labelledby="runs-title" className="grid gap-4">
      <h2 id="runs-title" className="sr-only">
        Runs
      </h2>
      <RunFilterBar idPrefix="runs" search={search} onFilter={filter} />

      {query.error ? (
        <ErrorNotice error={query.error} />
      ) : query.isPending ? (
        <div className="grid gap-2" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <Skeleton key={i} className="h-10" />
          ))}
        </div>
      ) : runs.length === 0 ? (
        <EmptyState title={filtered || search.cursor ? 'No runs match these filters' : 'No runs yet'}>
          {filtered || search.cursor ? (
            'Widen the filters or clear them to see more runs.'
          ) : (
            <>
              Runs appear here as the agent is called. Try it on the{' '}
              <Link to="/workspace/$agentSlug/test" params={{ agentSlug: slug }} className="text-primary underline">
                Test
              </Link>{' '}
              page.
            </>
          )}
        </EmptyState>
      ) : (
        <div className="rounded-xl border bg-card" aria-busy={query.isFetching}>
          <Table>
            <caption className="sr-only">Runs, newest first. Open a run for its trace.</caption>
            <THead>
              <TR>
                <TH>Status</TH>
                <TH>Type</TH>
                <TH>Input</TH>
                <TH>Model</TH>
                <TH className="text-right">Tokens</TH>
                <TH className="text-right">Cost</TH>
                <TH className="text-right">Duration</TH>
                <TH>Created</TH>
              </TR>
            </THead>
            <TBody>
              {runs.map((run) => (
                <RunRow key={run.id} run={run} slug={slug} />
              ))}
            </TBody>
          </Table>
        </div>
      )}

      <nav aria-label="Pages of runs" className="flex items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {query.data ? `${runs.length} ${runs.length === 1 ? 'run' : 'runs'} on this page` : ''}
          {query.isFetching && !query.isPending ? ' · updating…' : ''}
        </p>
        <div className="flex gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={!search.cursor}
            onClick={() => {
              setPrevious(previous.slice(0, -1));
              go({ cursor: previous.at(-1) });
            }}
          >
            <ChevronLeft aria-hidden /> Newer
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={!query.data?.nextCursor || query.isPlaceholderData}
            onClick={() => {
              setPrevious([...previous, search.cursor]);
              go({ cursor: query.data?.nextCursor ?? undefined });
            }}
          >
            Older <ChevronRight aria-hidden />
          </Button>
        </div>
      </nav>
    </section>
  );
}
