// One MCP server: how it connects, its health (checked or not, the last error), and — for admins — enable/disable,
// Test (which connects and lists the tools afresh, showing them or the error), edit and remove.
import { useQuery } from '@tanstack/react-query';
import { CheckCircle2, Pencil, PlugZap, XCircle } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ConfirmRemove } from '@/components/ui/dialog';
import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Switch } from '@/components/ui/switch';
import { Can, useCan } from '@/lib/access';
import type { McpServer } from '@/lib/types';
import { formatDateTime, formatMs, timeAgo } from '@/lib/utils';
import { mcpToolsQuery, useCheckMcpServer, useDeleteMcpServer, useUpdateMcpServer } from './api';
import { transports } from './server-draft';
import { McpToolList } from './tool-list';

export function HealthBadge({ server }: { server: McpServer }) {
  const text = server.status === 'ok' ? 'healthy' : server.status === 'error' ? 'error' : 'not checked';
  return (
    <Badge
      variant={server.status === 'ok' ? 'default' : server.status === 'error' ? 'destructive' : 'secondary'}
      title={server.lastCheckedAt ? `Checked ${formatDateTime(server.lastCheckedAt)}` : 'Never checked'}
    >
      <span className="sr-only">Health: </span>
      {text}
    </Badge>
  );
}

function Connection({ server }: { server: McpServer }) {
  const secrets = server.transport === 'stdio' ? server.envNames : server.headerNames;
  const noun = server.transport === 'stdio' ? 'variable' : 'header';
  return (
    <dl className="grid gap-1 text-sm">
      <div className="flex min-w-0 gap-2">
        <dt className="w-20 shrink-0 text-muted-foreground">{server.transport === 'stdio' ? 'Command' : 'URL'}</dt>
        <dd className="min-w-0 truncate font-mono text-xs leading-5" title={server.url ?? undefined}>
          {server.transport === 'stdio' ? [server.command, ...server.args].join(' ') : server.url}
        </dd>
      </div>
      <div className="flex min-w-0 gap-2">
        <dt className="w-20 shrink-0 text-muted-foreground">{noun === 'variable' ? 'Env' : 'Headers'}</dt>
        <dd className="min-w-0 truncate text-xs leading-5">
          {secrets.length ? (
            secrets.map((n) => (
              <code key={n} className="mr-2 font-mono">
                {n} <span className="text-muted-foreground">•••• set</span>
              </code>
            ))
          ) : (
            <span className="text-muted-foreground">none</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

/** The server's tools from the (minute-long) cache, for those who may not run a fresh test. */
function ToolsOnDemand({ server }: { server: McpServer }) {
  const [open, setOpen] = useState(false);
  const tools = useQuery({ ...mcpToolsQuery(server.id), enabled: open });
  if (!open)
    return (
      <Button variant="outline" size="sm" className="w-fit" onClick={() => setOpen(true)}>
        Show tools
      </Button>
    );
  if (tools.isPending) return <Spinner label="Listing the tools…" className="p-0" />;
  if (tools.error) return <ErrorNotice error={tools.error} />;
  return <McpToolList tools={tools.data} label={`Tools of ${server.name}`} />;
}

export function ServerCard({ server, onEdit }: { server: McpServer; onEdit: () => void }) {
  const check = useCheckMcpServer(server.id);
  const update = useUpdateMcpServer(server.id);
  const remove = useDeleteMcpServer(server.id);
  const canManage = useCan('manage');
  const transport = transports.find((t) => t.value === server.transport)?.label ?? server.transport;
  const result = check.data;

  return (
    <Card role="region" aria-label={`MCP server ${server.name}`}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-0 gap-1">
          <h2 className="flex flex-wrap items-center gap-2 font-semibold">
            <code className="font-mono">{server.name}</code>
            <Badge variant="outline">{transport}</Badge>
            <HealthBadge server={server} />
            {!server.enabled && <Badge variant="warning">disabled</Badge>}
            {server.allowPrivateNetwork && (
              <Badge variant="warning" title="This server may reach addresses inside your network">
                private network allowed
              </Badge>
            )}
          </h2>
          {server.description && <p className="text-sm text-muted-foreground">{server.description}</p>}
        </div>
        <Can need="manage">
          <div className="flex items-center gap-1">
            <div className="mr-2 flex items-center gap-2">
              <Switch
                id={`mcp-enabled-${server.id}`}
                checked={server.enabled}
                disabled={update.isPending}
                onCheckedChange={(enabled) =>
                  update.mutate(
                    { enabled },
                    {
                      onSuccess: () => toast.success(`${server.name} ${enabled ? 'enabled' : 'disabled'}`),
                      onError: (e) => toast.error(e.message),
                    },
                  )
                }
              />
              <label htmlFor={`mcp-enabled-${server.id}`} className="text-sm">
                Enabled
              </label>
            </div>
            <Button variant="outline" size="sm" onClick={() => check.mutate()} disabled={check.isPending}>
              <PlugZap aria-hidden /> {check.isPending ? 'Testing…' : 'Test'}
            </Button>
            <Button variant="ghost" size="icon" aria-label={`Edit ${server.name}`} onClick={onEdit}>
              <Pencil aria-hidden />
            </Button>
            <ConfirmRemove
              label={`Remove ${server.name}`}
              title={`Remove ${server.name}?`}
              description={`Agents that list its tools (${server.name}_…) run without them from now on. Its stored credentials are deleted.`}
              confirmLabel="Remove server"
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => toast.success(`Removed ${server.name}`),
                  onError: (e) => toast.error(e.message),
                })
              }
            />
          </div>
        </Can>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Connection server={server} />
        <p className="text-xs text-muted-foreground">
          {server.lastCheckedAt ? `Checked ${timeAgo(server.lastCheckedAt)}` : 'Never checked'}
          {server.toolCount != null && ` · ${server.toolCount} tool${server.toolCount === 1 ? '' : 's'}`}
          {` · times out after ${formatMs(server.timeoutMs)}`}
        </p>
        {server.status === 'error' && server.lastError && !result && (
          <ErrorNotice error={`Last error: ${server.lastError}`} />
        )}
        {check.error && <ErrorNotice error={check.error} />}
        {result && (
          <section aria-label={`Test of ${server.name}`} className="grid gap-2 rounded-lg border bg-muted/30 p-3">
            {result.ok ? (
              <>
                <p className="flex items-center gap-2 text-sm font-medium">
                  <CheckCircle2 className="size-4 text-primary" aria-hidden />
                  Connected in {formatMs(result.durationMs)}: {result.tools.length} tool
                  {result.tools.length === 1 ? '' : 's'}
                </p>
                <McpToolList tools={result.tools} label={`Tools of ${server.name}`} />
              </>
            ) : (
              <>
                <p className="flex items-center gap-2 text-sm font-medium">
                  <XCircle className="size-4 text-destructive" aria-hidden />
                  Failed after {formatMs(result.durationMs)}
                </p>
                <ErrorNotice error={result.error} />
              </>
            )}
          </section>
        )}
        {!canManage && server.enabled && <ToolsOnDemand server={server} />}
      </CardContent>
    </Card>
  );
}
