// One tile per scorer of the agent: its mean score over the range, how many runs it scored and which way is better.
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { AgentEvaluations } from '@/lib/types';
import { formatNumber } from '@/lib/utils';
import { Kpi } from '../agent/kpi';
import { direction, formatScore } from './scorers';

export function ScoreKpis({ data }: { data: Pick<AgentEvaluations, 'scorers' | 'byScorer'> }) {
  return (
    <section aria-label="Mean score per scorer" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      {data.scorers.map((scorer) => {
        const figures = data.byScorer.find((s) => s.scorerId === scorer.id);
        const Arrow = scorer.higherIsBetter ? ArrowUp : ArrowDown;
        const count = figures?.count ?? 0;
        return (
          <Kpi
            key={scorer.id}
            label={scorer.name}
            value={formatScore(figures?.avgScore)}
            hint={
              <span className="flex flex-wrap items-center gap-x-2">
                <span>
                  mean of {formatNumber(count)} {count === 1 ? 'run' : 'runs'}
                </span>
                <span className="inline-flex items-center gap-0.5" title={scorer.method}>
                  <Arrow className="size-3" aria-hidden /> {direction(scorer)}
                </span>
              </span>
            }
          />
        );
      })}
    </section>
  );
}
