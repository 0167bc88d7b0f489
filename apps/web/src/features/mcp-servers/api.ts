// MCP server endpoints for the UI: the organization's servers with the deployment's catalog, one server's tools (the
// server caches them a minute), and the writes — add, change, enable/disable, remove, and the health check.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { del, get, post, put } from '@/lib/api';
import type { McpCatalogServer, McpCheck, McpServer, McpServerInput, McpServerUpdate, McpTool } from '@/lib/types';

export const mcpKeys = {
  all: ['mcp-servers'] as const,
  list: ['mcp-servers', 'list'] as const,
  tools: (serverId: string) => ['mcp-servers', 'tools', serverId] as const,
};

const path = (serverId: string) => `/api/mcp-servers/${encodeURIComponent(serverId)}`;

export const mcpServersQuery = () =>
  queryOptions({
    queryKey: mcpKeys.list,
    queryFn: () => get<{ servers: McpServer[]; catalog: McpCatalogServer[] }>('/api/mcp-servers'),
  });

/** A server's tools; a server that fails answers 502 with its reason (not retried: the reason is the answer). */
export const mcpToolsQuery = (serverId: string) =>
  queryOptions({
    queryKey: mcpKeys.tools(serverId),
    queryFn: () => get<{ tools: McpTool[] }>(`${path(serverId)}/tools`).then((r) => r.tools),
    staleTime: 60_000,
    retry: false,
  });

export function useCreateMcpServer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: McpServerInput) => post<McpServer>('/api/mcp-servers', input),
    onSuccess: () => client.invalidateQueries({ queryKey: mcpKeys.all }),
  });
}

export function useUpdateMcpServer(serverId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: McpServerUpdate) => put<McpServer>(path(serverId), input),
    onSuccess: () => client.invalidateQueries({ queryKey: mcpKeys.all }),
  });
}

export function useDeleteMcpServer(serverId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => del<{ id: string; name: string; deleted: true }>(path(serverId)),
    onSuccess: () => client.invalidateQueries({ queryKey: mcpKeys.all }),
  });
}

/** Connects and lists the tools afresh; the server records the outcome as the server's health. */
export function useCheckMcpServer(serverId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => post<McpCheck>(`${path(serverId)}/test`),
    onSuccess: (check) => {
      if (check.ok) client.setQueryData(mcpKeys.tools(serverId), check.tools);
      else client.removeQueries({ queryKey: mcpKeys.tools(serverId) });
      return client.invalidateQueries({ queryKey: mcpKeys.list });
    },
  });
}
