// ToolRegistry: the catalog with JSON schemas, unknown-id validation, and bound Mastra tools that report each call.
import type { Db } from '@trellis/db';
import { describe, expect, it } from 'vitest';
import { TrellisError } from '../errors';
import { type ToolCallRecord, ToolRegistry } from './registry';
import type { ToolContext } from './types';

const registry = new ToolRegistry();
const ctx: ToolContext = {
  db: {} as Db,
  tenantId: 'org-registry',
  resourceId: 'user-1',
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
};

const allIds = [
  'date-time',
  'calculator',
  'generate-id',
  'web-fetch',
  'memory-recall',
  'json-parser',
  'knowledge-search',
  'flight-search',
  'hotel-search',
  'weather-lookup',
  'trip-notes',
];

type Executable = { execute: (input: unknown, ctx?: unknown) => Promise<unknown> };

describe('ToolRegistry', () => {
  it('catalogs every built-in tool with a JSON schema of its input', () => {
    const catalog = registry.catalog();
    expect(catalog.map((t) => t.id)).toEqual(allIds);
    const calc = catalog.find((t) => t.id === 'calculator');
    expect(calc).toMatchObject({ category: 'core', sampleData: false });
    expect(calc?.inputSchema).toMatchObject({
      type: 'object',
      properties: { expression: { type: 'string', minLength: 1, maxLength: 500 } },
      required: ['expression'],
    });
    const ids = catalog.find((t) => t.id === 'generate-id')?.inputSchema as { required?: string[]; properties: object };
    expect(Object.keys(ids.properties)).toEqual(['kind', 'count', 'prefix']);
    expect(ids.required ?? []).toEqual([]); // defaults make every field optional on input
    expect(catalog.find((t) => t.id === 'flight-search')).toMatchObject({ category: 'trip-planner', sampleData: true });
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });

  it('knows its tools', () => {
    expect(registry.has('calculator')).toBe(true);
    expect(registry.has('rm-rf')).toBe(false);
    expect(registry.get('json-parser')?.id).toBe('json-parser');
    expect(registry.get('nope')).toBeUndefined();
  });

  it('assertKnown names every unknown id', () => {
    expect(() => registry.assertKnown(['calculator', 'date-time'])).not.toThrow();
    const err = (() => {
      try {
        registry.assertKnown(['calculator', 'shell', 'sql']);
      } catch (e) {
        return e;
      }
    })() as TrellisError;
    expect(err).toBeInstanceOf(TrellisError);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toBe('Unknown tools: shell, sql');
    expect(err.details).toMatchObject({ field: 'tools', unknown: ['shell', 'sql'] });
    expect(() => registry.assertKnown(['shell'])).toThrow('Unknown tool: shell');
  });

  it('binds only the requested known tools', () => {
    const bound = registry.bind(['calculator', 'json-parser', 'not-a-tool'], ctx);
    expect(Object.keys(bound).sort()).toEqual(['calculator', 'json-parser']);
  });

  it('reports a successful call with its input, output and duration', async () => {
    const calls: ToolCallRecord[] = [];
    const bound = registry.bind(['calculator'], ctx, (r) => calls.push(r));
    const before = Date.now();
    const out = await (bound.calculator as unknown as Executable).execute({ expression: '12*7' }, {});
    expect(out).toEqual({ expression: '12*7', result: 84 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolKey: 'calculator',
      input: { expression: '12*7' },
      output: { expression: '12*7', result: 84 },
      success: true,
    });
    expect(calls[0].error).toBeUndefined();
    expect(calls[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(calls[0].startedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it('reports a tool that returns { error } as a failed call', async () => {
    const calls: ToolCallRecord[] = [];
    const bound = registry.bind(['calculator'], ctx, (r) => calls.push(r));
    const out = await (bound.calculator as unknown as Executable).execute({ expression: 'process.exit()' }, {});
    expect(out).toMatchObject({ error: expect.any(String) });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolKey: 'calculator',
      success: false,
      error: "'process.exit' is not arithmetic",
    });
  });

  it('a bound calculator refuses a 501-character expression by its schema, returning an error', async () => {
    const bound = registry.bind(['calculator'], ctx);
    const expression = `1${'+1'.repeat(250)}`;
    expect(expression).toHaveLength(501);
    const out = (await (bound.calculator as unknown as Executable).execute({ expression }, {})) as Record<
      string,
      unknown
    >;
    expect(out.error).toBeTruthy();
    expect(out).not.toHaveProperty('result');
    expect(String(out.message)).toMatch(/500/);
  });

  it('reports a tool that throws as a failed call with the message', async () => {
    const failingDb = {
      select: () => {
        throw new Error('database is down');
      },
    } as unknown as Db;
    const calls: ToolCallRecord[] = [];
    const bound = registry.bind(['memory-recall'], { ...ctx, db: failingDb }, (r) => calls.push(r));
    await expect((bound['memory-recall'] as unknown as Executable).execute({ query: 'lisbon' }, {})).rejects.toThrow(
      'database is down',
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ toolKey: 'memory-recall', success: false, error: 'database is down' });
    expect(calls[0].output).toBeUndefined();
    expect(calls[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs bound tools in the bound context: memory-recall without a user or thread never queries', async () => {
    let queried = false;
    const spyDb = {
      select: () => {
        queried = true;
        throw new Error('unexpected query');
      },
    } as unknown as Db;
    const bound = registry.bind(['memory-recall'], { ...ctx, db: spyDb, resourceId: undefined, threadId: undefined });
    const out = await (bound['memory-recall'] as unknown as Executable).execute({ query: 'lisbon' }, {});
    expect(out).toMatchObject({ matches: [], note: expect.stringContaining('nothing to recall') });
    expect(queried).toBe(false);
    const withUser = registry.bind(['memory-recall'], { ...ctx, db: spyDb });
    await expect((withUser['memory-recall'] as unknown as Executable).execute({ query: 'lisbon' }, {})).rejects.toThrow(
      'unexpected query',
    );
    expect(queried).toBe(true);
  });
});
