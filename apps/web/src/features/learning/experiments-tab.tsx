// The Experiments tab: the agent's shadow A/B experiments, newest first. A running one shows its figures computed now
// (the API's `live`), a finished one those of its decision; each with the proposal it tests, its share of traffic,
// the baseline and candidate versions, the stopping rule's progress and the decision's reason.
import { useQuery } from '@tanstack/react-query';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import type { ExperimentProgress, ExperimentStats, LearningExperiment } from '@/lib/types';
import { formatDateTime, formatPercent, timeAgo } from '@/lib/utils';
import { experimentsQuery, proposalsQuery } from './api';
import { Arms, Difference, Guards, StoppingRule } from './experiment-stats';
import { StateBadge } from './labels';
import { Part } from './part';
import { VersionLink } from './version-link';

type Recorded = ExperimentStats & { progress?: ExperimentProgress };

/** The figures to show, with the stopping rule's progress: computed now while running, else as last recorded. */
function statsOf(e: LearningExperiment): Recorded | null {
  if (e.status === 'RUNNING' && e.live) return e.live;
  return (e.result?.stats as Recorded | undefined) ?? null;
}

function ExperimentCard({
  slug,
  experiment: e,
  title,
}: {
  slug: string;
  experiment: LearningExperiment;
  title: string;
}) {
  const stats = statsOf(e);
  const progress = stats?.progress ?? null;
  const winner = e.result?.winner;
  return (
    <Card role="article" aria-labelledby={`experiment-${e.id}-title`}>
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={`experiment-${e.id}-title`} className="mr-auto font-semibold leading-tight">
            {title}
          </h3>
          <StateBadge kind="experiment" status={e.status} />
        </div>
        <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
          <span>{formatPercent(e.split)} of the traffic to the candidate</span>
          {e.startedAt && (
            <time dateTime={e.startedAt} title={formatDateTime(e.startedAt)}>
              started {timeAgo(e.startedAt)}
            </time>
          )}
          {e.endedAt && (
            <time dateTime={e.endedAt} title={formatDateTime(e.endedAt)}>
              ended {timeAgo(e.endedAt)}
            </time>
          )}
          <VersionLink slug={slug} versionId={e.candidateVersionId} compareWith={e.baselineVersionId}>
            {(v) => `Compare the candidate (v${v}) with the baseline`}
          </VersionLink>
        </p>
      </CardHeader>
      <CardContent className="grid gap-5">
        {e.result?.reason && (
          <p className="rounded-lg border bg-muted/40 px-3 py-2 text-sm">
            <span className="font-medium">
              {e.status === 'RUNNING'
                ? 'At the last check: '
                : winner
                  ? `Decision (${winner.toLowerCase()} kept): `
                  : 'Decision: '}
            </span>
            {e.result.reason}
            {e.result.guardBreach && ` (guard: ${e.result.guardBreach})`}
          </p>
        )}
        {stats ? (
          <>
            <div className="grid gap-5 lg:grid-cols-2">
              <Part title="Arms">
                <Arms stats={stats} />
              </Part>
              <Part title="Difference in score">
                <Difference stats={stats} />
              </Part>
            </div>
            <Part title="Guard metrics (non-inferiority)">
              <Guards guards={stats.guards} />
            </Part>
            {progress && (
              <Part title="Stopping rule">
                <StoppingRule stats={stats} progress={progress} running={e.status === 'RUNNING'} />
              </Part>
            )}
          </>
        ) : (
          <p className="text-sm text-muted-foreground">
            No run of this experiment was analysed: it ended before its first check.
          </p>
        )}
      </CardContent>
    </Card>
  );
}

export function ExperimentsTab({ slug }: { slug: string }) {
  const experiments = useQuery(experimentsQuery(slug));
  const proposals = useQuery(proposalsQuery(slug));
  if (experiments.error) return <ErrorNotice error={experiments.error} />;
  if (!experiments.data) return <Skeleton className="h-64" />;
  if (!experiments.data.length)
    return (
      <EmptyState title="No experiments yet">
        A proposal that passes its test-suite gate starts an experiment: a share of the agent's live runs goes to the
        candidate until the stopping rule decides. Start a session to get a proposal.
      </EmptyState>
    );
  const titleOf = (proposalId: string) =>
    proposals.data?.find((p) => p.id === proposalId)?.title ?? 'Experiment of a proposal';
  return (
    <div className="grid gap-4">
      {experiments.data.map((e) => (
        <ExperimentCard key={e.id} slug={slug} experiment={e} title={titleOf(e.proposalId)} />
      ))}
    </div>
  );
}
