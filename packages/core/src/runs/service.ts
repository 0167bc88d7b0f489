// Reading runs: the filtered, cursor-paginated list of an agent's runs and one run with its trace and tool calls.
import { agentRun } from '@trellis/db';
import { and, desc, eq, gte, isNull, lte, type SQL } from 'drizzle-orm';
import { codeDefinedAgents } from '../agents/definitions';
import { AgentStore } from '../agents/store';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { afterCursor, pageOf } from '../pagination';
import type { RunListQuery } from './schemas';
import { type RunDetail, RunTraceStore } from './trace-store';

/** Which runs belong to the agent addressed by id or slug: its row's runs, or a code-defined agent's fallback runs. */
export async function getAgentRef(
  ctx: ServiceContext,
  idOrSlug: string,
): Promise<{ where: SQL; agentId: string | null }> {
  const agentId = await AgentStore.of(ctx).idOf(idOrSlug);
  if (agentId) return { where: eq(agentRun.agentId, agentId), agentId };
  if (codeDefinedAgents.some((d) => d.slug === idOrSlug))
    return { where: and(isNull(agentRun.agentId), eq(agentRun.agentSlug, idOrSlug)) as SQL, agentId: null };
  throw notFound('Agent', idOrSlug);
}

/** Newest first; `nextCursor` is set while more runs match. */
export async function listRuns(ctx: ServiceContext, idOrSlug: string, query: RunListQuery = {}) {
  const limit = query.limit ?? 50;
  const ref = await getAgentRef(ctx, idOrSlug);
  const filters: (SQL | undefined)[] = [eq(agentRun.tenantId, ctx.tenantId), ref.where];
  if (query.status) filters.push(eq(agentRun.status, query.status));
  if (query.runType) filters.push(eq(agentRun.runType, query.runType));
  if (query.from) filters.push(gte(agentRun.createdAt, query.from));
  if (query.to) filters.push(lte(agentRun.createdAt, query.to));
  if (query.cursor) filters.push(afterCursor(agentRun, query.cursor));
  const rows = await ctx.db
    .select()
    .from(agentRun)
    .where(and(...filters))
    .orderBy(desc(agentRun.createdAt), desc(agentRun.id))
    .limit(limit + 1);
  const { page, nextCursor } = pageOf(rows, limit);
  return { runs: page, nextCursor };
}

/** One run of the agent with its trace (steps in order) and tool calls; 404 when it is not this agent's. */
/** A run with its trace (steps in order) and its tool calls: what the run endpoints answer. */
export type { RunDetail };

export async function getRun(ctx: ServiceContext, idOrSlug: string, runId: string): Promise<RunDetail> {
  const ref = await getAgentRef(ctx, idOrSlug);
  const detail = await RunTraceStore.of(ctx).detail(runId, ref.where);
  if (!detail) throw notFound('Run', runId);
  return detail;
}
