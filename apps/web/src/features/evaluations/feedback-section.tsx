// The Evaluations page's feedback: the range's totals (thumbs up and down, mean rating), feedback per day, and the
// feedback itself newest first, filtered by verdict (the `thumbs` search param) with "Load more".
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Button } from '@/components/ui/button';
import { Stat } from '@/components/ui/facts';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import type { AgentFeedback } from '@/lib/types';
import { formatNumber } from '@/lib/utils';
import { feedbackQuery } from './api';
import { FeedbackChart, formatRating } from './feedback-chart';
import { FeedbackList } from './feedback-list';
import { type Thumbs, thumbsValues } from './search';

const route = getRouteApi('/app/workspace/$agentSlug/evaluations');
const thumbsLabel: Record<Thumbs, string> = { up: 'Thumbs up', down: 'Thumbs down' };

function Totals({ totals }: { totals: AgentFeedback['totals'] }) {
  return (
    <dl aria-label="Feedback totals" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      <Stat label="Thumbs up" value={formatNumber(totals.thumbsUp)} />
      <Stat label="Thumbs down" value={formatNumber(totals.thumbsDown)} />
      <Stat label="Mean rating" value={formatRating(totals.avgRating)} />
      <Stat label="Feedback given" value={formatNumber(totals.count)} />
    </dl>
  );
}

export function FeedbackSection({ slug, from, to }: { slug: string; from: string; to: string }) {
  const { thumbs } = route.useSearch();
  const navigate = route.useNavigate();
  const feedback = useInfiniteQuery({ ...feedbackQuery(slug, from, to, thumbs), placeholderData: keepPreviousData });
  const first = feedback.data?.pages[0];
  const items = feedback.data?.pages.flatMap((p) => p.feedback) ?? [];

  if (feedback.error) return <ErrorNotice error={feedback.error} />;
  if (!first) return <Skeleton className="h-48" />;
  if (first.totals.count === 0 && !thumbs)
    return (
      <EmptyState title="No feedback in this range">
        Thumbs, ratings and comments given on this agent's answers (on the Test page or a run's page) show here.
      </EmptyState>
    );
  return (
    <div className="grid gap-5" aria-busy={feedback.isFetching}>
      <Totals totals={first.totals} />
      <FeedbackChart daily={first.daily} from={from} to={to} />
      <div className="grid gap-3">
        <Field id="feedback-thumbs" label="Verdict" className="w-44">
          <Select
            id="feedback-thumbs"
            value={thumbs ?? ''}
            onChange={(e) =>
              navigate({
                search: (prev) => ({ ...prev, thumbs: (e.target.value || undefined) as Thumbs | undefined }),
                replace: true,
              })
            }
          >
            <option value="">All feedback</option>
            {thumbsValues.map((t) => (
              <option key={t} value={t}>
                {thumbsLabel[t]}
              </option>
            ))}
          </Select>
        </Field>
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {thumbs ? `No ${thumbsLabel[thumbs].toLowerCase()} in this range.` : 'No feedback in this range.'}
          </p>
        ) : (
          <FeedbackList items={items} slug={slug} />
        )}
        {feedback.hasNextPage && (
          <Button
            variant="outline"
            className="justify-self-center"
            disabled={feedback.isFetchingNextPage}
            onClick={() => feedback.fetchNextPage()}
          >
            {feedback.isFetchingNextPage ? 'Loading…' : 'Load more feedback'}
          </Button>
        )}
      </div>
    </div>
  );
}
