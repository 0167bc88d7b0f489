// The caller's verdict on one finished run: thumbs up or down (saved at once; aria-pressed shows the saved one), and
// an inline form for an optional 1–5 star rating and comment. Saving again changes the caller's one verdict. Writes
// need the `run` capability: callers wrap this in <Can need="run">.
import { useQuery } from '@tanstack/react-query';
import { Star, ThumbsDown, ThumbsUp } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Textarea } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { Feedback } from '@/lib/types';
import { cn } from '@/lib/utils';
import { runFeedbackQuery, useGiveFeedback } from './api';
import { Stars } from './feedback-list';
import type { Thumbs } from './search';

const MAX_COMMENT = 2000;

/** Five radio buttons drawn as stars (arrow keys move between them), and a button to clear the rating. */
function StarRating({
  name,
  value,
  onChange,
}: {
  name: string;
  value: number | null;
  onChange: (v: number | null) => void;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-2">
      <legend className="sr-only">Rating (optional)</legend>
      <span aria-hidden className="text-xs font-medium">
        Rating
      </span>
      <div className="flex">
        {[1, 2, 3, 4, 5].map((n) => (
          <label
            key={n}
            className="cursor-pointer rounded p-0.5 has-[input:focus-visible]:ring-2 has-[input:focus-visible]:ring-ring"
          >
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              className="sr-only"
            />
            <Star
              aria-hidden
              className={cn(
                'size-5',
                value != null && n <= value ? 'fill-warning text-warning' : 'text-muted-foreground',
              )}
            />
            <span className="sr-only">
              {n} {n === 1 ? 'star' : 'stars'}
            </span>
          </label>
        ))}
      </div>
      {value != null && (
        <Button variant="ghost" size="sm" className="h-7 px-2" onClick={() => onChange(null)}>
          Clear rating
        </Button>
      )}
    </fieldset>
  );
}

function DetailsForm({
  id,
  saved,
  saving,
  onSave,
  onCancel,
}: {
  id: string;
  saved: Feedback;
  saving: boolean;
  onSave: (rating: number | null, comment: string) => void;
  onCancel: () => void;
}) {
  const [rating, setRating] = useState<number | null>(saved.rating);
  const [comment, setComment] = useState(saved.comment ?? '');
  function submit(e: FormEvent) {
    e.preventDefault();
    onSave(rating, comment);
  }
  return (
    <form
      id={id}
      aria-label="Rating and comment"
      onSubmit={submit}
      className="grid max-w-lg gap-2 rounded-lg border bg-card p-3"
    >
      <StarRating name={`${id}-rating`} value={rating} onChange={setRating} />
      <div className="grid gap-1">
        <Label htmlFor={`${id}-comment`} className="text-xs">
          Comment (optional)
        </Label>
        <Textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={MAX_COMMENT}
          className="min-h-0 resize-y"
          placeholder="What was good or wrong about this answer?"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={saving}>
          {saving ? 'Saving…' : 'Save feedback'}
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function RunFeedback({ slug, runId, className }: { slug: string; runId: string; className?: string }) {
  const query = useQuery(runFeedbackQuery(slug, runId));
  const give = useGiveFeedback(slug, runId);
  const [open, setOpen] = useState(false);
  const id = `feedback-${useId().replace(/:/g, '')}`;
  const saved = query.data?.mine ?? null;
  // While a verdict is being saved, show the one chosen.
  const thumbs = give.isPending ? give.variables.thumbs : saved?.thumbs;

  function choose(verdict: Thumbs) {
    if (verdict === saved?.thumbs || give.isPending) return;
    // The API replaces the whole verdict: keep the rating and comment already given.
    give.mutate({ thumbs: verdict, rating: saved?.rating ?? undefined, comment: saved?.comment ?? undefined });
    if (verdict === 'down' && !saved?.comment) setOpen(true);
  }
  function saveDetails(rating: number | null, comment: string) {
    if (!saved?.thumbs) return;
    give.mutate(
      { thumbs: saved.thumbs, rating: rating ?? undefined, comment: comment.trim() || undefined },
      { onSuccess: () => setOpen(false) },
    );
  }
  const thumb = (verdict: Thumbs, label: string, Icon: typeof ThumbsUp) => (
    <Button
      variant="ghost"
      size="icon"
      className={cn(
        'size-7',
        thumbs === verdict &&
          (verdict === 'up'
            ? 'bg-primary/15 text-primary hover:bg-primary/25 hover:text-primary'
            : 'bg-destructive/15 text-destructive hover:bg-destructive/25 hover:text-destructive'),
      )}
      aria-pressed={thumbs === verdict}
      aria-label={label}
      title={label}
      disabled={query.isPending}
      onClick={() => choose(verdict)}
    >
      <Icon className={cn(thumbs === verdict && 'fill-current/20')} aria-hidden />
    </Button>
  );

  return (
    <div className={cn('grid gap-2', className)}>
      <fieldset className="flex min-w-0 flex-wrap items-center gap-1">
        <legend className="sr-only">Feedback on this answer</legend>
        <span className="mr-1 text-xs text-muted-foreground">Was this answer good?</span>
        {thumb('up', 'Thumbs up', ThumbsUp)}
        {thumb('down', 'Thumbs down', ThumbsDown)}
        {saved?.rating != null && <Stars rating={saved.rating} />}
        {saved && (
          <Button
            variant="link"
            size="sm"
            className="h-7 px-2"
            aria-expanded={open}
            aria-controls={open ? id : undefined}
            onClick={() => setOpen((o) => !o)}
          >
            {saved.rating != null || saved.comment ? 'Edit rating and comment' : 'Add a rating or comment'}
          </Button>
        )}
        <span role="status" className="text-xs text-muted-foreground">
          {give.isPending ? 'Saving…' : give.isSuccess ? 'Feedback saved' : ''}
        </span>
      </fieldset>
      {saved?.comment && !open && (
        <p className="max-w-prose whitespace-pre-wrap break-words text-xs text-muted-foreground">
          Your comment: {saved.comment}
        </p>
      )}
      {open && saved && (
        <DetailsForm
          key={saved.id}
          id={id}
          saved={saved}
          saving={give.isPending}
          onSave={saveDetails}
          onCancel={() => setOpen(false)}
        />
      )}
      {(give.error || query.error) && <ErrorNotice error={give.error ?? query.error} />}
    </div>
  );
}
