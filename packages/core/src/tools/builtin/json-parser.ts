// json-parser: parses JSON text (tolerating a surrounding Markdown code fence) and optionally extracts a path.
import { z } from 'zod';
import { defineTool } from '../types';

function extract(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export const jsonParserTool = defineTool({
  id: 'json-parser',
  description: 'Parse and validate JSON text; optionally return the value at a dot path such as "items.0.name".',
  category: 'core',
  inputSchema: z.object({
    text: z.string().max(1_000_000),
    path: z.string().max(200).optional(),
  }),
  async execute({ text, path }) {
    const body = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
    try {
      const value = JSON.parse(body) as unknown;
      const selected = path ? extract(value, path) : value;
      return {
        valid: true,
        type: kindOf(selected),
        value: selected,
        ...(path ? { path, found: selected !== undefined } : {}),
      };
    } catch (e) {
      return { valid: false, error: (e as Error).message };
    }
  },
});
