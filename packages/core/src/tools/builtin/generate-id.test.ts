// generate-id: UUID v4 or 12-character alphanumeric ids, as many as asked, with an optional prefix.
import type { Db } from '@trellis/db';
import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../types';
import { generateIdTool } from './generate-id';

const ctx: ToolContext = {
  db: {} as Db,
  tenantId: 'org-ids',
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
};
const generate = (input: unknown) =>
  generateIdTool.execute(generateIdTool.inputSchema.parse(input), ctx) as Promise<{ kind: string; ids: string[] }>;

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generate-id tool', () => {
  it('defaults to one UUID v4', async () => {
    const out = await generate({});
    expect(out.kind).toBe('uuid');
    expect(out.ids).toHaveLength(1);
    expect(out.ids[0]).toMatch(uuidV4);
  });

  it('makes short ids of 12 alphanumeric characters', async () => {
    const out = await generate({ kind: 'short', count: 50 });
    expect(out.kind).toBe('short');
    expect(out.ids).toHaveLength(50);
    for (const id of out.ids) expect(id).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(new Set(out.ids).size).toBe(50);
  });

  it('makes as many distinct ids as asked, each with the prefix', async () => {
    const out = await generate({ kind: 'uuid', count: 7, prefix: 'ord_' });
    expect(out.ids).toHaveLength(7);
    expect(new Set(out.ids).size).toBe(7);
    for (const id of out.ids) {
      expect(id.startsWith('ord_')).toBe(true);
      expect(id.slice(4)).toMatch(uuidV4);
    }
    const short = await generate({ kind: 'short', prefix: 'trip-' });
    expect(short.ids[0]).toMatch(/^trip-[A-Za-z0-9]{12}$/);
  });

  it('its schema bounds count and restricts the prefix', () => {
    const bad = [
      { count: 0 },
      { count: 101 },
      { count: 1.5 },
      { prefix: 'has space' },
      { prefix: 'x'.repeat(17) },
      { kind: 'nanoid' },
    ];
    for (const input of bad)
      expect(generateIdTool.inputSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    expect(generateIdTool.inputSchema.safeParse({ count: 100, prefix: 'a_b-C' }).success).toBe(true);
  });
});
