// web-fetch: lets an agent read a public web page or API over http(s), under the SSRF policy of safe-fetch.
import { z } from 'zod';
import { defineTool } from '../types';
import { BlockedAddressError, safeFetch } from './safe-fetch';

export const webFetchTool = defineTool({
  id: 'web-fetch',
  description: 'Fetch a public http(s) URL and return its status, content type and text body (size-limited).',
  category: 'core',
  inputSchema: z.object({ url: z.string().min(1).max(2048) }),
  async execute({ url }, ctx) {
    try {
      return await safeFetch(url, { ...ctx.webFetch, signal: ctx.abortSignal });
    } catch (e) {
      const blocked = e instanceof BlockedAddressError;
      return { url, error: blocked ? `refused: ${e.message}` : `fetch failed: ${(e as Error).message}`, blocked };
    }
  },
});
