// Alerts as a list: severity, message and age (optionally source and agent), each with a Resolve button while open;
// and the severity badge on its own.
import { Link } from '@tanstack/react-router';
import { CheckCircle2 } from 'lucide-react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { useCan } from '@/lib/access';
import type { Alert } from '@/lib/types';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { useResolveAlert } from './api';

const severityVariant = { CRITICAL: 'destructive', WARNING: 'warning', INFO: 'secondary' } as const;

export function SeverityBadge({ severity }: { severity: Alert['severity'] }) {
  return <Badge variant={severityVariant[severity]}>{severity.toLowerCase()}</Badge>;
}

/**
 * `agents` (id → slug and name), when given, adds each alert's source and agent (or "organization") — for lists
 * that mix sources and agents. Resolved alerts say when instead of offering Resolve.
 */
export function AlertList({
  alerts,
  label,
  agents,
}: {
  alerts: Alert[];
  label: string;
  agents?: Map<string, { slug: string; name: string }>;
}) {
  const resolve = useResolveAlert();
  const canResolve = useCan('run');
  return (
    <div className="grid gap-2">
      <ul aria-label={label} className="grid divide-y rounded-lg border">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-wrap items-start gap-3 p-3">
            <SeverityBadge severity={a.severity} />
            <div className="grid min-w-0 flex-1 gap-0.5">
              <p className="text-sm break-words">{a.message}</p>
              <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                <time dateTime={a.createdAt} title={formatDateTime(a.createdAt)}>
                  {timeAgo(a.createdAt)}
                </time>
                {agents && <AlertContext alert={a} agents={agents} />}
              </p>
            </div>
            {a.resolvedAt ? (
              <span className="text-xs text-muted-foreground" title={formatDateTime(a.resolvedAt)}>
                resolved {timeAgo(a.resolvedAt)}
              </span>
            ) : (
              canResolve && (
                <Button
                  variant="outline"
                  size="sm"
                  disabled={resolve.isPending && resolve.variables === a.id}
                  aria-label={`Resolve: ${a.message}`}
                  onClick={() => resolve.mutate(a.id, { onSuccess: () => toast.success('Alert resolved') })}
                >
                  <CheckCircle2 aria-hidden /> Resolve
                </Button>
              )
            )}
          </li>
        ))}
      </ul>
      {resolve.error && <ErrorNotice error={resolve.error} />}
    </div>
  );
}

function AlertContext({ alert, agents }: { alert: Alert; agents: Map<string, { slug: string; name: string }> }) {
  const agent = alert.agentId ? agents.get(alert.agentId) : undefined;
  return (
    <>
      <Badge variant="outline">{alert.source.toLowerCase()}</Badge>
      {agent ? (
        <Link to="/workspace/$agentSlug/overview" params={{ agentSlug: agent.slug }} className="hover:underline">
          {agent.name}
        </Link>
      ) : (
        <span>{alert.agentId ? 'a deleted agent' : 'organization'}</span>
      )}
    </>
  );
}
