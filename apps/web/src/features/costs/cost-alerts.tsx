// The agent's open cost alerts (budget thresholds reached), each resolvable.
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { agentQuery } from '../agent/api';
import { AlertList } from '../alerts/alert-list';
import { alertsQuery } from '../alerts/api';

export function CostAlerts({ slug }: { slug: string }) {
  const agentId = useQuery(agentQuery(slug)).data?.id;
  const alerts = useQuery({
    ...alertsQuery({ agentId, status: 'open', source: 'COST' }),
    enabled: Boolean(agentId),
  });
  if (alerts.error) return <ErrorNotice error={alerts.error} />;
  if (alerts.isPending) return <Skeleton className="h-16" />;
  if (!alerts.data.length) return <p className="text-sm text-muted-foreground">No open cost alerts.</p>;
  return <AlertList alerts={alerts.data} label="Open cost alerts" />;
}
