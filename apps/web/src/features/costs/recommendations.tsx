// The agent's cost recommendations (cheaper model, long prompts, unused tools) with the estimated monthly saving,
// and a button that recomputes them now instead of waiting for the nightly job.
import { Lightbulb, RefreshCw } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import type { CostRecommendation } from '@/lib/types';
import { formatUsd, timeAgo } from '@/lib/utils';
import { useRecomputeRecommendations } from './api';

export function RecomputeButton({ slug }: { slug: string }) {
  const recompute = useRecomputeRecommendations(slug);
  return (
    <div className="grid justify-items-end gap-2">
      <Button
        variant="outline"
        size="sm"
        disabled={recompute.isPending}
        onClick={() =>
          recompute.mutate(undefined, {
            onSuccess: (list) =>
              toast.success(`${list.length} ${list.length === 1 ? 'recommendation' : 'recommendations'} found`),
          })
        }
      >
        <RefreshCw aria-hidden className={recompute.isPending ? 'animate-spin' : undefined} />
        {recompute.isPending ? 'Recomputing…' : 'Recompute'}
      </Button>
      {recompute.error && <ErrorNotice error={recompute.error} />}
    </div>
  );
}

export function RecommendationList({ items }: { items: CostRecommendation[] }) {
  if (!items.length)
    return (
      <p className="text-sm text-muted-foreground">
        No recommendations: nothing in the last 30 days suggests a cheaper setup.
      </p>
    );
  return (
    <ul aria-label="Cost recommendations" className="grid gap-3">
      {items.map((r) => (
        <li key={r.id} className="flex items-start gap-3 rounded-lg border p-3">
          <Lightbulb className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
          <div className="grid min-w-0 flex-1 gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <p className="text-sm font-medium">{r.title}</p>
              <Badge variant="outline">{r.type.replaceAll('-', ' ')}</Badge>
            </div>
            <p className="text-sm text-muted-foreground">{r.description}</p>
            <p className="text-xs text-muted-foreground">computed {timeAgo(r.updatedAt)}</p>
          </div>
          <div className="shrink-0 text-right">
            <p className="text-sm font-semibold tabular-nums">
              {r.estimatedSavingsUsd == null ? '—' : formatUsd(r.estimatedSavingsUsd)}
            </p>
            <p className="text-xs text-muted-foreground">est. saving / month</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
