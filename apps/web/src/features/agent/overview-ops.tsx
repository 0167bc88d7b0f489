// Overview cards from the operations endpoints: this month's cost with its projection (the costs endpoint) and the
// agent's open alerts (count and latest) — linking to the Costs page, or to Alerts for other sources.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type * as React from 'react';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { formatUsd, timeAgo } from '@/lib/utils';
import { SeverityBadge } from '../alerts/alert-list';
import { alertsQuery } from '../alerts/api';
import { costsQuery } from '../costs/api';
import { currentMonth, monthLabel } from '../costs/month';
import { agentQuery } from './api';
import { Kpi } from './kpi';

const ALERTS_SHOWN = 50;

function CostsLink({ slug, hash, children }: { slug: string; hash?: string; children: React.ReactNode }) {
  return (
    <Link
      to="/workspace/$agentSlug/costs"
      params={{ agentSlug: slug }}
      hash={hash}
      className="text-primary underline-offset-4 hover:underline"
    >
      {children}
    </Link>
  );
}

export function CostThisMonthCard({ slug }: { slug: string }) {
  const month = currentMonth();
  const costs = useQuery(costsQuery(slug, month));
  if (costs.error) return <ErrorNotice error={costs.error} />;
  if (costs.isPending) return <Skeleton className="h-28" />;
  const { monthToDate, projection } = costs.data;
  return (
    <Kpi
      label={`Cost, ${monthLabel(month)} to date`}
      value={formatUsd(monthToDate.costUsd)}
      hint={
        <>
          <span title={projection.method}>projected {formatUsd(projection.projectedUsd)} by month end</span> ·{' '}
          <CostsLink slug={slug}>Costs</CostsLink>
        </>
      }
    />
  );
}

export function OpenAlertsCard({ slug }: { slug: string }) {
  const agentId = useQuery(agentQuery(slug)).data?.id;
  const alerts = useQuery({
    ...alertsQuery({ agentId, status: 'open', limit: ALERTS_SHOWN }),
    enabled: Boolean(agentId),
  });
  if (alerts.error) return <ErrorNotice error={alerts.error} />;
  if (alerts.isPending) return <Skeleton className="h-28" />;
  const [latest] = alerts.data;
  const count = alerts.data.length;
  return (
    <Kpi
      label="Open alerts"
      value={count >= ALERTS_SHOWN ? `${ALERTS_SHOWN}+` : String(count)}
      hint={
        latest ? (
          <span className="flex min-w-0 items-center gap-2">
            <SeverityBadge severity={latest.severity} />
            <span className="truncate" title={latest.message}>
              {latest.message}
            </span>
            <span className="shrink-0">
              {timeAgo(latest.createdAt)} ·{' '}
              {latest.source === 'COST' ? (
                <CostsLink slug={slug} hash="cost-alerts">
                  Review
                </CostsLink>
              ) : (
                <Link to="/alerts" search={{ agent: slug }} className="text-primary hover:underline">
                  Review
                </Link>
              )}
            </span>
          </span>
        ) : (
          'nothing needs attention'
        )
      }
    />
  );
}
