// The Sessions tab: the agent's learning sessions, newest first (trigger, state, signals, outcome, when), and the
// session opened from the list (in the URL): what its signals have in common — signal types, weak scorers, error
// codes, example inputs linking to their runs — and the proposal it made.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { LearningSession, LearningSessionDetail, SignalPatterns } from '@/lib/types';
import { cn, formatDateTime, formatNumber, timeAgo } from '@/lib/utils';
import { Section } from '../agent/configure-controls';
import { excerpt } from '../evaluations/scorers';
import { sessionQuery, sessionsQuery } from './api';
import { formatRatio, StateBadge, signalLabel, triggerLabels, words } from './labels';
import { Part } from './part';
import { ProposalCard } from './proposal-card';

/** A session's summary as the extraction step writes it (stored as free JSON). */
interface Summary {
  patterns?: SignalPatterns;
  outcome?: string;
}
const summaryOf = (s: Pick<LearningSession, 'summary'>) => (s.summary ?? {}) as Summary;

/** What came of a session, in a few words. */
function outcomeOf(s: LearningSession): string {
  const { outcome } = summaryOf(s);
  if (outcome) return outcome;
  if (s.error) return s.error;
  if (s.status === 'EXPERIMENTING') return 'Proposal made; gate and experiment under way';
  if (s.status === 'AWAITING_APPROVAL') return 'The experiment has ended: awaiting a person’s decision';
  return words(s.status);
}

function When({ at }: { at: string | null }) {
  if (!at) return <span className="text-muted-foreground">—</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {timeAgo(at)}
    </time>
  );
}

