// The guardrails' data access, bound to one tenant: the versions of its organization policy (no agent) and of each
// agent's policy, and the events runs wrote. Every statement names the tenant.
import { type GuardrailEvent, type GuardrailPolicy, guardrailEvent, guardrailPolicy } from '@trellis/db';
import { and, desc, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { afterCursor } from '../pagination';
import { TenantStore } from '../tenant-store';

export interface GuardrailEventFilter {
  agentId?: string;
  runId?: string;
  type?: GuardrailEvent['type'];
  guardrailKey?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export class GuardrailStore extends TenantStore {
  private scope(agentId: string | null): SQL {
    return and(
      eq(guardrailPolicy.tenantId, this.tenantId),
      agentId ? eq(guardrailPolicy.agentId, agentId) : isNull(guardrailPolicy.agentId),
    ) as SQL;
  }

  /** The versions of one scope's policy (an agent's, or the organization's without one), newest first. */
  versions(agentId: string | null, limit = 50): Promise<GuardrailPolicy[]> {
    return this.db
      .select()
      .from(guardrailPolicy)
      .where(this.scope(agentId))
      .orderBy(desc(guardrailPolicy.version))
      .limit(limit);
  }

  /** The policies in force over an agent's runs — the organization's and the agent's newest versions — in one read. */
  async inForce(agentId: string | null): Promise<{ organization?: GuardrailPolicy; agent?: GuardrailPolicy }> {
    const rows = await this.db
      .selectDistinctOn([guardrailPolicy.agentId])
      .from(guardrailPolicy)
      .where(
        and(
          eq(guardrailPolicy.tenantId, this.tenantId),
          agentId
            ? or(isNull(guardrailPolicy.agentId), eq(guardrailPolicy.agentId, agentId))
            : isNull(guardrailPolicy.agentId),
        ),
      )
      .orderBy(guardrailPolicy.agentId, desc(guardrailPolicy.version));
    return { organization: rows.find((r) => r.agentId === null), agent: rows.find((r) => r.agentId !== null) };
  }

  /** Saves the next version of one scope's policy (the caller holds the scope's lock). */
  async insertVersion(agentId: string | null, configJson: GuardrailPolicy['configJson'], createdBy: string | null) {
    const [row] = await this.db
      .insert(guardrailPolicy)
      .values({
        tenantId: this.tenantId,
        agentId,
        configJson,
        createdBy,
        version: sql`(select coalesce(max(${guardrailPolicy.version}), 0) + 1 from ${guardrailPolicy} where ${this.scope(agentId)})`,
      })
      .returning();
    return row;
  }

  /** Serializes saves of one scope's policy for the transaction (versions are numbered max + 1). */
  async lockScope(agentId: string | null): Promise<void> {
    await this.db.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`guardrails:${this.tenantId}:${agentId ?? ''}`}))`,
    );
  }

  events(filter: GuardrailEventFilter): Promise<GuardrailEvent[]> {
    const where: (SQL | undefined)[] = [eq(guardrailEvent.tenantId, this.tenantId)];
    if (filter.agentId) where.push(eq(guardrailEvent.agentId, filter.agentId));
    if (filter.runId) where.push(eq(guardrailEvent.runId, filter.runId));
    if (filter.type) where.push(eq(guardrailEvent.type, filter.type));
    if (filter.guardrailKey) where.push(eq(guardrailEvent.guardrailKey, filter.guardrailKey));
    if (filter.from) where.push(gte(guardrailEvent.createdAt, filter.from));
    if (filter.to) where.push(lte(guardrailEvent.createdAt, filter.to));
    if (filter.cursor) where.push(afterCursor(guardrailEvent, filter.cursor));
    return this.db
      .select()
      .from(guardrailEvent)
      .where(and(...where))
      .orderBy(desc(guardrailEvent.createdAt), desc(guardrailEvent.id))
      .limit(filter.limit + 1);
  }

  async event(eventId: string): Promise<GuardrailEvent | undefined> {
    const [row] = await this.db
      .select()
      .from(guardrailEvent)
      .where(and(eq(guardrailEvent.tenantId, this.tenantId), eq(guardrailEvent.id, eventId)));
    return row;
  }
}
