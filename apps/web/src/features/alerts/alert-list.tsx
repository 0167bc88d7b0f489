// Alerts as a list: severity, message and age, each with a Resolve button; and the severity badge on its own.
import { CheckCircle2 } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import type { Alert } from '@/lib/types';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { useResolveAlert } from './api';

const severityVariant = { CRITICAL: 'destructive', WARNING: 'warning', INFO: 'secondary' } as const;

export function SeverityBadge({ severity }: { severity: Alert['severity'] }) {
  return <Badge variant={severityVariant[severity]}>{severity.toLowerCase()}</Badge>;
}

export function AlertList({ alerts, label }: { alerts: Alert[]; label: string }) {
  const resolve = useResolveAlert();
  return (
    <div className="grid gap-2">
      <ul aria-label={label} className="grid divide-y rounded-lg border">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-start gap-3 p-3">
            <SeverityBadge severity={a.severity} />
            <div className="grid min-w-0 flex-1 gap-0.5">
              <p className="text-sm break-words">{a.message}</p>
              <time
                dateTime={a.createdAt}
                title={formatDateTime(a.createdAt)}
                className="text-xs text-muted-foreground"
              >
                {timeAgo(a.createdAt)}
              </time>
            </div>
            <Button
              variant="outline"
              size="sm"
              disabled={resolve.isPending && resolve.variables === a.id}
              aria-label={`Resolve: ${a.message}`}
              onClick={() => resolve.mutate(a.id, { onSuccess: () => toast.success('Alert resolved') })}
            >
              <CheckCircle2 aria-hidden /> Resolve
            </Button>
          </li>
        ))}
      </ul>
      {resolve.error && <ErrorNotice error={resolve.error} />}
    </div>
  );
}
