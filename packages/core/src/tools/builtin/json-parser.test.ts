// json-parser: validates JSON (also inside a Markdown code fence) and extracts a dot path, array indexes included.
import type { Db } from '@trellis/db';
import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../types';
import { jsonParserTool } from './json-parser';

const ctx: ToolContext = {
  db: {} as Db,
  tenantId: 'org-json',
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
};
const parse = (input: { text: string; path?: string }) =>
  jsonParserTool.execute(jsonParserTool.inputSchema.parse(input), ctx) as Promise<Record<string, unknown>>;

const doc = JSON.stringify({ items: [{ name: 'first', tags: ['a', 'b'] }, { name: 'second' }], total: 2, note: null });

describe('json-parser tool', () => {
  it('parses valid JSON and reports its type', async () => {
    expect(await parse({ text: doc })).toEqual({ valid: true, type: 'object', value: JSON.parse(doc) });
    expect(await parse({ text: '[1,2]' })).toEqual({ valid: true, type: 'array', value: [1, 2] });
    expect(await parse({ text: ' 42 ' })).toEqual({ valid: true, type: 'number', value: 42 });
    expect(await parse({ text: 'null' })).toEqual({ valid: true, type: 'null', value: null });
  });

  it('reports invalid JSON with the parser error', async () => {
    const out = await parse({ text: '{"a": 1,}' });
    expect(out.valid).toBe(false);
    expect(out.error).toEqual(expect.any(String));
    expect(String(out.error).length).toBeGreaterThan(0);
    expect(out).not.toHaveProperty('value');
  });

  it('accepts JSON inside a Markdown code fence', async () => {
    expect(await parse({ text: '```json\n{"a": [1, 2]}\n```' })).toMatchObject({ valid: true, value: { a: [1, 2] } });
    expect(await parse({ text: '  ```\n[true]\n```  ' })).toMatchObject({ valid: true, type: 'array', value: [true] });
  });

  it('extracts a dot path through objects and array indexes', async () => {
    expect(await parse({ text: doc, path: 'items.0.name' })).toEqual({
      valid: true,
      type: 'string',
      value: 'first',
      path: 'items.0.name',
      found: true,
    });
    expect(await parse({ text: doc, path: 'items.0.tags.1' })).toMatchObject({ value: 'b', found: true });
    expect(await parse({ text: doc, path: 'items' })).toMatchObject({ type: 'array', found: true });
    expect(await parse({ text: doc, path: 'total' })).toMatchObject({ type: 'number', value: 2, found: true });
    expect(await parse({ text: doc, path: 'note' })).toMatchObject({ type: 'null', value: null, found: true });
  });

  it('reports a missing path as found: false', async () => {
    for (const path of [
      'items.5.name',
      'missing',
      'total.deeper',
      'items.0.name.length',
      '__proto__',
      'items.constructor',
    ]) {
      const out = await parse({ text: doc, path });
      expect(out, path).toMatchObject({ valid: true, path, found: false });
      expect(out.value, path).toBeUndefined();
    }
  });
});
