// trip-notes: notes a traveller asks the agent to keep, persisted per tenant and per user (resource).
import { tripNote } from '@trellis/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineTool } from '../types';

export const tripNotesTool = defineTool({
  id: 'trip-notes',
  description:
    'Keep notes about a trip: add a note, list notes, or delete one by id. Notes persist across conversations.',
  category: 'trip-planner',
  inputSchema: z.discriminatedUnion('action', [
    z.object({
      action: z.literal('add'),
      title: z.string().min(1).max(200),
      body: z.string().max(10_000),
      tripId: z.string().max(100).optional(),
    }),
    z.object({ action: z.literal('list'), tripId: z.string().max(100).optional() }),
    z.object({ action: z.literal('delete'), id: z.string().max(100) }),
  ]),
  async execute(input, ctx) {
    const owner = ctx.resourceId ? eq(tripNote.resourceId, ctx.resourceId) : isNull(tripNote.resourceId);
    const scope = and(eq(tripNote.tenantId, ctx.tenantId), owner);
    if (input.action === 'add') {
      const [note] = await ctx.db
        .insert(tripNote)
        .values({
          tenantId: ctx.tenantId,
          resourceId: ctx.resourceId ?? null,
          tripId: input.tripId ?? 'default',
          title: input.title,
          body: input.body,
        })
        .returning();
      return { saved: { id: note.id, title: note.title, body: note.body, tripId: note.tripId } };
    }
    if (input.action === 'list') {
      const where = input.tripId ? and(scope, eq(tripNote.tripId, input.tripId)) : scope;
      const notes = await ctx.db
        .select({
          id: tripNote.id,
          title: tripNote.title,
          body: tripNote.body,
          tripId: tripNote.tripId,
          createdAt: tripNote.createdAt,
        })
        .from(tripNote)
        .where(where)
        .orderBy(desc(tripNote.createdAt))
        .limit(100);
      return { notes };
    }
    const deleted = await ctx.db
      .delete(tripNote)
      .where(and(scope, eq(tripNote.id, input.id)))
      .returning({ id: tripNote.id });
    return { deleted: deleted.length === 1, id: input.id };
  },
});
