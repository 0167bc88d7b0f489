// "Agreement with people": per scorer, the pairs of verdicts on the same run (from thumbs and from test cases),
// Cohen's κ, and the precision and recall of its "bad" calls, each with a 95 % interval, and the 2×2 counts; a
// warning where there are too few pairs for the figures to mean much. The method is the card's description.
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { ScorerAgreement } from '@/lib/types';
import { Section } from '../agent/configure-controls';
import { agreementQuery } from './api';
import { formatScore } from './scorers';

type Estimate = ScorerAgreement['kappa'];

/** "0.62 (0.41–0.83)", or a dash where it cannot be computed. */
function EstimateCell({ estimate: e }: { estimate: Estimate }) {
  return (
    <TD className="whitespace-nowrap tabular-nums">
      {formatScore(e.value)}
      {e.low != null && e.high != null && (
        <span className="ml-1 text-xs text-muted-foreground">
          ({formatScore(e.low)}–{formatScore(e.high)})
        </span>
      )}
    </TD>
  );
}

/** The 2×2 counts: rows the scorer's call, columns the person's. */
function Confusion({ c, name }: { c: ScorerAgreement['confusion']; name: string }) {
  const cell = 'px-2 py-0.5 text-center tabular-nums';
  return (
    <table className="text-xs leading-tight" aria-label={`${name}: scorer against people`}>
      <thead>
        <tr className="text-muted-foreground">
          <th className="px-1 text-left font-normal">
            <span className="sr-only">Scorer says</span>
          </th>
          <th className="px-1 pb-0.5 font-normal">person bad</th>
          <th className="px-1 pb-0.5 font-normal">person good</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th className="whitespace-nowrap px-1 text-left font-normal text-muted-foreground">scorer bad</th>
          <td className={`${cell} rounded-tl bg-primary/15`}>{c.bothBad}</td>
          <td className={`${cell} rounded-tr bg-muted`}>{c.scorerBadOnly}</td>
        </tr>
        <tr>
          <th className="whitespace-nowrap px-1 text-left font-normal text-muted-foreground">scorer good</th>
          <td className={`${cell} rounded-bl bg-muted`}>{c.personBadOnly}</td>
          <td className={`${cell} rounded-br bg-primary/15`}>{c.bothGood}</td>
        </tr>
      </tbody>
    </table>
  );
}

function AgreementRow({ s, minPairs }: { s: ScorerAgreement; minPairs: number }) {
  return (
    <TR className="align-top">
      <TD className="font-medium">
        <span className="whitespace-nowrap">{s.name}</span>
        {!s.enough && (
          <Badge variant="warning" className="mt-1 flex w-fit" title={`Fewer than ${minPairs} pairs`}>
            <AlertTriangle className="size-3" aria-hidden /> too few pairs
          </Badge>
        )}
      </TD>
      <TD className="whitespace-nowrap tabular-nums">
        <span>{s.pairs}</span>
        <p className="text-xs text-muted-foreground">
          {s.sources.feedback} thumbs · {s.sources.testCases} test cases
        </p>
      </TD>
      <EstimateCell estimate={s.kappa} />
      <EstimateCell estimate={s.precision} />
      <EstimateCell estimate={s.recall} />
      <TD>
        <Confusion c={s.confusion} name={s.name} />
      </TD>
    </TR>
  );
}

export function AgreementCard({ slug, from, to }: { slug: string; from: string; to: string }) {
  const { data, error } = useQuery(agreementQuery(slug, from, to));
  const scorers = data?.scorers.filter((s) => s.pairs > 0) ?? [];
  return (
    <Section
      id="agreement"
      title="Agreement with people"
      description={data?.method ?? 'How far each scorer’s verdicts agree with people’s on the same runs.'}
      className="min-w-0"
    >
      {error ? (
        <ErrorNotice error={error} />
      ) : !data ? (
        <Skeleton className="h-24" />
      ) : scorers.length === 0 ? (
        <EmptyState title="No pairs of verdicts yet">
          Give thumbs on scored runs, or run a test suite, to see how far the scorers agree with people.
        </EmptyState>
      ) : (
        <>
          {scorers.some((s) => !s.enough) && (
            <p
              role="note"
              className="flex items-start gap-2 rounded-md border border-warning/60 bg-warning/15 px-3 py-2 text-sm"
            >
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>
                <strong className="font-semibold">Fewer than {data.minPairs} pairs: these figures mean little.</strong>{' '}
                {scorers
                  .filter((s) => !s.enough)
                  .map((s) => s.name)
                  .join(', ')}{' '}
                — give thumbs on more scored runs, or run the test suite, before trusting them.
              </span>
            </p>
          )}
          <Table aria-label="Agreement with people">
            <THead>
              <TR>
                <TH>Scorer</TH>
                <TH>Pairs</TH>
                <TH>κ (95 %)</TH>
                <TH>Precision (95 %)</TH>
                <TH>Recall (95 %)</TH>
                <TH>Counts</TH>
              </TR>
            </THead>
            <TBody>
              {scorers.map((s) => (
                <AgreementRow key={s.scorerId} s={s} minPairs={data.minPairs} />
              ))}
            </TBody>
          </Table>
        </>
      )}
      {data && (
        <p className="text-xs text-muted-foreground">
          A scorer calls an answer bad when its quality is below {data.threshold}. {data.scoredRuns} scored run
          {data.scoredRuns === 1 ? '' : 's'} in this range.
        </p>
      )}
    </Section>
  );
}
