// Configure › Tools, the MCP part: each enabled MCP server's tools (named `<server>_<tool>`), grouped by server, with
// the server's error in place of its tools when it fails; and the tools the agent has that nothing offers right now,
// kept checked and marked unavailable with the reason, so saving does not silently drop them.
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import type { McpServer, McpTool } from '@/lib/types';
import { mcpServersQuery, mcpToolsQuery } from '../mcp-servers/api';
import { ToolCheckRow } from './tool-check-row';

export interface McpToolGroup {
  server: McpServer;
  tools?: McpTool[];
  error?: unknown;
}

/** The enabled servers with their tools (or errors); `offered` the tool names they offer; `pending` until known. */
export function useMcpTools() {
  const list = useQuery(mcpServersQuery());
  const enabled = (list.data?.servers ?? []).filter((s) => s.enabled);
  const results = useQueries({ queries: enabled.map((s) => mcpToolsQuery(s.id)) });
  const groups: McpToolGroup[] = enabled.map((server, i) => ({
    server,
    tools: results[i]?.data,
    error: results[i]?.error ?? undefined,
  }));
  const offered = new Set(groups.flatMap((g) => (g.tools ?? []).map((t) => t.name)));
  return {
    groups,
    offered,
    servers: list.data?.servers ?? [],
    catalog: list.data?.catalog ?? [],
    error: list.error,
    pending: list.isPending || results.some((r) => r.isPending),
  };
}

/** Why a tool the agent has is not offered now, from its `<server>_` prefix. */
function unavailableReason(name: string, mcp: ReturnType<typeof useMcpTools>): string {
  const server = [...mcp.servers]
    .sort((a, b) => b.name.length - a.name.length)
    .find((s) => name.startsWith(`${s.name}_`));
  if (server) {
    if (!server.enabled) return `The MCP server ${server.name} is disabled.`;
    const group = mcp.groups.find((g) => g.server.id === server.id);
    if (group?.error) return `The MCP server ${server.name} is unavailable right now.`;
    return `The MCP server ${server.name} does not offer this tool now.`;
  }
  const catalog = mcp.catalog.find((c) => name.startsWith(`${c.name}_`));
  if (catalog)
    return catalog.configured
      ? `A tool of the catalog server ${catalog.name}; its tools are not listed here.`
      : `The catalog server ${catalog.name} is not configured on this deployment.`;
  return 'No tool source offers this tool now (a removed MCP server or tool).';
}

interface GroupsProps {
  mcp: ReturnType<typeof useMcpTools>;
  /** Lower-case filter text; empty shows all. */
  filter: string;
  selected: Set<string>;
  toggle: (name: string, on: boolean) => void;
  /** The group heading with its count and its Select all / Clear button. */
  heading: (title: ReactNode, names: string[]) => ReactNode;
}

export function McpToolGroups({ mcp, filter, selected, toggle, heading }: GroupsProps) {
  if (mcp.error) return <ErrorNotice error={mcp.error} />;
  return mcp.groups.map(({ server, tools, error }) => {
    const shown = (tools ?? []).filter(
      (t) => !filter || `${t.name} ${t.description ?? ''}`.toLowerCase().includes(filter),
    );
    if (tools && filter && !shown.length) return null;
    const title = (
      <>
        <code className="font-mono">{server.name}</code> <span className="font-normal">MCP server</span>
      </>
    );
    return (
      <section key={server.id} className="grid gap-2" aria-label={`MCP server ${server.name}`}>
        {heading(
          title,
          shown.map((t) => t.name),
        )}
        {error ? (
          <ErrorNotice error={error} />
        ) : !tools ? (
          <Skeleton className="h-20" />
        ) : !tools.length ? (
          <p className="text-xs text-muted-foreground">This server offers no tools.</p>
        ) : (
          <div className="grid gap-2 xl:grid-cols-2">
            {shown.map((t) => (
              <ToolCheckRow
                key={t.name}
                name={t.name}
                description={t.description ?? 'No description.'}
                inputSchema={t.inputSchema}
                checked={selected.has(t.name)}
                toggle={(on) => toggle(t.name, on)}
              />
            ))}
          </div>
        )}
      </section>
    );
  });
}

export function UnavailableTools({
  names,
  mcp,
  remove,
}: {
  names: string[];
  mcp: ReturnType<typeof useMcpTools>;
  remove: (name: string) => void;
}) {
  if (!names.length) return null;
  return (
    <section className="grid gap-2" aria-label="Unavailable tools">
      <h3 className="text-sm font-medium">Not available right now</h3>
      <p className="text-xs text-muted-foreground">
        The agent keeps these; a run goes on without a tool that is missing. Uncheck one to remove it, or see{' '}
        <Link to="/mcp-servers" className="text-primary hover:underline">
          MCP servers
        </Link>
        .
      </p>
      <div className="grid gap-2 xl:grid-cols-2">
        {names.map((name) => (
          <ToolCheckRow
            key={name}
            name={name}
            badge={
              mcp.pending ? (
                <Badge variant="secondary">checking</Badge>
              ) : (
                <Badge variant="destructive">unavailable</Badge>
              )
            }
            description={mcp.pending ? 'Checking the MCP servers…' : unavailableReason(name, mcp)}
            checked
            toggle={() => remove(name)}
          />
        ))}
      </div>
    </section>
  );
}
