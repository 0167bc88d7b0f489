// The agent's guardrail events, newest first: filters by type and guardrail (kept in the URL), a table with the
// time, what was done by which check, why, the (already redacted) snippets and the run, and "Load more".
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { X } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { GuardrailEvent } from '@/lib/types';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { guardrailEventsQuery } from './api';
import { type GuardrailEventFilters, guardrailEventTypes, guardrailKeys } from './search';

const route = getRouteApi('/app/workspace/$agentSlug/guardrails');

const typeBadge = {
  BLOCKED: { variant: 'destructive', label: 'blocked' },
  MODIFIED: { variant: 'warning', label: 'modified' },
  FLAGGED: { variant: 'secondary', label: 'flagged' },
} as const satisfies Record<GuardrailEvent['type'], { variant: string; label: string }>;

/** A snippet with its redaction markers set off, so that what was removed reads as removed. */
function Snippet({ label, text }: { label: string; text: string }) {
  return (
    <div className="grid gap-0.5">
      <span className="text-[0.7rem] uppercase tracking-wide text-muted-foreground">{label}</span>
      <code className="block whitespace-pre-wrap break-words rounded bg-muted/60 px-1.5 py-1 font-mono text-xs">
        {text.split(/(\[REDACTED:[^\]]*\])/).map((part, i) =>
          part.startsWith('[REDACTED:') ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
            <mark key={i} className="rounded bg-warning/25 px-0.5 text-foreground">
              {part}
            </mark>
          ) : (
            part
          ),
        )}
      </code>
    </div>
  );
}

/** The policy versions the event's scan ran under, as recorded with it. */
function policyOf(event: GuardrailEvent): string | undefined {
  const scan = event.scanJson as { policyVersions?: { organization?: number; agent?: number | null } } | null;
  const v = scan?.policyVersions;
  if (!v) return undefined;
  return `organization v${v.organization ?? 0}${v.agent ? ` · agent v${v.agent}` : ''}`;
}

function EventRow({ event, slug }: { event: GuardrailEvent; slug: string }) {
  const badge = typeBadge[event.type];
  const policy = policyOf(event);
  return (
    <TR>
      <TD className="whitespace-nowrap align-top text-muted-foreground">
        <time dateTime={event.createdAt} title={formatDateTime(event.createdAt)}>
          {timeAgo(event.createdAt)}
        </time>
      </TD>
      <TD className="align-top">
        <div className="grid justify-items-start gap-1">
          <Badge variant={badge.variant}>{badge.label}</Badge>
          <code className="break-all font-mono text-xs">{event.guardrailKey}</code>
        </div>
      </TD>
      <TD className="align-top">
        <p className="text-sm">{event.reason ?? '—'}</p>
        {policy && <p className="text-xs text-muted-foreground">Policy {policy}</p>}
      </TD>
      <TD className="align-top">
        <div className="grid gap-1.5">
          {event.inputSnippet && <Snippet label="Input" text={event.inputSnippet} />}
          {event.outputSnippet && <Snippet label="Output" text={event.outputSnippet} />}
          {!event.inputSnippet && !event.outputSnippet && <span className="text-muted-foreground">—</span>}
        </div>
      </TD>
      <TD className="whitespace-nowrap align-top">
        {event.runId ? (
          <Link
            to="/workspace/$agentSlug/runs/$runId"
            params={{ agentSlug: slug, runId: event.runId }}
            className="text-primary hover:underline"
          >
            Open run
          </Link>
        ) : (
          <span className="text-muted-foreground">deleted</span>
        )}
      </TD>
    </TR>
  );
}

function Filters({
  search,
  onFilter,
}: {
  search: GuardrailEventFilters;
  onFilter: (patch: GuardrailEventFilters) => void;
}) {
  return (
    <search className="flex flex-wrap items-end gap-3">
      <Field id="guardrail-event-type" label="Type" className="w-40">
        <Select
          id="guardrail-event-type"
          value={search.type ?? ''}
          onChange={(e) => onFilter({ type: (e.target.value || undefined) as GuardrailEventFilters['type'] })}
        >
          <option value="">All types</option>
          {guardrailEventTypes.map((t) => (
            <option key={t} value={t}>
              {typeBadge[t].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="guardrail-event-key" label="Guardrail" className="w-60">
        <Select
          id="guardrail-event-key"
          value={search.guardrailKey ?? ''}
          onChange={(e) =>
            onFilter({ guardrailKey: (e.target.value || undefined) as GuardrailEventFilters['guardrailKey'] })
          }
        >
          <option value="">All guardrails</option>
          {guardrailKeys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </Select>
      </Field>
      {(search.type || search.guardrailKey) && (
        <Button variant="ghost" onClick={() => onFilter({ type: undefined, guardrailKey: undefined })}>
          <X aria-hidden /> Clear filters
        </Button>
      )}
    </search>
  );
}

export function GuardrailEvents({ slug }: { slug: string }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const filters: GuardrailEventFilters = { type: search.type, guardrailKey: search.guardrailKey };
  const filtered = Boolean(filters.type || filters.guardrailKey);
  const events = useInfiniteQuery(guardrailEventsQuery(slug, filters));
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const onFilter = (patch: GuardrailEventFilters) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <div className="grid gap-4">
      <Filters search={filters} onFilter={onFilter} />
      {events.error ? (
        <ErrorNotice error={events.error} />
      ) : events.isPending ? (
        <Skeleton className="h-32" />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? 'No events match these filters' : 'No guardrail has acted on this agent yet'}>
          {filtered
            ? 'Clear the filters to see every event.'
            : "When a check flags, redacts or blocks something in one of this agent's runs, it is listed here."}
        </EmptyState>
      ) : (
        <div className="grid gap-3">
          <div className="rounded-xl border" aria-busy={events.isFetching}>
            <Table className="min-w-[48rem]">
              <caption className="sr-only">Guardrail events, newest first</caption>
              <THead>
                <TR>
                  <TH className="w-32">Time</TH>
                  <TH className="w-44">Guardrail</TH>
                  <TH>Reason</TH>
                  <TH className="w-[38%]">Snippet</TH>
                  <TH className="w-24">Run</TH>
                </TR>
              </THead>
              <TBody>
                {rows.map((event) => (
                  <EventRow key={event.id} event={event} slug={slug} />
                ))}
              </TBody>
            </Table>
          </div>
          {events.hasNextPage && (
            <Button
              variant="outline"
              className="justify-self-center"
              disabled={events.isFetchingNextPage}
              onClick={() => events.fetchNextPage()}
            >
              {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
