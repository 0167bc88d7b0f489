// A table of scored runs: each run's mean quality (as a bar), its score by each scorer (red where poor, whichever
// way the scorer points), excerpts of its question and answer, when it was scored and a link to the run. The Evaluations page shows its worst runs and its latest ones.
import { Link } from '@tanstack/react-router';
import { ArrowDown } from 'lucide-react';
import { ShareBar } from '@/components/chart';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { ScoredRun, ScorerInfo } from '@/lib/types';
import { cn, formatDateTime, timeAgo } from '@/lib/utils';
import { direction, excerpt, formatScore } from './scorers';

/** Below this quality a run's bar and a score show red: EVAL_ALERT_THRESHOLD's default. */
const LOW_QUALITY = 0.5;

function Excerpt({ label, text }: { label: string; text: string | null }) {
  return (
    <p className="line-clamp-2 break-words text-sm" title={text ?? undefined}>
      <span className="mr-1 text-xs font-medium text-muted-foreground">{label}</span>
      {text ? excerpt(text) : <span className="text-muted-foreground">—</span>}
    </p>
  );
}

function ScoredRunRow({ run, scorers, slug }: { run: ScoredRun; scorers: ScorerInfo[]; slug: string }) {
  return (
    <TR>
      <TD className="align-top">
        <ShareBar
          value={run.quality ?? 0}
          label={formatScore(run.quality)}
          className={run.quality != null && run.quality < LOW_QUALITY ? 'bg-destructive' : undefined}
        />
      </TD>
      {scorers.map((s) => {
        const score = run.scores[s.id];
        return (
          <TD
            key={s.id}
            className={cn(
              'text-right align-top tabular-nums',
              score?.quality != null && score.quality < LOW_QUALITY && 'font-medium text-destructive',
            )}
            title={score?.label}
          >
            {formatScore(score?.score)}
          </TD>
        );
      })}
      <TD className="align-top">
        <div className="grid gap-1">
          <Excerpt label="Q" text={run.inputText} />
          <Excerpt label="A" text={run.outputText} />
        </div>
      </TD>
      <TD className="whitespace-nowrap align-top">
        <div className="grid gap-0.5">
          <Link
            to="/workspace/$agentSlug/runs/$runId"
            params={{ agentSlug: slug, runId: run.runId }}
            className="text-primary hover:underline"
            aria-label={`Open run ${run.runId.slice(0, 8)}`}
          >
            <code className="font-mono text-xs">{run.runId.slice(0, 8)}</code>
          </Link>
          <time
            dateTime={run.createdAt}
            title={formatDateTime(run.createdAt)}
            className="text-xs text-muted-foreground"
          >
            {timeAgo(run.createdAt)}
          </time>
        </div>
      </TD>
    </TR>
  );
}

export function ScoredRunsTable({
  caption,
  runs,
  scorers,
  slug,
}: {
  caption: string;
  runs: ScoredRun[];
  scorers: ScorerInfo[];
  slug: string;
}) {
  return (
    <div className="rounded-xl border">
      <Table className="min-w-[52rem]" aria-label={caption}>
        <THead>
          <TR>
            <TH className="w-36" title="The mean of the scores, each turned so that higher is better">
              Quality
            </TH>
            {scorers.map((s) => (
              <TH key={s.id} className="w-24 text-right" title={`${s.method} (${direction(s)})`}>
                {s.name}
                {!s.higherIsBetter && (
                  <>
                    <ArrowDown className="ml-0.5 inline size-3 align-[-0.125em]" aria-hidden />
                    <span className="sr-only"> (lower is better)</span>
                  </>
                )}
              </TH>
            ))}
            <TH>Question and answer</TH>
            <TH className="w-24">Run</TH>
          </TR>
        </THead>
        <TBody>
          {runs.map((run) => (
            <ScoredRunRow key={run.id} run={run} scorers={scorers} slug={slug} />
          ))}
        </TBody>
      </Table>
    </div>
  );
}
