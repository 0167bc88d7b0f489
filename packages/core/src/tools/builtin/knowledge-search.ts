// knowledge-search: lets an agent search the organization's knowledge bases (hybrid vector + full-text search) and
// answer with citations. A knowledge base is named by its slug; without one, every knowledge base is searched.
import { z } from 'zod';
import { defineTool } from '../types';

export const knowledgeSearchTool = defineTool({
  id: 'knowledge-search',
  description:
    "Search the organization's knowledge bases for passages relevant to a question. Returns the best passages with a citation each; cite them in the answer.",
  category: 'core',
  inputSchema: z.object({
    query: z.string().min(1).max(1000),
    knowledgeBase: z.string().max(63).optional().describe('slug of one knowledge base; omit to search all'),
    k: z.number().int().min(1).max(10).default(5),
  }),
  async execute(input, ctx) {
    if (!ctx.knowledge) return { query: input.query, results: [], error: 'knowledge search is not available here' };
    try {
      return await ctx.knowledge(input);
    } catch (e) {
      return { query: input.query, results: [], error: (e as Error).message };
    }
  },
});
