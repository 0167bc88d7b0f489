// The Metrics tab: over a range of UTC days (last 7/30/90 or custom, in the URL) the loop's KPIs — signals, sessions,
// proposals, the gate's pass rate, promotions (automatic and by a person), regressions, inconclusive experiments and the
// median time from a signal to its promotion — and two daily charts.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RangePicker } from '@/components/range-picker';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { type DayRangeSearch, longDay, rangeProblem, type SelectedRange } from '@/lib/day-range';
import type { LearningMetrics } from '@/lib/types';
import { formatNumber, formatPercent } from '@/lib/utils';
import { Section } from '../agent/configure-controls';
import { Kpi } from '../agent/kpi';
import { metricsQuery } from './api';
import { formatMinutes } from './labels';
import { DailyLearningChart } from './metrics-chart';

function MetricKpis({ totals: t }: { totals: LearningMetrics['totals'] }) {
  const manual = t.promotions - t.autoPromotions;
  return (
    <section aria-label="Learning figures of the range" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      <Kpi label="Signals" value={formatNumber(t.signals)} hint="low scores, failures, negative feedback, …" />
      <Kpi
        label="Sessions"
        value={formatNumber(t.sessions)}
        hint={`${formatNumber(t.experiments)} experiment${t.experiments === 1 ? '' : 's'} started`}
      />
      <Kpi
        label="Proposals"
        value={formatNumber(t.proposals)}
        hint={`promotion rate ${formatPercent(t.promotionRate)}`}
      />
      <Kpi
        label="Gate pass rate"
        value={formatPercent(t.gatePassRate)}
        hint={`${formatNumber(t.gatePassed)} passed (or no test cases) · ${formatNumber(t.gateFailed)} failed`}
      />
      <Kpi
        label="Promotions"
        value={formatNumber(t.promotions)}
        hint={`${formatNumber(t.autoPromotions)} automatic · ${formatNumber(manual)} by a person`}
      />
      <Kpi label="Regressions" value={formatNumber(t.regressions)} hint="candidate worse: the baseline was kept" />
      <Kpi label="Inconclusive" value={formatNumber(t.inconclusive)} hint="run or time cap without a clear winner" />
      <Kpi
        label="Signal to promotion (median)"
        value={formatMinutes(t.medianSignalToPromotionMinutes)}
        hint="from a proposal's first signal to its promotion"
      />
    </section>
  );
}

const inputSeries = [
  { key: 'signals', label: 'Signals', color: 'var(--chart-2)', swatch: 'bg-chart-2' },
  { key: 'sessions', label: 'Sessions', color: 'var(--chart-3)', swatch: 'bg-chart-3' },
] as const;
const outcomeSeries = [
  { key: 'proposals', label: 'Proposals', color: 'var(--chart-2)', swatch: 'bg-chart-2' },
  { key: 'promotions', label: 'Promotions', color: 'var(--chart-1)', swatch: 'bg-chart-1' },
  { key: 'regressions', label: 'Regressions', color: 'var(--destructive)', swatch: 'bg-destructive' },
  { key: 'inconclusive', label: 'Inconclusive', color: 'var(--chart-4)', swatch: 'bg-chart-4' },
] as const;

export function MetricsTab({
  slug,
  range,
  onRange,
}: {
  slug: string;
  range: SelectedRange;
  onRange: (search: DayRangeSearch) => void;
}) {
  const problem = rangeProblem(range.from, range.to);
  const { data, error } = useQuery({
    ...metricsQuery(slug, range.from, range.to),
    enabled: !problem,
    placeholderData: keepPreviousData,
  });
  const days = `${longDay(range.from)} – ${longDay(range.to)} (UTC)`;
  return (
    <div className="grid gap-6">
      <RangePicker id="learning-metrics" range={range} onChange={onRange} />
      {problem ? (
        <ErrorNotice error={problem} />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : !data ? (
        <Skeleton className="h-72" />
      ) : (
        <>
          <MetricKpis totals={data.totals} />
          <div className="grid gap-6 xl:grid-cols-2">
            <Section id="learning-inputs" title="Signals and sessions per day" description={days} className="min-w-0">
              <DailyLearningChart
                id="learning-inputs-chart"
                summary="Signals collected and sessions started per day."
                series={[...inputSeries]}
                daily={data.daily}
                from={range.from}
                to={range.to}
              />
            </Section>
            <Section
              id="learning-outcomes"
              title="Proposals and outcomes per day"
              description={days}
              className="min-w-0"
            >
              <DailyLearningChart
                id="learning-outcomes-chart"
                summary="Proposals made, promotions, regressions and inconclusive experiments per day."
                series={[...outcomeSeries]}
                daily={data.daily}
                from={range.from}
                to={range.to}
              />
            </Section>
          </div>
        </>
      )}
    </div>
  );
}
