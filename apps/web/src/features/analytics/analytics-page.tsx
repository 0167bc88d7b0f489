// /workspace/:agentSlug/analytics: the agent's operations over a range of UTC days (last 7/30/90 days or custom,
// in the URL) — KPIs, daily charts of runs, success rate, latency, tokens and cost, then tool usage, the models
// side by side and each version's figures. The figures come from rollups a background job fills after each run.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { RangePicker } from '@/components/range-picker';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { type DayRangeSearch, longDay, rangeProblem, selectedRange } from '@/lib/day-range';
import type { AgentAnalytics } from '@/lib/types';
import { formatMs, formatNumber, formatPercent, formatUsd } from '@/lib/utils';
import { useAgentSlug } from '../agent/agent-layout';
import { Section } from '../agent/configure-controls';
import { Kpi } from '../agent/kpi';
import { analyticsQuery } from './api';
import { ModelComparisonTable, ToolUsageTable, VersionTable } from './breakdown-tables';
import { LatencyChart, RunsChart, SuccessRateChart, TokensCostChart } from './daily-charts';
import { fillDays } from './range';

function Kpis({ data }: { data: AgentAnalytics }) {
  const sum = (pick: (d: AgentAnalytics['daily'][number]) => number) => data.daily.reduce((s, d) => s + pick(d), 0);
  const runs = sum((d) => d.runs);
  const successes = sum((d) => d.successes);
  // The mean latency of the range, each day weighted by its runs.
  const timed = data.daily.filter((d) => d.avgDurationMs != null);
  const timedRuns = timed.reduce((s, d) => s + d.runs, 0);
  const meanMs = timedRuns ? timed.reduce((s, d) => s + (d.avgDurationMs ?? 0) * d.runs, 0) / timedRuns : null;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      <Kpi label="Runs" value={formatNumber(runs)} hint={`${formatNumber(runs - successes)} failed`} />
      <Kpi
        label="Success rate"
        value={formatPercent(runs ? successes / runs : null)}
        hint={`${formatNumber(successes)} succeeded`}
      />
      <Kpi label="Mean latency" value={formatMs(meanMs)} hint="weighted by runs per day" />
      <Kpi
        label="Cost"
        value={formatUsd(sum((d) => d.costUsd))}
        hint={`${formatNumber(sum((d) => d.tokens))} tokens`}
      />
    </div>
  );
}

function Figures({ data, slug }: { data: AgentAnalytics; slug: string }) {
  const days = fillDays(data.daily, data.from, data.to);
  const range = `${longDay(data.from)} – ${longDay(data.to)} (UTC)`;
  return (
    <>
      <Kpis data={data} />
      <div className="grid gap-6 xl:grid-cols-2">
        <Section id="runs-per-day" title="Runs per day" description={range} className="min-w-0">
          <RunsChart days={days} />
        </Section>
        <Section id="success-rate" title="Success rate" description="Completed runs over all runs" className="min-w-0">
          <SuccessRateChart days={days} />
        </Section>
        <Section id="latency" title="Latency" description="Run duration: mean, p50 and p95" className="min-w-0">
          <LatencyChart days={days} />
        </Section>
        <Section
          id="tokens-cost"
          title="Tokens and cost"
          description="Prompt and completion together"
          className="min-w-0"
        >
          <TokensCostChart days={days} />
        </Section>
      </div>
      <Section id="tool-usage" title="Tool usage" description="Every tool call of the range" className="min-w-0">
        {data.tools.length ? (
          <ToolUsageTable tools={data.tools} />
        ) : (
          <p className="text-sm text-muted-foreground">The agent called no tools in this range.</p>
        )}
      </Section>
      <div className="grid gap-6 xl:grid-cols-2">
        <Section id="model-comparison" title="Models" description="Each model that served runs" className="min-w-0">
          <ModelComparisonTable models={data.models} />
        </Section>
        <Section
          id="version-stats"
          title="Versions"
          description="Each agent version that served runs, over all its runs (not only this range); open one to compare it"
          className="min-w-0"
        >
          {data.versions.length ? (
            <VersionTable versions={data.versions} slug={slug} />
          ) : (
            <p className="text-sm text-muted-foreground">No run of this agent is tied to a version yet.</p>
          )}
        </Section>
      </div>
    </>
  );
}

export function AnalyticsPage() {
  const slug = useAgentSlug();
  const search = useSearch({ from: '/app/workspace/$agentSlug/analytics' }) as DayRangeSearch;
  const navigate = useNavigate({ from: '/workspace/$agentSlug/analytics' });
  const range = selectedRange(search);
  const problem = rangeProblem(range.from, range.to);
  const query = useQuery({
    ...analyticsQuery(slug, range.from, range.to),
    enabled: !problem,
    placeholderData: keepPreviousData,
  });
  // Versions are all-time totals, so the range is empty when it has no day of runs.
  const empty = query.data && query.data.daily.length === 0;

  return (
    <section aria-labelledby="analytics-title" className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 id="analytics-title" className="text-lg font-semibold">
            Analytics
          </h2>
          <p className="max-w-prose text-sm text-muted-foreground">
            Per UTC day. A run's figures appear once its background job has run, normally within a second or so of the
            run ending.
          </p>
        </div>
        <RangePicker id="analytics" range={range} onChange={(s) => navigate({ search: s, replace: true })} />
      </div>

      {problem ? (
        <ErrorNotice error={problem} />
      ) : query.error ? (
        <ErrorNotice error={query.error} />
      ) : query.isPending ? (
        <div className="grid gap-4" aria-busy="true">
          <Skeleton className="h-28" />
          <Skeleton className="h-72" />
        </div>
      ) : empty ? (
        <EmptyState title="No runs in this range">
          Runs of this agent show here by day, tool, model and version. Widen the range, or try the agent on the{' '}
          <Link to="/workspace/$agentSlug/test" params={{ agentSlug: slug }} className="text-primary underline">
            Test
          </Link>{' '}
          page.
        </EmptyState>
      ) : (
        <div className="grid gap-6" aria-busy={query.isFetching}>
          <Figures data={query.data} slug={slug} />
        </div>
      )}
    </section>
  );
}
