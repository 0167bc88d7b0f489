// Reading runs: the filtered, cursor-paginated list of an agent's runs and one run with its trace and tool calls.
import { codeDefinedAgents } from '../agents/definitions';
import { AgentStore } from '../agents/store';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { pageOf } from '../pagination';
import { RecordedRuns, type RunDetail, type RunOwner } from './recorded-runs-store';
import type { RunListQuery } from './schemas';

/** Whose runs the agent addressed by id or slug has: its row's, or a code-defined agent's fallback runs. */
export async function runOwnerOf(
  ctx: ServiceContext,
  idOrSlug: string,
): Promise<{ owner: RunOwner; agentId: string | null }> {
  const agentId = await AgentStore.of(ctx).idOf(idOrSlug);
  if (agentId) return { owner: { agentId }, agentId };
  if (codeDefinedAgents.some((d) => d.slug === idOrSlug)) return { owner: { codeAgentSlug: idOrSlug }, agentId: null };
  throw notFound('Agent', idOrSlug);
}

/** Newest first; `nextCursor` is set while more runs match. */
export async function listRuns(ctx: ServiceContext, idOrSlug: string, query: RunListQuery = {}) {
  const limit = query.limit ?? 50;
  const { owner } = await runOwnerOf(ctx, idOrSlug);
  const rows = await RecordedRuns.of(ctx).list(owner, query, limit + 1);
  const { page, nextCursor } = pageOf(rows, limit);
  return { runs: page, nextCursor };
}

/** A run with its trace (steps in order) and its tool calls: what the run endpoints answer. */
export type { RunDetail };

/** One run of the agent with its trace and tool calls; 404 when it is not this agent's. */
export async function getRun(ctx: ServiceContext, idOrSlug: string, runId: string): Promise<RunDetail> {
  const { owner } = await runOwnerOf(ctx, idOrSlug);
  const detail = await RecordedRuns.of(ctx).detail(runId, owner);
  if (!detail) throw notFound('Run', runId);
  return detail;
}
