// /workspace/:agentSlug/runs: the agent's runs, newest first, filtered by status, type and date range (all in the
// URL) and paged with the server's cursor; "Newer" walks back through the cursors this visit went through.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { ChevronLeft, ChevronRight, X } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Run } from '@/lib/types';
import { formatDateTime, formatMs, formatNumber, formatUsd, timeAgo } from '@/lib/utils';
import { ModelBadge } from '../workspace/workspace-page';
import { useAgentSlug } from './agent-layout';
import { runsQuery } from './api';
import { RunStatus } from './status';

type RunsSearch = {
  status?: Run['status'];
  runType?: Run['runType'];
  from?: string;
  to?: string;
  cursor?: string;
};

const PAGE_SIZE = 25;
const statuses: Run['status'][] = ['COMPLETED', 'FAILED', 'RUNNING', 'QUEUED', 'CANCELLED'];
const runTypes: { value: Run['runType']; label: string }[] = [
  { value: 'PROD', label: 'Production' },
  { value: 'TEST', label: 'Test' },
  { value: 'AB', label: 'A/B experiment' },
];

const pad = (n: number) => String(n).padStart(2, '0');
/** A date input's day (local time) as the ISO instant where it starts, or ends when `end`. */
function dayToIso(day: string, end: boolean): string | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return (end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d)).toISOString();
}
/** The local day of an ISO instant, for a date input. */
function isoToDay(iso: string | undefined): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

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
  const filtered = Boolean(search.status || search.runType || search.from || search.to);
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
      <search className="flex flex-wrap items-end gap-3">
        <Field id="runs-status" label="Status" className="w-40">
          <Select
            id="runs-status"
            value={search.status ?? ''}
            onChange={(e) => filter({ status: (e.target.value || undefined) as RunsSearch['status'] })}
          >
            <option value="">All statuses</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0) + s.slice(1).toLowerCase()}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="runs-type" label="Type" className="w-44">
          <Select
            id="runs-type"
            value={search.runType ?? ''}
            onChange={(e) => filter({ runType: (e.target.value || undefined) as RunsSearch['runType'] })}
          >
            <option value="">All types</option>
            {runTypes.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="runs-from" label="From" className="w-40">
          <Input
            id="runs-from"
            type="date"
            className="dark:[color-scheme:dark]"
            value={isoToDay(search.from)}
            max={isoToDay(search.to) || undefined}
            onChange={(e) => filter({ from: dayToIso(e.target.value, false) })}
          />
        </Field>
        <Field id="runs-to" label="To" className="w-40">
          <Input
            id="runs-to"
            type="date"
            className="dark:[color-scheme:dark]"
            value={isoToDay(search.to)}
            min={isoToDay(search.from) || undefined}
            onChange={(e) => filter({ to: dayToIso(e.target.value, true) })}
          />
        </Field>
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => filter({ status: undefined, runType: undefined, from: undefined, to: undefined })}
          >
            <X aria-hidden /> Clear filters
          </Button>
        )}
      </search>

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
