// /api/mcp-servers: the organization's MCP servers (stdio command, or Streamable HTTP / SSE URL with headers) — their
// credentials write-only — with a health check that connects and lists the tools, the tool list (cached a minute),
// and the catalog servers this deployment configured. Agents use the tools as `<server>_<tool>`.
import { createRoute, z } from '@hono/zod-openapi';
import {
  checkMcpServer,
  createMcpServer,
  deleteMcpServer,
  getMcpServer,
  listMcpServers,
  listMcpServerTools,
  mcpServerCreateSchema,
  mcpServerUpdateSchema,
  mcpServerViewSchema,
  mcpToolViewSchema,
  updateMcpServer,
} from '@trellis/core';
import { commonErrors, component, createRouter, jsonBody, jsonResponse, pathId, security } from '../http/openapi';

const ServerSchema = component(mcpServerViewSchema, 'McpServer');
const ToolSchema = component(mcpToolViewSchema, 'McpTool');
const CatalogSchema = z.object({
  name: z.string(),
  category: z.string(),
  description: z.string(),
  configureWith: z.array(z.string()),
  configured: z.boolean(),
});
const tags = ['MCP servers'];
const Param = z.object({ serverId: pathId('serverId') });
const errors = { ...commonErrors, 409: commonErrors[400] };

export const mcpServerRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/mcp-servers',
      tags,
      security,
      summary: "The organization's MCP servers with their health, and the catalog servers of this deployment",
      responses: {
        200: jsonResponse(
          z.object({ servers: z.array(ServerSchema), catalog: z.array(CatalogSchema) }),
          'Servers and catalog',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listMcpServers(c.var.ctx), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/mcp-servers',
      tags,
      security,
      summary:
        'Add an MCP server: `{name, transport: stdio, command, args?, env?}` or `{name, transport: http|sse, url, headers?}`',
      request: { body: jsonBody(mcpServerCreateSchema) },
      responses: { 201: jsonResponse(ServerSchema, 'The server (secrets never returned)'), ...errors },
    }),
    async (c) => c.json(await createMcpServer(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/mcp-servers/{serverId}',
      tags,
      security,
      summary: 'One MCP server (by id or name)',
      request: { params: Param },
      responses: { 200: jsonResponse(ServerSchema, 'The server'), ...commonErrors },
    }),
    async (c) => c.json(await getMcpServer(c.var.ctx, c.req.valid('param').serverId), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/mcp-servers/{serverId}',
      tags,
      security,
      summary: 'Change an MCP server; `env`/`headers` replace the stored ones when given (null clears them)',
      request: { params: Param, body: jsonBody(mcpServerUpdateSchema) },
      responses: { 200: jsonResponse(ServerSchema, 'The server'), ...errors },
    }),
    async (c) => c.json(await updateMcpServer(c.var.ctx, c.req.valid('param').serverId, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/mcp-servers/{serverId}',
      tags,
      security,
      summary: 'Remove an MCP server (agents listing its tools run without them)',
      request: { params: Param },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }), 'Deleted'),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await deleteMcpServer(c.var.ctx, c.req.valid('param').serverId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/mcp-servers/{serverId}/test',
      tags,
      security,
      summary: 'Connect and list the tools afresh (drops the cached list); records the health on the server',
      request: { params: Param },
      responses: {
        200: jsonResponse(
          z.object({
            ok: z.boolean(),
            durationMs: z.number(),
            tools: z.array(ToolSchema).optional().describe('when ok'),
            error: z.string().optional().describe('when not ok'),
          }),
          'The outcome: the tools, or the error',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await checkMcpServer(c.var.ctx, c.req.valid('param').serverId), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/mcp-servers/{serverId}/tools',
      tags,
      security,
      summary: "The server's tools with their input schemas (cached for a minute); 502 MCP_UNAVAILABLE when it fails",
      request: { params: Param },
      responses: {
        200: jsonResponse(z.object({ tools: z.array(ToolSchema) }), 'Tools'),
        ...commonErrors,
        502: commonErrors[400],
      },
    }),
    async (c) => c.json({ tools: await listMcpServerTools(c.var.ctx, c.req.valid('param').serverId) }, 200),
  );
