// The trip-notes tool's data access, bound to one tenant and one user (resource; none for a user-less run): a note is
// only ever read, listed or deleted by the user who kept it.
import { type TripNote, tripNote } from '@trellis/db';
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../context';

export class TripNoteStore {
  constructor(
    private readonly db: Executor,
    readonly tenantId: string,
    readonly resourceId: string | null,
  ) {}

  private owned(): SQL {
    const owner = this.resourceId ? eq(tripNote.resourceId, this.resourceId) : isNull(tripNote.resourceId);
    return and(eq(tripNote.tenantId, this.tenantId), owner) as SQL;
  }

  async add(note: { tripId: string; title: string; body: string }): Promise<TripNote> {
    const [row] = await this.db
      .insert(tripNote)
      .values({ ...note, tenantId: this.tenantId, resourceId: this.resourceId })
      .returning();
    return row;
  }

  /** The user's notes (of one trip, when given), newest first. */
  list(tripId?: string, limit = 100) {
    return this.db
      .select({
        id: tripNote.id,
        title: tripNote.title,
        body: tripNote.body,
        tripId: tripNote.tripId,
        createdAt: tripNote.createdAt,
      })
      .from(tripNote)
      .where(and(this.owned(), tripId ? eq(tripNote.tripId, tripId) : undefined))
      .orderBy(desc(tripNote.createdAt))
      .limit(limit);
  }

  /** Deletes the user's note with this id; whether there was one. */
  async delete(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(tripNote)
      .where(and(this.owned(), eq(tripNote.id, id)))
      .returning({ id: tripNote.id });
    return rows.length === 1;
  }
}
