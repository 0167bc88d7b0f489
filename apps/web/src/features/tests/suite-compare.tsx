// Two suite runs case by case: the summary counts (pinned regressions called out), then each case's result on the
// left and the right and its change — fixed in green, regressed in red, a pinned regression's row highlighted.
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { CaseResult, SuiteComparison } from '@/lib/types';
import { cn } from '@/lib/utils';
import { compareQuery } from './api';
import { changeLabel, changeVariant, formatScore } from './format';
import { Verdict } from './suite-results';

function Side({ result }: { result: CaseResult | null }) {
  return (
    <span className="inline-flex items-center gap-2">
      <Verdict result={result} />
      {result && <span className="text-xs tabular-nums text-muted-foreground">{formatScore(result.score)}</span>}
    </span>
  );
}

function Summary({ data }: { data: SuiteComparison }) {
  const s = data.summary;
  const counts = [
    ['fixed', s.fixed],
    ['regressed', s.regressed],
    ['still pass', s.samePass],
    ['still fail', s.sameFail],
    ['missing', s.missing],
  ] as const;
  return (
    <div className="grid gap-2">
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label="Comparison summary">
        {counts.map(([label, n]) => (
          <div key={label} className="flex items-baseline gap-1.5">
            <dt className="text-muted-foreground">{label}</dt>
            <dd
              className={cn(
                'font-semibold tabular-nums',
                label === 'fixed' && n > 0 && 'text-primary',
                label === 'regressed' && n > 0 && 'text-destructive',
              )}
            >
              {n}
            </dd>
          </div>
        ))}
      </dl>
      {s.regressedPinned.length > 0 && (
        <p role="alert" className="flex items-center gap-2 text-sm text-destructive">
          <AlertTriangle className="size-4 shrink-0" aria-hidden />
          Pinned case{s.regressedPinned.length === 1 ? '' : 's'} regressed:{' '}
          {s.regressedPinned.map((id) => data.cases.find((c) => c.testCaseId === id)?.name ?? id).join(', ')}
        </p>
      )}
    </div>
  );
}

export function SuiteCompare({ slug, left, right }: { slug: string; left: string; right: string }) {
  const { data, error } = useQuery(compareQuery(slug, left, right));
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Skeleton className="h-32" />;
  const l = `v${data.a.version}`;
  const r = `v${data.b.version}`;
  return (
    <div className="grid gap-3">
      <Summary data={data} />
      <Table aria-label={`Comparison of ${l} and ${r}`}>
        <THead>
          <TR>
            <TH>Case</TH>
            <TH>{l} (left)</TH>
            <TH>{r} (right)</TH>
            <TH>Change</TH>
          </TR>
        </THead>
        <TBody>
          {data.cases.map((c) => {
            const pinnedRegression = c.pinned && c.change === 'regressed';
            return (
              <TR key={c.testCaseId} className={cn(pinnedRegression && 'bg-destructive/10 hover:bg-destructive/15')}>
                <TD className="font-medium">
                  {c.name}
                  {c.pinned && <span className="ml-1 text-xs text-muted-foreground">(pinned)</span>}
                </TD>
                <TD>
                  <Side result={c.a} />
                </TD>
                <TD>
                  <Side result={c.b} />
                </TD>
                <TD>
                  <Badge variant={changeVariant[c.change]}>{changeLabel[c.change]}</Badge>
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}
