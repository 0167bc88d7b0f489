// trip-notes: notes persist in the database, scoped by tenant and by user (resource): nobody else lists or deletes them.
import { type DatabaseHandle, organization, tripNote } from '@trellis/db';
import { createTestDatabase } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ToolContext } from '../types';
import { tripNotesTool } from './trip-notes';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values([
    { id: 'org-a', name: 'Org A', slug: 'org-a' },
    { id: 'org-b', name: 'Org B', slug: 'org-b' },
  ]);
});
afterAll(() => handle?.close());

const ctxFor = (tenantId: string, resourceId?: string): ToolContext => ({
  db: handle.db,
  tenantId,
  resourceId,
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
});
const notes = (input: unknown, ctx: ToolContext) =>
  tripNotesTool.execute(tripNotesTool.inputSchema.parse(input), ctx) as Promise<Record<string, unknown>>;

type Saved = { saved: { id: string; title: string; body: string; tripId: string } };
type Listed = { notes: { id: string; title: string; body: string; tripId: string; createdAt: Date }[] };

describe('trip-notes tool', () => {
  it('adds, lists and deletes notes, persisted in trip_note', async () => {
    const alice = ctxFor('org-a', 'alice');
    const first = (await notes(
      { action: 'add', title: 'Hotel', body: 'Book near Alfama', tripId: 'lisbon' },
      alice,
    )) as Saved;
    expect(first.saved).toMatchObject({ title: 'Hotel', body: 'Book near Alfama', tripId: 'lisbon' });
    expect(first.saved.id).toEqual(expect.any(String));
    const second = (await notes({ action: 'add', title: 'Food', body: 'Try pastéis de nata' }, alice)) as Saved;
    expect(second.saved.tripId).toBe('default');

    const rows = await handle.db.select().from(tripNote);
    expect(rows.map((r) => [r.tenantId, r.resourceId, r.title]).sort()).toEqual([
      ['org-a', 'alice', 'Food'],
      ['org-a', 'alice', 'Hotel'],
    ]);

    const listed = (await notes({ action: 'list' }, alice)) as Listed;
    expect(listed.notes.map((n) => n.title).sort()).toEqual(['Food', 'Hotel']);
    const lisbon = (await notes({ action: 'list', tripId: 'lisbon' }, alice)) as Listed;
    expect(lisbon.notes.map((n) => n.id)).toEqual([first.saved.id]);

    expect(await notes({ action: 'delete', id: first.saved.id }, alice)).toEqual({ deleted: true, id: first.saved.id });
    expect(await notes({ action: 'delete', id: first.saved.id }, alice)).toEqual({
      deleted: false,
      id: first.saved.id,
    });
    const after = (await notes({ action: 'list' }, alice)) as Listed;
    expect(after.notes.map((n) => n.id)).toEqual([second.saved.id]);
  });

  it('another user of the same tenant, another tenant, or a run without a user sees nothing and deletes nothing', async () => {
    const owner = ctxFor('org-a', 'bob');
    const { saved } = (await notes({ action: 'add', title: 'Passport', body: 'renew before June' }, owner)) as Saved;

    for (const stranger of [ctxFor('org-a', 'carol'), ctxFor('org-b', 'bob'), ctxFor('org-a')]) {
      const label = `${stranger.tenantId}/${stranger.resourceId ?? '(none)'}`;
      const listed = (await notes({ action: 'list' }, stranger)) as Listed;
      expect(
        listed.notes.map((n) => n.id),
        label,
      ).not.toContain(saved.id);
      expect(await notes({ action: 'delete', id: saved.id }, stranger), label).toEqual({
        deleted: false,
        id: saved.id,
      });
    }

    const stillThere = (await notes({ action: 'list' }, owner)) as Listed;
    expect(stillThere.notes.map((n) => n.id)).toEqual([saved.id]);
  });

  it('keeps notes of runs without a user apart from every user', async () => {
    const anonymous = ctxFor('org-b');
    const { saved } = (await notes({ action: 'add', title: 'Shared', body: 'no user' }, anonymous)) as Saved;
    const [row] = await handle.db.select().from(tripNote).where(eq(tripNote.id, saved.id));
    expect(row.resourceId).toBeNull();
    expect(((await notes({ action: 'list' }, anonymous)) as Listed).notes.map((n) => n.id)).toEqual([saved.id]);
    expect(((await notes({ action: 'list' }, ctxFor('org-b', 'bob'))) as Listed).notes).toEqual([]);
  });

  it('its schema requires a known action with its fields', () => {
    expect(tripNotesTool.inputSchema.safeParse({ action: 'purge' }).success).toBe(false);
    expect(tripNotesTool.inputSchema.safeParse({ action: 'add', title: '', body: 'x' }).success).toBe(false);
    expect(tripNotesTool.inputSchema.safeParse({ action: 'delete' }).success).toBe(false);
  });
});
