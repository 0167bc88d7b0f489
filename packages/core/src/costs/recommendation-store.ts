// The cost recommendations' data access, bound to one tenant: what they read of an agent (its model, bound tools, and
// since a date its cost events, runs with their scores, and tool calls) and the recommendations kept for it. Every
// statement names the tenant — the lookups by agent id and the scores of each run included.
import {
  agent,
  agentEvaluation,
  agentRun,
  agentTool,
  agentToolCall,
  type CostRecommendation,
  costEvent,
  costRecommendation,
} from '@trellis/db';
import { and, type Column, desc, eq, gte, isNull, type SQL, sql } from 'drizzle-orm';
import { TenantStore } from '../tenant-store';

type NewRecommendation = Omit<typeof costRecommendation.$inferInsert, 'id' | 'tenantId' | 'agentId'>;

const tokenSum = (col: Column) => sql<number>`coalesce(sum(${col}), 0)::float8`;

export class RecommendationStore extends TenantStore {
  /** `where` for the tools bound to the agent. */
  private toolsOf(agentId: string): SQL {
    return and(eq(agentTool.tenantId, this.tenantId), eq(agentTool.agentId, agentId)) as SQL;
  }

  /** `where` for the agent's open (not dismissed) recommendations. */
  private openOf(agentId: string): SQL {
    return and(
      eq(costRecommendation.tenantId, this.tenantId),
      eq(costRecommendation.agentId, agentId),
      isNull(costRecommendation.dismissedAt),
    ) as SQL;
  }

  /** The agent's model, when the tenant has the agent. */
  async agentModel(agentId: string): Promise<{ modelProvider: string; modelName: string } | undefined> {
    const [row] = await this.db
      .select({ modelProvider: agent.modelProvider, modelName: agent.modelName })
      .from(agent)
      .where(and(eq(agent.tenantId, this.tenantId), eq(agent.id, agentId)))
      .limit(1);
    return row;
  }

  /** How many tools are bound to the agent. */
  async toolCount(agentId: string): Promise<number> {
    const [{ tools }] = await this.db
      .select({ tools: sql<number>`count(*)::int` })
      .from(agentTool)
      .where(this.toolsOf(agentId));
    return tools;
  }

  /** The ids of the tools bound to the agent. */
  async boundTools(agentId: string): Promise<string[]> {
    const rows = await this.db.select({ toolId: agentTool.toolId }).from(agentTool).where(this.toolsOf(agentId));
    return rows.map((r) => r.toolId);
  }

  /** The keys of the tools the agent's runs called since `since`. */
  async calledTools(agentId: string, since: Date): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ toolKey: agentToolCall.toolKey })
      .from(agentToolCall)
      .where(
        and(
          eq(agentToolCall.tenantId, this.tenantId),
          eq(agentToolCall.agentId, agentId),
          gte(agentToolCall.createdAt, since),
        ),
      );
    return rows.map((r) => r.toolKey);
  }

  /** The agent's runs with a cost event since `since`, and their summed tokens. */
  async usage(agentId: string, since: Date) {
    const [row] = await this.db
      .select({
        runs: sql<number>`count(*)::int`,
        promptTokens: tokenSum(costEvent.promptTokens),
        completionTokens: tokenSum(costEvent.completionTokens),
        cachedTokens: tokenSum(costEvent.cachedTokens),
        reasoningTokens: tokenSum(costEvent.reasoningTokens),
      })
      .from(costEvent)
      .where(
        and(eq(costEvent.tenantId, this.tenantId), eq(costEvent.agentId, agentId), gte(costEvent.createdAt, since)),
      );
    return row;
  }

  /**
   * For each model the agent ran since `since`: its finished runs (COMPLETED or FAILED), success rate (COMPLETED
   * over those) and the mean score of its runs' evaluations.
   */
  modelStats(agentId: string, since: Date) {
    // Quality: each score turned so that higher is better (toxicity counts as 1 − score).
    const score = sql`(select avg(coalesce((s.value->>'quality')::float8, (s.value->>'score')::float8)) from ${agentEvaluation} e, jsonb_each(e.scores_json) s
    where e.run_id = ${agentRun.id} and e.tenant_id = ${this.tenantId})`;
    return this.db
      .select({
        provider: sql<string>`coalesce(${agentRun.modelProvider}, '')`,
        modelName: sql<string>`coalesce(${agentRun.modelName}, '')`,
        runs: sql<number>`(count(*) filter (where ${agentRun.status} in ('COMPLETED', 'FAILED')))::int`,
        successRate: sql<number | null>`(count(*) filter (where ${agentRun.status} = 'COMPLETED'))::float8
        / nullif(count(*) filter (where ${agentRun.status} in ('COMPLETED', 'FAILED')), 0)`,
        quality: sql<number | null>`avg(${score})`,
      })
      .from(agentRun)
      .where(and(eq(agentRun.tenantId, this.tenantId), eq(agentRun.agentId, agentId), gte(agentRun.createdAt, since)))
      .groupBy(agentRun.modelProvider, agentRun.modelName);
  }

  /** The agent's open recommendations, largest saving first. */
  open(agentId: string): Promise<CostRecommendation[]> {
    return this.db
      .select()
      .from(costRecommendation)
      .where(this.openOf(agentId))
      .orderBy(sql`${costRecommendation.estimatedSavingsUsd} desc nulls last`, desc(costRecommendation.createdAt));
  }

  deleteOpen(agentId: string): Promise<unknown> {
    return this.db.delete(costRecommendation).where(this.openOf(agentId));
  }

  insert(agentId: string, rows: NewRecommendation[]): Promise<unknown> {
    return this.db.insert(costRecommendation).values(rows.map((r) => ({ tenantId: this.tenantId, agentId, ...r })));
  }
}
