// The alerts' data access, bound to one tenant: alerts (raised once per dedupe key, listed, resolved) and the
// destinations they are delivered to. Every statement names the tenant, the updates by alert id included.
import { type AgentAlert, type AlertDestination, agentAlert, alertDestination } from '@trellis/db';
import { and, desc, eq, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { TenantStore } from '../tenant-store';

type NewAlert = Omit<typeof agentAlert.$inferInsert, 'tenantId' | 'id'>;
type NewDestination = Omit<typeof alertDestination.$inferInsert, 'tenantId' | 'id'>;

export interface AlertFilter {
  status: 'open' | 'resolved' | 'all';
  agentId?: string;
  source?: AgentAlert['source'];
  severity?: AgentAlert['severity'];
  before?: Date;
  limit: number;
}

export class AlertStore extends TenantStore {
  private alertKey(alertId: string): SQL {
    return and(eq(agentAlert.id, alertId), eq(agentAlert.tenantId, this.tenantId)) as SQL;
  }

  /** Inserts the alert unless the tenant has one with its dedupe key; the new row, or undefined for a repeat. */
  async insertOnce(values: NewAlert): Promise<AgentAlert | undefined> {
    const [row] = await this.db
      .insert(agentAlert)
      .values({ ...values, tenantId: this.tenantId })
      .onConflictDoNothing({ target: [agentAlert.tenantId, agentAlert.dedupeKey] })
      .returning();
    return row;
  }

  setMetadata(alertId: string, metadata: AgentAlert['metadata']): Promise<unknown> {
    return this.db.update(agentAlert).set({ metadata }).where(this.alertKey(alertId));
  }

  /** Adds keys to an alert's metadata, keeping what is there (e.g. deliveries recorded meanwhile). */
  mergeMetadata(alertId: string, patch: Record<string, unknown>): Promise<unknown> {
    return this.db
      .update(agentAlert)
      .set({ metadata: sql`coalesce(${agentAlert.metadata}, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb` })
      .where(this.alertKey(alertId));
  }

  list(filter: AlertFilter): Promise<AgentAlert[]> {
    const filters: (SQL | undefined)[] = [eq(agentAlert.tenantId, this.tenantId)];
    if (filter.status === 'open') filters.push(isNull(agentAlert.resolvedAt));
    if (filter.status === 'resolved') filters.push(isNotNull(agentAlert.resolvedAt));
    if (filter.agentId) filters.push(eq(agentAlert.agentId, filter.agentId));
    if (filter.source) filters.push(eq(agentAlert.source, filter.source));
    if (filter.severity) filters.push(eq(agentAlert.severity, filter.severity));
    if (filter.before) filters.push(lt(agentAlert.createdAt, filter.before));
    return this.db
      .select()
      .from(agentAlert)
      .where(and(...filters))
      .orderBy(desc(agentAlert.createdAt))
      .limit(filter.limit);
  }

  async resolve(alertId: string, at: Date, by: string | null): Promise<AgentAlert | undefined> {
    const [row] = await this.db
      .update(agentAlert)
      .set({ resolvedAt: at, resolvedBy: by })
      .where(this.alertKey(alertId))
      .returning();
    return row;
  }

  /** Unresolved alerts of one agent, and organization-wide ones. */
  async openCount(agentId: string): Promise<number> {
    const rows = await this.db
      .select({ id: agentAlert.id })
      .from(agentAlert)
      .where(
        and(
          eq(agentAlert.tenantId, this.tenantId),
          isNull(agentAlert.resolvedAt),
          or(eq(agentAlert.agentId, agentId), isNull(agentAlert.agentId)),
        ),
      );
    return rows.length;
  }

  destinations(options: { enabledOnly?: boolean } = {}): Promise<AlertDestination[]> {
    return this.db
      .select()
      .from(alertDestination)
      .where(
        and(
          eq(alertDestination.tenantId, this.tenantId),
          options.enabledOnly ? eq(alertDestination.enabled, true) : undefined,
        ),
      )
      .orderBy(desc(alertDestination.createdAt));
  }

  async insertDestination(values: NewDestination): Promise<AlertDestination> {
    const [row] = await this.db
      .insert(alertDestination)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  async deleteDestination(id: string): Promise<AlertDestination | undefined> {
    const [row] = await this.db
      .delete(alertDestination)
      .where(and(eq(alertDestination.id, id), eq(alertDestination.tenantId, this.tenantId)))
      .returning();
    return row;
  }
}
