// memory-recall: finds what this user said or was told in earlier runs of any agent in the tenant — by keyword over
// their runs, and by meaning over their remembered messages when the server has pgvector (semantic recall).
import { z } from 'zod';
import { RecordedRuns } from '../../runs/recorded-runs-store';
import { defineTool } from '../types';

export const memoryRecallTool = defineTool({
  id: 'memory-recall',
  description:
    "Search this user's earlier conversations for a keyword or phrase (and, where available, for messages similar in meaning) and return what matches.",
  category: 'core',
  inputSchema: z.object({
    query: z.string().min(2).max(200),
    limit: z.number().int().min(1).max(20).default(5),
    scope: z.enum(['thread', 'user']).default('user'),
  }),
  async execute({ query, limit, scope }, ctx) {
    // The thread id comes from the caller, so a thread search stays inside this user's (or user-less) runs too.
    const by =
      scope === 'thread' && ctx.threadId
        ? { threadId: ctx.threadId, resourceId: ctx.resourceId }
        : ctx.resourceId
          ? { resourceId: ctx.resourceId }
          : undefined;
    if (!by) return { query, matches: [], note: 'no user or thread in this run, nothing to recall' };
    const [rows, similar] = await Promise.all([
      new RecordedRuns(ctx.db, ctx.tenantId).searchConversations(by, query, limit),
      ctx.recallMemory && scope === 'user' ? ctx.recallMemory(query, limit) : undefined,
    ]);
    return { query, matches: rows, ...(similar ? { similar } : {}) };
  },
});
