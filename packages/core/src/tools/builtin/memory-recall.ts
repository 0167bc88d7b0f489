// memory-recall: finds what this user said or was told in earlier runs of any agent in the tenant, by keyword.
// (Semantic recall over embeddings arrives with the RAG feature; this search is exact-keyword.)
import { agentRun } from '@trellis/db';
import { and, desc, eq, ilike, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { defineTool } from '../types';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const memoryRecallTool = defineTool({
  id: 'memory-recall',
  description: "Search this user's earlier conversations for a keyword or phrase and return the matching exchanges.",
  category: 'core',
  inputSchema: z.object({
    query: z.string().min(2).max(200),
    limit: z.number().int().min(1).max(20).default(5),
    scope: z.enum(['thread', 'user']).default('user'),
  }),
  async execute({ query, limit, scope }, ctx) {
    // The thread id comes from the caller, so a thread search stays inside this user's (or user-less) runs too.
    const owner =
      scope === 'thread' && ctx.threadId
        ? and(
            eq(agentRun.threadId, ctx.threadId),
            ctx.resourceId ? eq(agentRun.resourceId, ctx.resourceId) : isNull(agentRun.resourceId),
          )
        : ctx.resourceId
          ? eq(agentRun.resourceId, ctx.resourceId)
          : undefined;
    if (!owner) return { query, matches: [], note: 'no user or thread in this run, nothing to recall' };
    const pattern = `%${escapeLike(query)}%`;
    const rows = await ctx.db
      .select({ runId: agentRun.id, input: agentRun.inputText, output: agentRun.outputText, at: agentRun.createdAt })
      .from(agentRun)
      .where(
        and(
          eq(agentRun.tenantId, ctx.tenantId),
          eq(agentRun.status, 'COMPLETED'),
          owner,
          or(ilike(agentRun.inputText, pattern), ilike(agentRun.outputText, pattern)),
        ),
      )
      .orderBy(desc(agentRun.createdAt))
      .limit(limit);
    return { query, matches: rows };
  },
});
