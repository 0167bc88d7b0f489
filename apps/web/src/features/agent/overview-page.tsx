// Overview: the KPIs over 30 days (runs, success rate, latency, tokens, cost), this month's cost, the open alerts
// and the learning loop's state, and the last runs.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { formatMs, formatNumber, formatUsd, timeAgo } from '@/lib/utils';
import { LearningCard } from '../learning/learning-widget';
import { useAgentSlug } from './agent-layout';
import { overviewQuery } from './api';
import { Kpi } from './kpi';
import { CostThisMonthCard, OpenAlertsCard } from './overview-ops';
import { RunStatus } from './status';

export function AgentOverviewPage() {
  const slug = useAgentSlug();
  const { data, error, isPending } = useQuery(overviewQuery(slug));
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <Skeleton className="h-64" />;
  const pct = data.successRate == null ? '—' : `${(data.successRate * 100).toFixed(1)}%`;
  return (
    <section aria-labelledby="overview-title" className="grid gap-6">
      <h2 id="overview-title" className="sr-only">
        Overview
      </h2>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Kpi
          label={`Runs (${data.days} days)`}
          value={formatNumber(data.runs)}
          hint={data.lastRunAt ? `last ${timeAgo(data.lastRunAt)}` : 'no runs yet'}
        />
        <Kpi label="Success rate" value={pct} hint={`${data.completed} completed · ${data.failed} failed`} />
        <Kpi label="Latency p50" value={formatMs(data.p50DurationMs)} hint={`p95 ${formatMs(data.p95DurationMs)}`} />
        <Kpi label="Tokens" value={formatNumber(data.totalTokens)} />
        <Kpi label="Cost" value={formatUsd(data.costUsd)} hint="at catalog or your prices" />
      </div>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        <CostThisMonthCard slug={slug} />
        <OpenAlertsCard slug={slug} />
        <LearningCard slug={slug} className="md:col-span-2 lg:col-span-1" />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Latest runs</CardTitle>
        </CardHeader>
        <CardContent>
          {data.recentRuns.length === 0 ? (
            <EmptyState title="No runs yet">
              Try the agent on the{' '}
              <Link to="/workspace/$agentSlug/test" params={{ agentSlug: slug }} className="text-primary underline">
                Test
              </Link>{' '}
              page.
            </EmptyState>
          ) : (
            <Table>
              <THead>
                <TR>
                  <TH>Status</TH>
                  <TH>Input</TH>
                  <TH className="text-right">Duration</TH>
                  <TH className="text-right">Tokens</TH>
                  <TH className="text-right">Cost</TH>
                  <TH>When</TH>
                </TR>
              </THead>
              <TBody>
                {data.recentRuns.map((r) => (
                  <TR key={r.id}>
                    <TD>
                      <RunStatus status={r.status} />
                    </TD>
                    <TD className="max-w-96 truncate">
                      <Link
                        to="/workspace/$agentSlug/runs/$runId"
                        params={{ agentSlug: slug, runId: r.id }}
                        className="hover:underline"
                      >
                        {r.inputText ?? '(no input)'}
                      </Link>
                    </TD>
                    <TD className="text-right tabular-nums">{formatMs(r.durationMs)}</TD>
                    <TD className="text-right tabular-nums">{formatNumber(r.totalTokens)}</TD>
                    <TD className="text-right tabular-nums">{formatUsd(r.costUsd)}</TD>
                    <TD className="whitespace-nowrap text-muted-foreground">{timeAgo(r.createdAt)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
