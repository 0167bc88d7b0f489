// /audit: the organization's audit log — every write, newest first: when, who (you, a member, an API key, the
// system), what (action and entity, linked when it is an agent) and what changed, with the full before/after on
// demand. Filters live in the URL; more pages load on request.
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { authClient } from '@/lib/auth-client';
import type { AuditEntry } from '@/lib/types';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { canonicalJson } from '../agent/agent-fields';
import { JsonView, toJsonText } from '../agent/json-view';
import { useActorName } from './actor-name';
import { auditQuery } from './api';
import { auditEntityTypeOptions, type auditSearchKeys } from './search';

const route = getRouteApi('/app/audit');

/** The top-level fields whose value differs between before and after (all of them for a create or a delete). */
function changedFields(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const skip = new Set(['updatedAt', 'createdAt']);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !skip.has(k) && canonicalJson(b[k]) !== canonicalJson(a[k]),
  );
}

const short = (value: unknown) => {
  const text = value === undefined ? '—' : toJsonText(value).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

function Entity({ entry }: { entry: AuditEntry }) {
  const snapshot = (entry.metadata as { after?: { slug?: string }; before?: { slug?: string } } | null) ?? {};
  const slug = snapshot.after?.slug ?? snapshot.before?.slug;
  if (entry.entityType === 'agent' && slug && !entry.action.endsWith('delete')) {
    return (
      <Link to="/workspace/$agentSlug/overview" params={{ agentSlug: slug }} className="hover:underline">
        agent {slug}
      </Link>
    );
  }
  return <span>{entityLabel(entry)}</span>;
}

/** A readable name for the entity from what the row recorded, else its type and the start of its id. */
function entityLabel(entry: AuditEntry): string {
  const m = (entry.metadata ?? {}) as Record<string, unknown> & {
    after?: Record<string, unknown>;
    before?: Record<string, unknown>;
  };
  const snapshot = m.after ?? m.before ?? {};
  switch (entry.entityType) {
    case 'price':
      return `price of ${m.provider}/${m.modelName}`;
    case 'budget':
      return m.scope === 'tenant' ? 'organization budget' : 'agent budget';
    case 'alertDestination':
      return `alert destination ${snapshot.url ?? ''}`.trim();
    case 'goal':
      return `goal “${snapshot.title ?? entry.entityId}”`;
    case 'workflowRun': {
      const destination = (snapshot.inputJson as { destination?: string } | undefined)?.destination;
      return `${m.workflowId ?? 'workflow'} run${destination ? ` to ${destination}` : ''}`;
    }
    default:
      return `${entry.entityType}${entry.entityId ? ` ${entry.entityId.slice(0, 8)}` : ''}`;
  }
}

function Entry({ entry, actor }: { entry: AuditEntry; actor: string }) {
  const { before, after } = (entry.metadata ?? {}) as { before?: unknown; after?: unknown };
  const fields = changedFields(before, after);
  const isUpdate = before !== undefined && after !== undefined;
  return (
    <li className="grid gap-2 p-3" aria-label={`${entry.action} by ${actor}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge variant="outline">{entry.action}</Badge>
        <Entity entry={entry} />
        <span className="text-muted-foreground">by {actor}</span>
        <time
          dateTime={entry.createdAt}
          title={formatDateTime(entry.createdAt)}
          className="ml-auto text-xs text-muted-foreground"
        >
          {timeAgo(entry.createdAt)}
        </time>
      </div>
      {isUpdate && fields.length > 0 && (
        <ul className="grid gap-0.5 text-xs" aria-label="Changes">
          {fields.slice(0, 6).map((f) => (
            <li key={f} className="min-w-0 truncate">
              <span className="font-medium">{f}</span>:{' '}
              <span className="text-muted-foreground line-through">
                {short((before as Record<string, unknown>)[f])}
              </span>{' '}
              → {short((after as Record<string, unknown>)[f])}
            </li>
          ))}
          {fields.length > 6 && <li className="text-muted-foreground">and {fields.length - 6} more</li>}
        </ul>
      )}
      {(before !== undefined || after !== undefined) && (
        <div className="grid gap-2 md:grid-cols-2">
          {before !== undefined && <JsonView value={before} label="Before" defaultOpen={false} />}
          {after !== undefined && <JsonView value={after} label="After" defaultOpen={false} />}
        </div>
      )}
    </li>
  );
}

export function AuditPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { data: org } = authClient.useActiveOrganization();
  const actorName = useActorName(org?.id);
  const log = useInfiniteQuery(auditQuery(search));
  const set = (key: (typeof auditSearchKeys)[number], value: string) =>
    navigate({ search: (prev) => ({ ...prev, [key]: value || undefined }) });
  const entries = log.data?.pages.flatMap((p) => p.auditLogs) ?? [];

  return (
    <main className="mx-auto grid max-w-5xl gap-6 p-4 sm:p-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm text-muted-foreground">
          Every change in this organization — agents, budgets, prices, keys, members, alerts, goals — with who made it
          and what it changed. Secrets never appear here.
        </p>
      </div>
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="sr-only">Filter the audit log</legend>
        {search.entityId && (
          <div className="grid gap-1.5">
            <span className="text-sm font-medium leading-none">One entity</span>
            <Button variant="outline" onClick={() => set('entityId', '')} aria-label="Show every entity">
              {search.entityType ?? 'entity'} {search.entityId.slice(0, 8)} ✕
            </Button>
          </div>
        )}
        <div className="grid gap-1.5">
          <Label htmlFor="audit-entity">Entity</Label>
          <Select id="audit-entity" value={search.entityType ?? ''} onChange={(e) => set('entityType', e.target.value)}>
            <option value="">any</option>
            {auditEntityTypeOptions.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-actor">Actor</Label>
          <Select id="audit-actor" value={search.actorType ?? ''} onChange={(e) => set('actorType', e.target.value)}>
            <option value="">anyone</option>
            <option value="user">a person</option>
            <option value="apiKey">an API key</option>
            <option value="system">the system</option>
          </Select>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from">From (UTC)</Label>
          <Input id="audit-from" type="date" value={search.from ?? ''} onChange={(e) => set('from', e.target.value)} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to">To (UTC)</Label>
          <Input id="audit-to" type="date" value={search.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </div>
      </fieldset>
      {log.isPending ? (
        <Spinner />
      ) : log.error ? (
        <ErrorNotice error={log.error} />
      ) : entries.length ? (
        <div className="grid gap-3">
          <ul aria-label="Audit log" className="grid divide-y rounded-lg border">
            {entries.map((e) => (
              <Entry key={e.id} entry={e} actor={actorName(e)} />
            ))}
          </ul>
          {log.hasNextPage && (
            <Button
              variant="outline"
              className="justify-self-center"
              disabled={log.isFetchingNextPage}
              onClick={() => log.fetchNextPage()}
            >
              {log.isFetchingNextPage ? 'Loading…' : 'Load older entries'}
            </Button>
          )}
        </div>
      ) : (
        <EmptyState title="Nothing recorded">No change matches these filters.</EmptyState>
      )}
    </main>
  );
}
