// Feedback's data access, bound to one tenant: one verdict per giver per run (saved again to change it), the
// agent's feedback newest first, and its daily aggregate (AgentFeedbackAggregateDaily), recomputed from the raw rows
// of the day a verdict belongs to in the transaction that saves it — so it never drifts from them.
import { type AgentFeedback, agentFeedback, agentFeedbackAggregateDaily } from '@trellis/db';
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { afterCursor } from '../pagination';
import { TenantStore } from '../tenant-store';

export type FeedbackValues = Pick<AgentFeedback, 'thumbs' | 'rating' | 'comment'>;

export interface FeedbackFilter {
  agentId: string;
  runId?: string;
  thumbs?: 'up' | 'down';
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export class FeedbackStore extends TenantStore {
  /** Saves `giver`'s verdict on the run (replacing an earlier one); the row after. */
  async upsert(
    run: { id: string; agentId: string | null },
    giver: { key: string; userId: string | null },
    values: FeedbackValues,
  ): Promise<AgentFeedback> {
    const [row] = await this.db
      .insert(agentFeedback)
      .values({
        tenantId: this.tenantId,
        runId: run.id,
        agentId: run.agentId,
        giver: giver.key,
        userId: giver.userId,
        ...values,
      })
      .onConflictDoUpdate({
        target: [agentFeedback.runId, agentFeedback.giver],
        set: { ...values, updatedAt: new Date() },
        setWhere: eq(agentFeedback.tenantId, this.tenantId),
      })
      .returning();
    return row;
  }

  /** Thumbs up and down, the mean rating and the count of the agent's feedback given in [start, end). */
  async totals(agentId: string, start: Date, end: Date) {
    const [totals] = await this.db
      .select({
        thumbsUp: sql<number>`count(*) filter (where ${agentFeedback.thumbs} = 'up')::int`,
        thumbsDown: sql<number>`count(*) filter (where ${agentFeedback.thumbs} = 'down')::int`,
        avgRating: sql<number | null>`avg(${agentFeedback.rating})::float8`,
        count: sql<number>`count(*)::int`,
      })
      .from(agentFeedback)
      .where(
        and(
          eq(agentFeedback.tenantId, this.tenantId),
          eq(agentFeedback.agentId, agentId),
          gte(agentFeedback.createdAt, start),
          lt(agentFeedback.createdAt, end),
        ),
      );
    return totals;
  }

  /** Recomputes the agent's aggregate of the UTC day `date` from its feedback rows. */
  async refreshDay(agentId: string, date: string): Promise<void> {
    const start = new Date(`${date}T00:00:00Z`);
    const values = await this.totals(agentId, start, new Date(start.getTime() + 86_400_000));
    await this.db
      .insert(agentFeedbackAggregateDaily)
      .values({ tenantId: this.tenantId, agentId, date, ...values })
      .onConflictDoUpdate({
        target: [agentFeedbackAggregateDaily.agentId, agentFeedbackAggregateDaily.date],
        set: { ...values, updatedAt: new Date() },
      });
  }

  list(filter: FeedbackFilter): Promise<AgentFeedback[]> {
    const where: (SQL | undefined)[] = [
      eq(agentFeedback.tenantId, this.tenantId),
      eq(agentFeedback.agentId, filter.agentId),
    ];
    if (filter.runId) where.push(eq(agentFeedback.runId, filter.runId));
    if (filter.thumbs) where.push(eq(agentFeedback.thumbs, filter.thumbs));
    if (filter.from) where.push(gte(agentFeedback.createdAt, filter.from));
    if (filter.to) where.push(lt(agentFeedback.createdAt, filter.to));
    if (filter.cursor) where.push(afterCursor(agentFeedback, filter.cursor));
    return this.db
      .select()
      .from(agentFeedback)
      .where(and(...where))
      .orderBy(desc(agentFeedback.createdAt), desc(agentFeedback.id))
      .limit(filter.limit + 1);
  }

  /** The thumbs given on each of `runIds`. */
  thumbsOf(runIds: string[]) {
    if (!runIds.length) return Promise.resolve([]);
    return this.db
      .select({ runId: agentFeedback.runId, thumbs: agentFeedback.thumbs })
      .from(agentFeedback)
      .where(and(eq(agentFeedback.tenantId, this.tenantId), inArray(agentFeedback.runId, runIds)));
  }

  /** A run's feedback, oldest first. */
  ofRun(runId: string): Promise<AgentFeedback[]> {
    return this.db
      .select()
      .from(agentFeedback)
      .where(and(eq(agentFeedback.tenantId, this.tenantId), eq(agentFeedback.runId, runId)))
      .orderBy(asc(agentFeedback.createdAt));
  }

  /** The agent's daily aggregates from `from` to `to` (UTC days, both included), oldest first. */
  days(agentId: string, from: string, to: string) {
    return this.db
      .select()
      .from(agentFeedbackAggregateDaily)
      .where(this.agentDays(agentFeedbackAggregateDaily, agentId, from, to))
      .orderBy(asc(agentFeedbackAggregateDaily.date));
  }
}
