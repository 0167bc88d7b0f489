// One suite run as it happens: status, a progress bar read every second while it is queued or running, the counts,
// and each case's result (passed or failed, score, an excerpt of the answer, duration, a link to the run).
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Badge } from '@/components/ui/badge';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { CaseResult, SuiteRun } from '@/lib/types';
import { formatMs } from '@/lib/utils';
import { suiteRunQuery } from './api';
import { excerpt, formatScore } from './format';

const statusVariant: Record<SuiteRun['status'], 'default' | 'destructive' | 'secondary' | 'warning'> = {
  QUEUED: 'secondary',
  RUNNING: 'warning',
  COMPLETED: 'default',
  FAILED: 'destructive',
};

export function SuiteStatus({ status }: { status: SuiteRun['status'] }) {
  return <Badge variant={statusVariant[status]}>{status.toLowerCase()}</Badge>;
}

/** Passed, failed, or not judged (the run failed before an answer). */
export function Verdict({ result }: { result: CaseResult | null }) {
  if (!result) return <span className="text-muted-foreground">—</span>;
  if (result.passed === null) return <Badge variant="outline">no verdict</Badge>;
  return <Badge variant={result.passed ? 'default' : 'destructive'}>{result.passed ? 'passed' : 'failed'}</Badge>;
}

function ResultRow({ slug, result: r }: { slug: string; result: CaseResult }) {
  return (
    <TR>
      <TD className="font-medium">
        {r.name}
        {r.pinned && <span className="ml-1 text-xs text-muted-foreground">(pinned)</span>}
      </TD>
      <TD>
        <Verdict result={r} />
      </TD>
      <TD className="tabular-nums">{formatScore(r.score)}</TD>
      <TD className="max-w-80 text-muted-foreground" title={r.error ?? r.outputText ?? undefined}>
        {r.error ? <span className="text-destructive">{excerpt(r.error, 100)}</span> : excerpt(r.outputText, 100)}
      </TD>
      <TD className="whitespace-nowrap tabular-nums">{formatMs(r.durationMs)}</TD>
      <TD className="whitespace-nowrap">
        {r.runId && (
          <Link
            to="/workspace/$agentSlug/runs/$runId"
            params={{ agentSlug: slug, runId: r.runId }}
            className="text-primary hover:underline"
          >
            View run
          </Link>
        )}
      </TD>
    </TR>
  );
}

export function SuiteResults({ slug, suiteRunId }: { slug: string; suiteRunId: string }) {
  const { data: suite, error } = useQuery(suiteRunQuery(slug, suiteRunId));
  if (error) return <ErrorNotice error={error} />;
  if (!suite) return <Skeleton className="h-24" />;
  const percent = Math.round(suite.progress * 100);
  return (
    <section className="grid gap-3" aria-label={`Suite run of v${suite.version}`}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-medium">Suite run of v{suite.version}</span>
        <SuiteStatus status={suite.status} />
        <span className="text-muted-foreground" role="status">
          {suite.done} of {suite.total} done · {suite.passed} passed · {suite.failed} failed
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Suite progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={suite.failed ? 'h-full bg-warning transition-all' : 'h-full bg-primary transition-all'}
          style={{ width: `${percent}%` }}
        />
      </div>
      {suite.error && <ErrorNotice error={suite.error} />}
      {suite.results.length > 0 && (
        <Table aria-label="Suite results">
          <THead>
            <TR>
              <TH>Case</TH>
              <TH>Result</TH>
              <TH>Score</TH>
              <TH>Answer</TH>
              <TH>Duration</TH>
              <TH>
                <span className="sr-only">Run</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {suite.results.map((r) => (
              <ResultRow key={r.testCaseId} slug={slug} result={r} />
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
