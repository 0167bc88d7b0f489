// memory-recall: keyword search over this user's COMPLETED runs in this tenant; LIKE wildcards in the query are literal.
import { agentRun, type DatabaseHandle, organization } from '@trellis/db';
import { createTestDatabase } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ToolContext } from '../types';
import { memoryRecallTool } from './memory-recall';

let handle: DatabaseHandle;
const ids: Record<string, string> = {};

type RunSeed = {
  key: string;
  tenantId?: string;
  resourceId?: string | null;
  threadId?: string;
  status?: 'COMPLETED' | 'FAILED' | 'RUNNING';
  input: string;
  output?: string;
  minute: number;
};

const seeds: RunSeed[] = [
  {
    key: 'lisbon',
    input: 'Plan a trip to Lisbon in May',
    output: 'Lisbon is lovely in spring.',
    minute: 1,
    threadId: 't1',
  },
  { key: 'budget', input: 'What is my budget?', output: 'You set aside 50% of 2000 EUR.', minute: 2, threadId: 't1' },
  { key: 'fivek', input: 'My budget is 5000 now', output: 'Noted.', minute: 3, threadId: 't2' },
  { key: 'underscore', input: 'code a_c please', output: 'ok', minute: 4, threadId: 't2' },
  { key: 'abc', input: 'code abc please', output: 'ok', minute: 5, threadId: 't2' },
  { key: 'lisbonOutput', input: 'Where should I go?', output: 'Maybe LISBON again.', minute: 6, threadId: 't2' },
  { key: 'failed', input: 'Lisbon failed run', status: 'FAILED', minute: 7 },
  { key: 'running', input: 'Lisbon running run', status: 'RUNNING', minute: 8 },
  { key: 'otherUser', resourceId: 'bob', input: 'Lisbon for Bob', output: 'sure', minute: 9, threadId: 't1' },
  { key: 'noUser', resourceId: null, input: 'Lisbon without a user', output: 'sure', minute: 10, threadId: 't1' },
  { key: 'otherTenant', tenantId: 'org-b', input: 'Lisbon in another org', output: 'sure', minute: 11, threadId: 't1' },
];

beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values([
    { id: 'org-a', name: 'Org A', slug: 'org-a' },
    { id: 'org-b', name: 'Org B', slug: 'org-b' },
  ]);
  for (const s of seeds) {
    const [row] = await handle.db
      .insert(agentRun)
      .values({
        tenantId: s.tenantId ?? 'org-a',
        agentSlug: 'assistant',
        status: s.status ?? 'COMPLETED',
        inputText: s.input,
        outputText: s.output ?? null,
        resourceId: s.resourceId === undefined ? 'alice' : s.resourceId,
        threadId: s.threadId ?? null,
        createdAt: new Date(Date.UTC(2030, 0, 1, 12, s.minute)),
      })
      .returning({ id: agentRun.id });
    ids[s.key] = row.id;
  }
});
afterAll(() => handle?.close());

const ctxFor = (over: Partial<ToolContext> = {}): ToolContext => ({
  db: handle.db,
  tenantId: 'org-a',
  resourceId: 'alice',
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
  ...over,
});
type Out = {
  query: string;
  matches: { runId: string; input: string | null; output: string | null; at: Date }[];
  note?: string;
};
const recall = (input: unknown, ctx = ctxFor()) =>
  memoryRecallTool.execute(memoryRecallTool.inputSchema.parse(input), ctx) as Promise<Out>;
const runIds = (out: Out) => out.matches.map((m) => m.runId);

describe('memory-recall tool', () => {
  it("finds the user's completed runs by keyword in input or output, newest first, case-insensitively", async () => {
    const out = await recall({ query: 'lisbon' });
    expect(out.query).toBe('lisbon');
    expect(runIds(out)).toEqual([ids.lisbonOutput, ids.lisbon]);
    expect(out.matches[1]).toMatchObject({
      input: 'Plan a trip to Lisbon in May',
      output: 'Lisbon is lovely in spring.',
      at: new Date(Date.UTC(2030, 0, 1, 12, 1)),
    });
    expect(runIds(await recall({ query: 'spring' }))).toEqual([ids.lisbon]);
  });

  it("never returns other users', other tenants' or unfinished runs", async () => {
    const out = await recall({ query: 'lisbon', limit: 20 });
    for (const key of ['failed', 'running', 'otherUser', 'noUser', 'otherTenant']) {
      expect(runIds(out), key).not.toContain(ids[key]);
    }
    expect(runIds(await recall({ query: 'Bob' }))).toEqual([]);
    expect(runIds(await recall({ query: 'Lisbon for Bob' }, ctxFor({ resourceId: 'bob' })))).toEqual([ids.otherUser]);
    expect(runIds(await recall({ query: 'another org' }))).toEqual([]);
    expect(runIds(await recall({ query: 'another org' }, ctxFor({ tenantId: 'org-b' })))).toEqual([ids.otherTenant]);
  });

  it('treats % and _ in the query literally', async () => {
    expect(runIds(await recall({ query: '50%' }))).toEqual([ids.budget]);
    expect(runIds(await recall({ query: '5%0' }))).toEqual([]);
    expect(runIds(await recall({ query: 'a_c' }))).toEqual([ids.underscore]);
    expect(runIds(await recall({ query: '%%' }))).toEqual([]);
    expect(runIds(await recall({ query: '\\%' }))).toEqual([]);
  });

  it('honours the limit', async () => {
    const out = await recall({ query: 'code', limit: 1 });
    expect(runIds(out)).toEqual([ids.abc]);
  });

  it("scope 'thread' searches only the run's thread", async () => {
    const ctx = ctxFor({ threadId: 't1' });
    expect(runIds(await recall({ query: 'lisbon', scope: 'thread' }, ctx))).toEqual([ids.lisbon]);
    expect(runIds(await recall({ query: 'lisbon', scope: 'user' }, ctx))).toEqual([ids.lisbonOutput, ids.lisbon]);
    expect(runIds(await recall({ query: 'budget', scope: 'thread' }, ctxFor({ threadId: 't2' })))).toEqual([ids.fivek]);
  });

  it("a caller-chosen thread id does not reach another user's runs in that thread", async () => {
    // t1 holds runs of alice, bob and a user-less run; each sees only its own
    expect(
      runIds(await recall({ query: 'lisbon', scope: 'thread' }, ctxFor({ resourceId: 'bob', threadId: 't1' }))),
    ).toEqual([ids.otherUser]);
    expect(
      runIds(await recall({ query: 'lisbon', scope: 'thread' }, ctxFor({ resourceId: 'carol', threadId: 't1' }))),
    ).toEqual([]);
    expect(
      runIds(await recall({ query: 'lisbon', scope: 'thread' }, ctxFor({ resourceId: undefined, threadId: 't1' }))),
    ).toEqual([ids.noUser]);
    expect(
      runIds(await recall({ query: 'lisbon', scope: 'thread' }, ctxFor({ tenantId: 'org-b', threadId: 't1' }))),
    ).toEqual([ids.otherTenant]);
  });

  it('recalls nothing for a run without a user or thread', async () => {
    const out = await recall({ query: 'lisbon' }, ctxFor({ resourceId: undefined }));
    expect(out.matches).toEqual([]);
    expect(out.note).toMatch(/nothing to recall/);
  });
});
