// The agent's feedback newest first: each verdict's thumbs, rating and comment, who gave it, when, and its run.
import { Link } from '@tanstack/react-router';
import { Star, ThumbsDown, ThumbsUp } from 'lucide-react';
import type { Feedback } from '@/lib/types';
import { useUserName } from '@/lib/user-name';
import { cn, formatDateTime, timeAgo } from '@/lib/utils';

/** Filled stars up to `rating` of 5, named for screen readers. */
export function Stars({ rating }: { rating: number }) {
  return (
    <span className="inline-flex items-center" role="img" aria-label={`Rated ${rating} of 5`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Star
          key={n}
          aria-hidden
          className={cn('size-3.5', n <= rating ? 'fill-warning text-warning' : 'text-muted-foreground/50')}
        />
      ))}
    </span>
  );
}

function Verdict({ thumbs }: { thumbs: Feedback['thumbs'] }) {
  if (thumbs === 'up')
    return (
      <span className="inline-flex items-center gap-1 text-primary">
        <ThumbsUp className="size-4" aria-hidden /> <span className="text-xs font-medium">Thumbs up</span>
      </span>
    );
  if (thumbs === 'down')
    return (
      <span className="inline-flex items-center gap-1 text-destructive">
        <ThumbsDown className="size-4" aria-hidden /> <span className="text-xs font-medium">Thumbs down</span>
      </span>
    );
  return <span className="text-xs text-muted-foreground">No thumbs</span>;
}

function FeedbackItem({ item, slug, giver }: { item: Feedback; slug: string; giver: string }) {
  return (
    <li className="grid gap-1.5 px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Verdict thumbs={item.thumbs} />
        {item.rating != null && <Stars rating={item.rating} />}
        <span className="text-xs text-muted-foreground">
          by {giver} ·{' '}
          <time dateTime={item.updatedAt} title={formatDateTime(item.updatedAt)}>
            {timeAgo(item.updatedAt)}
          </time>
        </span>
        <Link
          to="/workspace/$agentSlug/runs/$runId"
          params={{ agentSlug: slug, runId: item.runId }}
          className="ml-auto text-xs text-primary hover:underline"
        >
          Run <code className="font-mono">{item.runId.slice(0, 8)}</code>
        </Link>
      </div>
      {item.comment ? (
        <p className="whitespace-pre-wrap break-words text-sm">{item.comment}</p>
      ) : (
        <p className="text-xs text-muted-foreground">No comment.</p>
      )}
    </li>
  );
}

export function FeedbackList({ items, slug }: { items: Feedback[]; slug: string }) {
  const userName = useUserName();
  const giverOf = (item: Feedback) =>
    userName(item.userId) ?? (item.giver.startsWith('apiKey:') ? 'an API key' : 'a former member');
  return (
    <ul aria-label="Feedback, newest first" className="divide-y rounded-xl border">
      {items.map((item) => (
        <FeedbackItem key={item.id} item={item} slug={slug} giver={giverOf(item)} />
      ))}
    </ul>
  );
}