function SessionTable({
  sessions,
  shown,
  onShow,
}: {
  sessions: LearningSession[];
  shown: string | undefined;
  onShow: (id: string | undefined) => void;
}) {
  return (
    <Table aria-label="Learning sessions, newest first" className="min-w-[48rem]">
      <THead>
        <TR>
          <TH>Started</TH>
          <TH>Trigger</TH>
          <TH>Status</TH>
          <TH className="text-right">Signals</TH>
          <TH>Outcome</TH>
          <TH>Completed</TH>
          <TH className="w-0">
            <span className="sr-only">Open</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {sessions.map((s) => {
          const open = s.id === shown;
          return (
            <TR key={s.id} className={cn(open && 'bg-muted/60')}>
              <TD className="whitespace-nowrap">
                <When at={s.startedAt ?? s.createdAt} />
              </TD>
              <TD className="whitespace-nowrap">{triggerLabels[s.trigger]}</TD>
              <TD>
                <StateBadge kind="session" status={s.status} />
              </TD>
              <TD className="text-right tabular-nums">{formatNumber(summaryOf(s).patterns?.signals)}</TD>
              <TD className="max-w-80 text-muted-foreground">
                <span className="line-clamp-2" title={outcomeOf(s)}>
                  {outcomeOf(s)}
                </span>
              </TD>
              <TD className="whitespace-nowrap text-muted-foreground">
                <When at={s.completedAt} />
              </TD>
              <TD>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-pressed={open}
                  aria-label={`${open ? 'Close' : 'Open'} the session of ${formatDateTime(s.createdAt)}`}
                  onClick={() => onShow(open ? undefined : s.id)}
                >
                  {open ? 'Close' : 'Open'}
                </Button>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

function Counts({
  label,
  counts,
  name,
}: {
  label: string;
  counts: Record<string, number>;
  name: (k: string) => string;
}) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return null;
  return (
    <Part title={label}>
      <ul className="flex flex-wrap gap-1.5" aria-label={label}>
        {entries.map(([k, n]) => (
          <li key={k}>
            <Badge variant="secondary">
              {name(k)} <span className="tabular-nums text-muted-foreground">× {n}</span>
            </Badge>
          </li>
        ))}
      </ul>
    </Part>
  );
}

function Patterns({ slug, patterns }: { slug: string; patterns: NonNullable<Summary['patterns']> }) {
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        {patterns.origin === 'signals'
          ? `${patterns.signals} signal${patterns.signals === 1 ? '' : 's'} collected since the previous session.`
          : `No collected signals were waiting, so the session looked through the agent's recent runs and found ${patterns.signals}.`}
      </p>
      <Counts label="Signal types" counts={patterns.byType} name={signalLabel} />
      <Counts label="Error codes" counts={patterns.errorCodes} name={(k) => k} />
      {patterns.scorers.length > 0 && (
        <Table aria-label="Weak scorers">
          <THead>
            <TR>
              <TH>Weak scorer</TH>
              <TH className="text-right">Low scores</TH>
              <TH className="text-right">Mean quality there</TH>
            </TR>
          </THead>
          <TBody>
            {patterns.scorers.map((s) => (
              <TR key={s.scorer}>
                <TD className="font-medium">{s.scorer}</TD>
                <TD className="text-right tabular-nums">{s.count}</TD>
                <TD className="text-right tabular-nums">{formatRatio(s.meanQuality)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      {patterns.examples.length > 0 && (
        <Table aria-label="Example inputs" className="min-w-[40rem]">
          <THead>
            <TR>
              <TH>Signal</TH>
              <TH>Input and answer</TH>
              <TH className="w-24">Run</TH>
            </TR>
          </THead>
          <TBody>
            {patterns.examples.map((e, i) => (
              // Examples have no id of their own; a run appears at most once per signal type.
              <TR key={`${e.type}-${e.runId ?? i}`}>
                <TD className="whitespace-nowrap align-top">{signalLabel(e.type)}</TD>
                <TD className="align-top">
                  <p className="line-clamp-2 break-words" title={e.input ?? undefined}>
                    <span className="mr-1 text-xs font-medium text-muted-foreground">Q</span>
                    {e.input ? excerpt(e.input) : '—'}
                  </p>
                  <p className="line-clamp-2 break-words text-muted-foreground" title={e.output ?? undefined}>
                    <span className="mr-1 text-xs font-medium">A</span>
                    {e.output ? excerpt(e.output) : '—'}
                  </p>
                </TD>
                <TD className="align-top">
                  {e.runId && (
                    <Link
                      to="/workspace/$agentSlug/runs/$runId"
                      params={{ agentSlug: slug, runId: e.runId }}
                      className="text-primary hover:underline"
                      aria-label={`Open run ${e.runId.slice(0, 8)}`}
                    >
                      <code className="font-mono text-xs">{e.runId.slice(0, 8)}</code>
                    </Link>
                  )}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}

function SessionBody({ slug, session }: { slug: string; session: LearningSessionDetail }) {
  const { patterns } = summaryOf(session);
  return (
    <div className="grid gap-5">
      {session.error && <ErrorNotice error={session.error} />}
      {patterns ? (
        <Patterns slug={slug} patterns={patterns} />
      ) : (
        <p className="text-sm text-muted-foreground">The session is still reading its signals…</p>
      )}
      <Part title="Proposal">
        {session.proposals.length ? (
          session.proposals.map((p) => <ProposalCard key={p.id} slug={slug} proposal={p} />)
        ) : (
          <p className="text-sm text-muted-foreground">
            {summaryOf(session).outcome ?? 'None yet: the proposal follows once the patterns are in.'}
          </p>
        )}
      </Part>
    </div>
  );
}

function SessionDetail({ slug, id, onClose }: { slug: string; id: string; onClose: () => void }) {
  const { data: session, error } = useQuery(sessionQuery(slug, id));
  return (
    <Section
      id="learning-session"
      title={session ? `Session of ${formatDateTime(session.createdAt)}` : 'Session'}
      description={
        session && (
          <span className="flex flex-wrap items-center gap-2">
            <StateBadge kind="session" status={session.status} /> {triggerLabels[session.trigger]}
          </span>
        )
      }
      action={
        <Button variant="outline" size="sm" onClick={onClose}>
          Close
        </Button>
      }
      className="min-w-0"
    >
      {error ? (
        <ErrorNotice error={error} />
      ) : !session ? (
        <Skeleton className="h-40" />
      ) : (
        <SessionBody slug={slug} session={session} />
      )}
    </Section>
  );
}

export function SessionsTab({
  slug,
  shown,
  onShow,
}: {
  slug: string;
  shown: string | undefined;
  onShow: (id: string | undefined) => void;
}) {
  const { data: sessions, error } = useQuery(sessionsQuery(slug));
  if (error) return <ErrorNotice error={error} />;
  if (!sessions) return <Skeleton className="h-48" />;
  if (!sessions.length)
    return (
      <EmptyState title="No sessions yet">
        Enable learning in Settings so signals are collected, or start a session now: it looks through the agent's
        recent runs.
      </EmptyState>
    );
  return (
    <div className="grid gap-6">
      <Section
        id="learning-sessions"
        title="Session history"
        description="Each session reads the signals collected since the previous one (or the recent runs), proposes one change and follows it through its experiment."
        className="min-w-0"
      >
        <SessionTable sessions={sessions} shown={shown} onShow={onShow} />
      </Section>
      {shown && <SessionDetail key={shown} slug={slug} id={shown} onClose={() => onShow(undefined)} />}
    </div>
  );
}
