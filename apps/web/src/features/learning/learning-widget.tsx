// The Overview's Learning card: the agent's learning status, its running experiments and how many proposals were
// promoted automatically and by a person, with a link to the Learning page (all from the learning dashboard).
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { cn } from '@/lib/utils';
import { Kpi } from '../agent/kpi';
import { dashboardQuery } from './api';
import { LearningStatusBadge, learningStatusOf } from './labels';

export function LearningCard({ slug, className }: { slug: string; className?: string }) {
  const { data, error } = useQuery(dashboardQuery(slug));
  if (error) return <ErrorNotice error={error} className={className} />;
  if (!data) return <Skeleton className={cn('h-28', className)} />;
  const status = learningStatusOf(data.status);
  const { activeExperiments, autoPromotions, manualPromotions } = data.counts;
  return (
    <section aria-label="Learning" className={cn('grid', className)}>
      <Kpi
        label="Learning: running experiments"
        value={String(activeExperiments)}
        hint={
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <LearningStatusBadge status={status} />
            <span>
              promoted {autoPromotions} automatically · {manualPromotions} by a person ·{' '}
              <Link
                to="/workspace/$agentSlug/learning"
                params={{ agentSlug: slug }}
                className="text-primary underline-offset-4 hover:underline"
              >
                Learning
              </Link>
            </span>
          </span>
        }
      />
    </section>
  );
}
