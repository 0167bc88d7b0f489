// The agents' data access, bound to one tenant: agents (by id or slug), their tools and their versions. Every
// statement names the tenant — the tool and version lookups by agent id included — so nothing of another
// organization is read or changed through it, whatever id it is handed.
import { type Agent, type AgentSnapshot, type AgentVersion, agent, agentTool, agentVersion } from '@trellis/db';
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { containing } from '../like';
import { TenantStore } from '../tenant-store';
import type { AgentListQuery } from './schemas';

type NewAgent = Omit<typeof agent.$inferInsert, 'tenantId' | 'id'>;
type AgentChanges = Partial<NewAgent>;
type NewVersion = Omit<typeof agentVersion.$inferInsert, 'tenantId' | 'id'>;

export class AgentStore extends TenantStore {
  /** `where` for one agent of the tenant addressed by id or slug. */
  private key(idOrSlug: string): SQL {
    return and(eq(agent.tenantId, this.tenantId), or(eq(agent.id, idOrSlug), eq(agent.slug, idOrSlug))) as SQL;
  }

  /** The agent addressed by id or slug (locked for the transaction with `lock`); `activeOnly` skips inactive ones. */
  async find(idOrSlug: string, options: { lock?: boolean; activeOnly?: boolean } = {}): Promise<Agent | undefined> {
    const query = this.db
      .select()
      .from(agent)
      .where(and(this.key(idOrSlug), options.activeOnly ? eq(agent.isActive, true) : undefined))
      .limit(1);
    const [row] = options.lock ? await query.for('update') : await query;
    return row;
  }

  /** The id of the agent addressed by id or slug, when the tenant has one. */
  async idOf(idOrSlug: string): Promise<string | undefined> {
    const [row] = await this.db.select({ id: agent.id }).from(agent).where(this.key(idOrSlug)).limit(1);
    return row?.id;
  }

  /** The slugs of every agent of the tenant. */
  async slugs(): Promise<string[]> {
    const rows = await this.db.select({ slug: agent.slug }).from(agent).where(eq(agent.tenantId, this.tenantId));
    return rows.map((r) => r.slug);
  }

  /** The id of the agent with this slug other than `exceptId`, if any. */
  async slugHolder(slug: string, exceptId?: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: agent.id })
      .from(agent)
      .where(and(eq(agent.tenantId, this.tenantId), eq(agent.slug, slug)))
      .limit(1);
    return row && row.id !== exceptId ? row.id : undefined;
  }

  list(query: AgentListQuery = {}, limit = 500): Promise<Agent[]> {
    const filters: (SQL | undefined)[] = [eq(agent.tenantId, this.tenantId)];
    if (query.type) filters.push(eq(agent.type, query.type));
    if (query.modelProvider) filters.push(eq(agent.modelProvider, query.modelProvider));
    if (query.active !== undefined) filters.push(eq(agent.isActive, query.active));
    if (query.q) {
      const pattern = containing(query.q);
      filters.push(or(ilike(agent.name, pattern), ilike(agent.slug, pattern), ilike(agent.description, pattern)));
    }
    return this.db
      .select()
      .from(agent)
      .where(and(...filters))
      .orderBy(asc(agent.name))
      .limit(limit);
  }

  async insert(values: NewAgent): Promise<Agent> {
    const [row] = await this.db
      .insert(agent)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  async update(agentId: string, set: AgentChanges): Promise<Agent> {
    const [row] = await this.db
      .update(agent)
      .set(set)
      .where(and(eq(agent.id, agentId), eq(agent.tenantId, this.tenantId)))
      .returning();
    return row;
  }

  delete(agentId: string): Promise<unknown> {
    return this.db.delete(agent).where(and(eq(agent.id, agentId), eq(agent.tenantId, this.tenantId)));
  }

  /** The agent's tools with their configuration, by tool id. */
  tools(agentId: string): Promise<AgentSnapshot['tools']> {
    return this.db
      .select({ toolId: agentTool.toolId, config: agentTool.config })
      .from(agentTool)
      .where(and(eq(agentTool.agentId, agentId), eq(agentTool.tenantId, this.tenantId)))
      .orderBy(asc(agentTool.toolId));
  }

  /** Every agent's tool ids, by agent id. */
  async toolIdsByAgent(): Promise<Map<string, string[]>> {
    const rows = await this.db
      .select({ agentId: agentTool.agentId, toolId: agentTool.toolId })
      .from(agentTool)
      .where(eq(agentTool.tenantId, this.tenantId));
    const byAgent = new Map<string, string[]>();
    for (const r of rows) byAgent.set(r.agentId, [...(byAgent.get(r.agentId) ?? []), r.toolId]);
    return byAgent;
  }

  async replaceTools(agentId: string, tools: AgentSnapshot['tools']): Promise<void> {
    await this.db.delete(agentTool).where(and(eq(agentTool.agentId, agentId), eq(agentTool.tenantId, this.tenantId)));
    if (tools.length) {
      await this.db
        .insert(agentTool)
        .values(tools.map((t) => ({ tenantId: this.tenantId, agentId, toolId: t.toolId, config: t.config })));
    }
  }

  async insertVersion(values: NewVersion): Promise<string> {
    const [row] = await this.db
      .insert(agentVersion)
      .values({ ...values, tenantId: this.tenantId })
      .returning({ id: agentVersion.id });
    return row.id;
  }

  /**
   * The number the agent's next version takes: above every saved version, the current one and the learning
   * candidates saved beside it (which do not move the agent's current version).
   */
  async nextVersionNumber(agentId: string): Promise<number> {
    const [row] = await this.db
      .select({ max: sql<number>`coalesce(max(${agentVersion.version}), 0)::int` })
      .from(agentVersion)
      .where(and(eq(agentVersion.agentId, agentId), eq(agentVersion.tenantId, this.tenantId)));
    return row.max + 1;
  }

  versions(agentId: string): Promise<AgentVersion[]> {
    return this.db
      .select()
      .from(agentVersion)
      .where(and(eq(agentVersion.agentId, agentId), eq(agentVersion.tenantId, this.tenantId)))
      .orderBy(desc(agentVersion.version));
  }

  private versionKey(agentId: string, version: number): SQL {
    return and(
      eq(agentVersion.agentId, agentId),
      eq(agentVersion.tenantId, this.tenantId),
      eq(agentVersion.version, version),
    ) as SQL;
  }

  /** The id of the agent's version `version` (what a run records), without reading the snapshot. */
  async versionId(agentId: string, version: number): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: agentVersion.id })
      .from(agentVersion)
      .where(this.versionKey(agentId, version))
      .limit(1);
    return row?.id;
  }

  async version(agentId: string, version: number): Promise<AgentVersion | undefined> {
    const [row] = await this.db.select().from(agentVersion).where(this.versionKey(agentId, version)).limit(1);
    return row;
  }
}
