// trip-notes: notes a traveller asks the agent to keep, persisted per tenant and per user (resource).
import { z } from 'zod';
import { defineTool } from '../types';
import { TripNoteStore } from './trip-note-store';

export const tripNotesTool = defineTool({
  id: 'trip-notes',
  description:
    'Keep notes about a trip: add a note, list notes, or delete one by id. Notes persist across conversations.',
  category: 'trip-planner',
  // One object schema (not a union): providers' function calling wants `type: object` at the top level.
  inputSchema: z
    .object({
      action: z.enum(['add', 'list', 'delete']).describe('add a note, list notes, or delete the note with `id`'),
      title: z.string().min(1).max(200).optional().describe('required to add'),
      body: z.string().max(10_000).optional().describe('required to add'),
      tripId: z.string().max(100).optional().describe('groups notes by trip (add, list)'),
      id: z.string().max(100).optional().describe('required to delete'),
    })
    .superRefine((v, ctx) => {
      const need = v.action === 'add' ? (['title', 'body'] as const) : v.action === 'delete' ? (['id'] as const) : [];
      for (const field of need) {
        if (v[field] === undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required to ${v.action}` });
      }
    }),
  async execute(input, ctx) {
    const notes = new TripNoteStore(ctx.db, ctx.tenantId, ctx.resourceId ?? null);
    // The schema's refinement guarantees title and body for add, and id for delete.
    if (input.action === 'add') {
      const note = await notes.add({
        tripId: input.tripId ?? 'default',
        title: input.title ?? '',
        body: input.body ?? '',
      });
      return { saved: { id: note.id, title: note.title, body: note.body, tripId: note.tripId } };
    }
    if (input.action === 'list') return { notes: await notes.list(input.tripId) };
    return { deleted: await notes.delete(input.id ?? ''), id: input.id };
  },
});
