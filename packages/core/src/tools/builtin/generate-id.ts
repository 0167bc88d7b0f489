// generate-id: random identifiers from the platform's CSPRNG (UUID v4 or short URL-safe ids).
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineTool } from '../types';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function shortId(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += alphabet[byte % 62]; // 248 = 4 * 62: no modulo bias
    }
  }
  return out;
}

export const generateIdTool = defineTool({
  id: 'generate-id',
  description: 'Generate random unique identifiers: UUID v4 or short URL-safe ids.',
  category: 'core',
  inputSchema: z.object({
    kind: z.enum(['uuid', 'short']).default('uuid'),
    count: z.number().int().min(1).max(100).default(1),
    prefix: z
      .string()
      .max(16)
      .regex(/^[\w-]*$/)
      .default(''),
  }),
  async execute({ kind, count, prefix }) {
    const ids = Array.from({ length: count }, () => prefix + (kind === 'uuid' ? randomUUID() : shortId(12)));
    return { kind, ids };
  },
});
