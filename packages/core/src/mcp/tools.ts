// MCP tools in agents (SPEC §7): an agent lists a tool as `serverName_toolName`; saving checks the server exists,
// a run resolves its MCP tools in the resolve stage (from the minute-long list cache) and binds them so each call is
// recorded with the server's id. A server that is down, crashed or lacks the tool costs the run that tool only: the
// run goes on without it, says so in its metadata, and the server's health shows the error.
import type { createTool } from '@mastra/core/tools';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { bindExternal, type ExternalTool, type ToolCallGate, type ToolCallListener } from '../tools/registry';
import { catalogNames, catalogServers } from './catalog';
import { type McpServerSpec, McpUnavailable, reasonOf, withTimeout } from './connections';
import { McpServerStore } from './mcp-server-store';
import { reportFailure, serverSpecsOf } from './service';

/** `hubspot_get-contacts` → `hubspot`; undefined for a name that is not an MCP tool's. */
export const serverOfTool = (name: string) => (name.includes('_') ? name.slice(0, name.indexOf('_')) : undefined);

/**
 * Refuses tool ids that are neither built-in nor `<server>_<tool>` of one of the organization's MCP servers (or a
 * configured catalog server). The tool itself is checked when a run uses it: the server may be down while saving.
 */
export async function assertToolsKnown(ctx: ServiceContext, ids: readonly string[]): Promise<void> {
  const foreign = ids.filter((id) => !ctx.runtime.tools.has(id));
  if (!foreign.length) return;
  const servers = new Set([
    ...(await McpServerStore.of(ctx).list()).map((s) => s.name),
    ...catalogServers(ctx.runtime.config.env).flatMap((c) => (c.definition ? [c.name] : [])),
  ]);
  const unknown = foreign.filter((id) => {
    const server = serverOfTool(id);
    return !server || !servers.has(server) || id.length === server.length + 1;
  });
  if (unknown.length)
    throw invalidInput(
      `Unknown tool${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (neither built-in nor <server>_<tool> of one of this organization's MCP servers)`,
      { field: 'tools', unknown, known: [...ctx.runtime.tools.catalog().map((t) => t.id)], mcpServers: [...servers] },
    );
}

/** The MCP tools a run asked for and could get, and the ones it could not (with why). */
export interface RunMcpTools {
  tools: ExternalTool[];
  unavailable: { tool: string; reason: string }[];
}

/** Resolves the run's MCP tools; never throws for a server that fails. */
export async function mcpToolsFor(ctx: ServiceContext, names: readonly string[]): Promise<RunMcpTools> {
  const result: RunMcpTools = { tools: [], unavailable: [] };
  if (!names.length) return result;
  const specs = new Map((await serverSpecsOf(ctx)).map((s) => [s.name, s]));
  const byServer = new Map<string, string[]>();
  for (const name of names) {
    const server = serverOfTool(name) ?? '';
    byServer.set(server, [...(byServer.get(server) ?? []), name]);
  }
  await Promise.all(
    [...byServer].map(async ([server, wanted]) => {
      const spec = specs.get(server);
      if (!spec) {
        const why = catalogNames.includes(server) ? 'not configured on this deployment' : 'no such enabled server';
        for (const tool of wanted) result.unavailable.push({ tool, reason: `MCP server '${server}': ${why}` });
        return;
      }
      try {
        const offered = await ctx.runtime.mcp.tools(spec);
        for (const tool of wanted) {
          const found = offered[tool];
          if (found) result.tools.push(external(ctx, spec, tool, found));
          else
            result.unavailable.push({
              tool,
              reason: `MCP server '${server}' has no tool '${tool.slice(server.length + 1)}'`,
            });
        }
      } catch (e) {
        const reason = e instanceof McpUnavailable ? e.message : reasonOf(e);
        reportFailure(ctx, spec, reason);
        for (const tool of wanted) result.unavailable.push({ tool, reason: `MCP server '${server}': ${reason}` });
      }
    }),
  );
  return result;
}

/** A server's tool as the run binds it: a call that finds the server gone reports it and fails that call only. */
function external(
  ctx: ServiceContext,
  spec: McpServerSpec,
  name: string,
  tool: Awaited<ReturnType<ServiceContext['runtime']['mcp']['tools']>>[string],
): ExternalTool {
  return {
    name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    mcpServerId: spec.serverId,
    async execute(input, signal) {
      try {
        return await withTimeout(
          Promise.resolve(tool.execute?.(input as never, { abortSignal: signal } as never)),
          spec.timeoutMs,
          spec.name,
        );
      } catch (e) {
        reportFailure(ctx, spec, reasonOf(e));
        throw new Error(`MCP server '${spec.name}' failed: ${reasonOf(e)}`);
      }
    },
  };
}

/** The run's MCP tools as Mastra tools, each call gated and recorded like a built-in tool's. */
export function bindMcpTools(tools: RunMcpTools, onCall?: ToolCallListener, beforeCall?: ToolCallGate) {
  return bindExternal(tools.tools, onCall, beforeCall);
}

/** SPEC §7: built-in tools only, bound to the context (no recording). */
export function getToolsByNames(ctx: ServiceContext, names: readonly string[]) {
  return ctx.runtime.tools.bind(names, {
    db: ctx.db,
    tenantId: ctx.tenantId,
    webFetch: ctx.runtime.webFetch,
  });
}

/** SPEC §7: built-in and MCP tools by name (an MCP tool that is unavailable is left out). */
export async function getToolsByNamesAsync(
  ctx: ServiceContext,
  names: readonly string[],
): Promise<Record<string, ReturnType<typeof createTool>>> {
  const mcp = await mcpToolsFor(
    ctx,
    names.filter((n) => !ctx.runtime.tools.has(n)),
  );
  return { ...getToolsByNames(ctx, names), ...bindExternal(mcp.tools) };
}
