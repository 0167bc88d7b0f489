// /workspace/:agentSlug/evaluations: how well the agent answers over a range of UTC days (last 7/30/90 days or
// custom, in the URL) — the mean score per scorer, its daily line, how the scores are made, the worst runs and the
// latest scored runs page by page, how far each scorer agrees with people — then the feedback people gave on its
// answers.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { RangePicker } from '@/components/range-picker';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { longDay, rangeProblem, selectedRange } from '@/lib/day-range';
import type { AgentEvaluations, ScoredRun } from '@/lib/types';
import { useAgentSlug } from '../agent/agent-layout';
import { Section } from '../agent/configure-controls';
import { AgreementCard } from './agreement-card';
import { evaluationsQuery } from './api';
import { FeedbackSection } from './feedback-section';
import { DailyScoreChart } from './score-chart';
import { ScoreKpis } from './score-kpis';
import { ScoredRunsTable } from './scored-runs-table';
import { ScoringNotes } from './scoring-notes';

const route = getRouteApi('/app/workspace/$agentSlug/evaluations');

function NoScorers({ slug }: { slug: string }) {
  return (
    <EmptyState title="This agent has no scorers">
      Its runs are not scored. Choose scorers on the{' '}
      <Link to="/workspace/$agentSlug/configure" params={{ agentSlug: slug }} className="text-primary underline">
        Configure
      </Link>{' '}
      page; each completed run is then scored in the background.
    </EmptyState>
  );
}

function Scores({
  data,
  runs,
  slug,
  from,
  to,
  more,
}: {
  data: AgentEvaluations;
  runs: ScoredRun[];
  slug: string;
  from: string;
  to: string;
  more: ReactNode;
}) {
  const { scorers } = data;
  const notes = (
    <Section id="scoring" title="How runs are scored" className="min-w-0 xl:col-span-2">
      <ScoringNotes scorers={scorers} />
    </Section>
  );
  if (runs.length === 0)
    return (
      <div className="grid items-start gap-6 xl:grid-cols-5">
        <div className="xl:col-span-3">
          <EmptyState title="No scored runs in this range">
            Completed runs of this agent are scored in the background, normally within a few seconds. Widen the range,
            or try the agent on the{' '}
            <Link to="/workspace/$agentSlug/test" params={{ agentSlug: slug }} className="text-primary underline">
              Test
            </Link>{' '}
            page.
          </EmptyState>
        </div>
        {notes}
      </div>
    );
  return (
    <>
      <ScoreKpis data={data} />
      <div className="grid items-start gap-6 xl:grid-cols-5">
        <Section
          id="daily-scores"
          title="Mean score per day"
          description={`${longDay(from)} – ${longDay(to)} (UTC)`}
          className="min-w-0 xl:col-span-3"
        >
          <DailyScoreChart scorers={scorers} daily={data.daily} from={from} to={to} />
        </Section>
        {notes}
      </div>
      <Section
        id="worst-runs"
        title="Lowest-quality runs"
        description="The range's scored runs with the lowest mean quality (each score turned so that higher is better), up to 10."
        className="min-w-0"
      >
        <ScoredRunsTable caption="Lowest-quality runs" runs={data.worst} scorers={scorers} slug={slug} />
      </Section>
      <Section id="scored-runs" title="Scored runs" description="Newest first." className="min-w-0">
        <ScoredRunsTable caption="Scored runs, newest first" runs={runs} scorers={scorers} slug={slug} />
        {more}
      </Section>
    </>
  );
}

export function EvaluationsPage() {
  const slug = useAgentSlug();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const range = selectedRange(search);
  const problem = rangeProblem(range.from, range.to);
  const query = useInfiniteQuery({
    ...evaluationsQuery(slug, range.from, range.to),
    enabled: !problem,
    placeholderData: keepPreviousData,
  });
  const first = query.data?.pages[0];
  const runs = query.data?.pages.flatMap((p) => p.evaluations) ?? [];

  return (
    <section aria-labelledby="evaluations-title" className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 id="evaluations-title" className="text-lg font-semibold">
            Evaluations
          </h2>
          <p className="max-w-prose text-sm text-muted-foreground">
            Each completed run is scored from 0 to 1 by the agent's scorers, in the background (code methods, or a judge
            model where the server has one). Per UTC day.
          </p>
        </div>
        <RangePicker
          id="evaluations"
          range={range}
          onChange={(s) => navigate({ search: (prev) => ({ thumbs: prev.thumbs, ...s }), replace: true })}
        />
      </div>

      {problem ? (
        <ErrorNotice error={problem} />
      ) : query.error ? (
        <ErrorNotice error={query.error} />
      ) : !first ? (
        <div className="grid gap-4" aria-busy="true">
          <Skeleton className="h-28" />
          <Skeleton className="h-72" />
        </div>
      ) : first.scorers.length === 0 ? (
        <NoScorers slug={slug} />
      ) : (
        <div className="grid gap-6" aria-busy={query.isFetching}>
          <Scores
            data={first}
            runs={runs}
            slug={slug}
            from={range.from}
            to={range.to}
            more={
              query.hasNextPage && (
                <Button
                  variant="outline"
                  className="justify-self-center"
                  disabled={query.isFetchingNextPage}
                  onClick={() => query.fetchNextPage()}
                >
                  {query.isFetchingNextPage ? 'Loading…' : 'Load more runs'}
                </Button>
              )
            }
          />
        </div>
      )}

      {!problem && first && first.scorers.length > 0 && <AgreementCard slug={slug} from={range.from} to={range.to} />}

      <Section
        id="feedback"
        title="Feedback"
        description="Thumbs, ratings and comments people gave on this agent's answers, per UTC day."
        className="min-w-0"
      >
        {problem ? (
          <p className="text-sm text-muted-foreground">Pick a valid range to see feedback.</p>
        ) : (
          <FeedbackSection slug={slug} from={range.from} to={range.to} />
        )}
      </Section>
    </section>
  );
}
