// /api/mcp: Trellis as an MCP server (Streamable HTTP, the MCP SDK's web-standard handler). Each active agent of the
// caller's organization is a tool named by its slug, and each knowledge base a search tool (`knowledge_<slug>`); calling it runs the agent through the run pipeline — a recorded
// run like any other (`metadata.via: "mcp"`) — and answers its text, or an error result naming the run's failure.
// Authentication and access are the /api middleware's (an API key as `Authorization: Bearer`, the run scope).
import { createMcpHandler, type McpRequestContext, McpServer } from '@modelcontextprotocol/server';
import { executeRun, listAgents, listKnowledgeBases, type ServiceContext, searchKnowledgeBase } from '@trellis/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/openapi';

const agentToolInput = z.object({
  input: z.string().min(1).max(200_000).describe('The message for the agent'),
  threadId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('A conversation thread: agents with memory remember earlier turns of it'),
});

const knowledgeToolInput = z.object({
  query: z.string().min(1).max(2000).describe('What to look for'),
  k: z.number().int().min(1).max(20).optional().describe('How many passages (default 5)'),
});

/** The MCP server for one request: the organization's active agents and its knowledge bases' searches as tools. */
async function serverFor(ctx: ServiceContext, version: string): Promise<McpServer> {
  const server = new McpServer({ name: 'trellis', title: 'Trellis agents', version });
  for (const agent of await listAgents(ctx, { active: true })) {
    server.registerTool(
      agent.slug,
      {
        title: agent.name,
        description: `${agent.description ?? agent.name} (a Trellis agent; each call is a recorded run)`,
        inputSchema: agentToolInput,
      },
      async ({ input, threadId }) => {
        const run = await executeRun(ctx, agent.id, { input, threadId }, { via: 'mcp' });
        const meta = { 'trellis/runId': run.id, 'trellis/costUsd': run.costUsd };
        if (run.status === 'COMPLETED') return { content: [{ type: 'text', text: run.outputText ?? '' }], _meta: meta };
        const why = `${run.errorCode ?? run.status}: ${run.error ?? 'the run did not complete'}`;
        return { isError: true, content: [{ type: 'text', text: why }], _meta: meta };
      },
    );
  }
  // Each knowledge base is a search tool; `_` never appears in an agent's slug, so the names cannot collide.
  for (const kb of (await listKnowledgeBases(ctx)).knowledgeBases) {
    server.registerTool(
      `knowledge_${kb.slug}`,
      {
        title: `Search ${kb.name}`,
        description: `Search the knowledge base "${kb.name}"${kb.description ? ` (${kb.description})` : ''}: the best passages, each with a citation`,
        inputSchema: knowledgeToolInput,
      },
      async ({ query, k }) => {
        const { mode, hits } = await searchKnowledgeBase(ctx, kb.id, { q: query, k: k ?? 5 });
        const text = hits.map((h, i) => `[${i + 1}] ${h.citation}\n${h.content}`).join('\n\n') || 'No passages found.';
        return {
          content: [{ type: 'text', text }],
          structuredContent: { mode, hits: hits.map(({ citation, content, score }) => ({ citation, content, score })) },
        };
      },
    );
  }
  return server;
}

export function mcpRoutes(version: string) {
  // One handler per process: it builds a server per request from the caller's context, passed as its auth info.
  const handler = createMcpHandler(
    ({ authInfo }: McpRequestContext) => serverFor(authInfo?.extra?.ctx as ServiceContext, version),
    { onerror: (e) => console.error(`[mcp] ${e.message}`) },
  );
  return new Hono<AppEnv>().all('/api/mcp', (c) => {
    const { ctx } = c.var;
    return handler.fetch(c.req.raw, {
      authInfo: { token: 'verified', clientId: ctx.actor.id, scopes: [], extra: { ctx } },
    });
  });
}
