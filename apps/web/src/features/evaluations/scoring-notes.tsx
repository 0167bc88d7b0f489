// How this agent's runs are scored, in plain words: each scorer's method and direction, the sample of runs scored,
// and when an EVAL alert is raised. States only what the server does (code-based scoring, or a judge model for
// relevancy and toxicity when the server has one).
import { Badge } from '@/components/ui/badge';
import type { ScorerInfo } from '@/lib/types';
import { direction } from './scorers';

export function ScoringNotes({ scorers }: { scorers: ScorerInfo[] }) {
  return (
    <div className="grid gap-4 text-sm">
      <dl className="grid gap-3">
        {scorers.map((s) => (
          <div key={s.id} className="grid gap-0.5">
            <dt className="flex flex-wrap items-center gap-2 font-medium">
              {s.name}
              <Badge variant={s.higherIsBetter ? 'secondary' : 'warning'}>{direction(s)}</Badge>
            </dt>
            <dd className="text-muted-foreground">{s.method}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-2 border-t pt-3 text-muted-foreground">
        <p>
          Scores run from 0 to 1. Runs are scored in the background once they complete, by the code methods above — or,
          when the server sets <code className="font-mono text-xs">EVAL_JUDGE_MODEL</code>, relevancy and toxicity by
          that judge model; every score records the method that ran. The server setting{' '}
          <code className="font-mono text-xs">EVAL_SAMPLE_RATE</code> (default 1, every run) sets the share of runs
          scored.
        </p>
        <p>
          An EVAL alert is raised when a day's mean quality falls below{' '}
          <code className="font-mono text-xs">EVAL_ALERT_THRESHOLD</code> (default 0.5) over at least{' '}
          <code className="font-mono text-xs">EVAL_ALERT_MIN_RUNS</code> (default 5) scored runs.
        </p>
      </div>
    </div>
  );
}
