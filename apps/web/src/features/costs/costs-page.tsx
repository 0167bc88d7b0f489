// /workspace/:agentSlug/costs: one month's spend (KPIs, daily chart, by model) with the projection to month end, the
// agent's budget policy beside the organization's, open cost alerts and savings recommendations. The month is in
// the URL (?month=YYYY-MM; absent means this month).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Can } from '@/lib/access';
import type { AgentCosts } from '@/lib/types';
import { formatNumber, formatUsd } from '@/lib/utils';
import { useAgentSlug } from '../agent/agent-layout';
import { Section } from '../agent/configure-controls';
import { Kpi } from '../agent/kpi';
import { costsQuery } from './api';
import { BudgetPolicyEditor } from './budget-form';
import { CostAlerts } from './cost-alerts';
import { currentMonth, MONTH_PATTERN, monthLabel } from './month';
import { MonthPicker } from './month-picker';
import { OrgBudgetSummary } from './org-budget-summary';
import { RecommendationList, RecomputeButton } from './recommendations';
import { DailySpendChart, ModelSpendTable } from './spend-charts';

function CostKpis({ costs, month }: { costs: AgentCosts; month: string }) {
  const { totals, projection: p } = costs;
  const perDay = p.elapsedDays ? costs.monthToDate.costUsd / p.elapsedDays : 0;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      <Kpi
        label={month === p.month ? 'Spend, month to date' : `Spend in ${monthLabel(month)}`}
        value={formatUsd(totals.costUsd)}
        hint={`prompt ${formatUsd(totals.promptCostUsd)} · completion ${formatUsd(totals.completionCostUsd)}`}
      />
      <Kpi
        label={`Projected for ${monthLabel(p.month)}`}
        value={formatUsd(p.projectedUsd)}
        hint={
          <span title={`Method: ${p.method}`}>
            linear: {formatUsd(perDay)}/day over {p.elapsedDays} of {p.daysInMonth} days
          </span>
        }
      />
      <Kpi
        label="Runs"
        value={formatNumber(totals.runs)}
        hint={totals.runs ? `${formatUsd(totals.costUsd / totals.runs)} per run` : undefined}
      />
      <Kpi label="Tokens" value={formatNumber(totals.tokens)} hint="prompt and completion" />
    </div>
  );
}

function Spend({ costs, month, slug }: { costs: AgentCosts; month: string; slug: string }) {
  if (costs.totals.runs === 0)
    return (
      <EmptyState title={`No spend in ${monthLabel(month)}`}>
        Priced runs of this agent show here by day and by model. Try it on the{' '}
        <Link to="/workspace/$agentSlug/test" params={{ agentSlug: slug }} className="text-primary underline">
          Test
        </Link>{' '}
        page.
      </EmptyState>
    );
  return (
    <div className="grid gap-6 xl:grid-cols-5">
      <Section id="daily-spend" title="Daily spend" description="UTC days" className="min-w-0 xl:col-span-3">
        <DailySpendChart days={costs.byDay} />
      </Section>
      <Section id="model-spend" title="Spend by model" className="min-w-0 xl:col-span-2">
        <ModelSpendTable models={costs.byModel} />
      </Section>
    </div>
  );
}

export function CostsPage() {
  const slug = useAgentSlug();
  const search = useSearch({ from: '/app/workspace/$agentSlug/costs' });
  const navigate = useNavigate({ from: '/workspace/$agentSlug/costs' });
  const thisMonth = currentMonth();
  const month =
    search.month && MONTH_PATTERN.test(search.month) && search.month <= thisMonth ? search.month : thisMonth;
  const costs = useQuery({ ...costsQuery(slug, month), placeholderData: keepPreviousData });

  return (
    <section aria-labelledby="costs-title" className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1">
          <h2 id="costs-title" className="text-lg font-semibold">
            Costs
          </h2>
          <p className="text-sm text-muted-foreground">
            Per UTC day, at catalog prices or your organization's price overrides.
          </p>
        </div>
        <MonthPicker
          value={month}
          onChange={(m) => navigate({ search: { month: m === thisMonth ? undefined : m }, replace: true })}
        />
      </div>

      {costs.error ? (
        <ErrorNotice error={costs.error} />
      ) : costs.isPending ? (
        <div className="grid gap-4" aria-busy="true">
          <Skeleton className="h-28" />
          <Skeleton className="h-72" />
        </div>
      ) : (
        <div className="grid gap-6" aria-busy={costs.isFetching}>
          <CostKpis costs={costs.data} month={month} />
          <Spend costs={costs.data} month={month} slug={slug} />
        </div>
      )}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section
          id="budget"
          title="Budget"
          description="This agent's monthly limit. Alerts fire once per threshold per month."
        >
          <BudgetPolicyEditor slug={slug} prefix="agentBudget" />
        </Section>
        <div className="grid gap-6">
          <Section id="cost-alerts" title="Cost alerts">
            <CostAlerts slug={slug} />
          </Section>
          <Section
            id="recommendations"
            title="Recommendations"
            description="From the last 30 days of runs, at your prices."
            action={
              <Can need="run">
                <RecomputeButton slug={slug} />
              </Can>
            }
          >
            {costs.data ? (
              <RecommendationList items={costs.data.recommendations} />
            ) : costs.error ? (
              <p className="text-sm text-muted-foreground">Unavailable while the costs cannot be loaded.</p>
            ) : (
              <Skeleton className="h-16" />
            )}
          </Section>
          <Section id="organization-budget" title="Organization budget" description="Applies to all agents together.">
            <OrgBudgetSummary />
          </Section>
        </div>
      </div>
    </section>
  );
}
