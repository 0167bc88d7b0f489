// Recorded runs, bound to one tenant: a run with its trace, steps and tool calls; an agent's runs listed, in threads
// and summed for its overview; and cancelling runs in flight. Every statement names the tenant — the steps and tool
// calls looked up by trace or run id included. (Recording and finishing a run is run-store.ts.)
import {
  type AgentRun,
  type AgentToolCall,
  type AgentTrace,
  type AgentTraceStep,
  agentRun,
  agentStatsDaily,
  agentToolCall,
  agentTrace,
  agentTraceStep,
} from '@trellis/db';
import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { containing } from '../like';
import { afterCursor } from '../pagination';
import { TenantStore } from '../tenant-store';
import type { RunListQuery } from './schemas';

export type RunDetail = AgentRun & {
  trace: (AgentTrace & { steps: AgentTraceStep[] }) | null;
  toolCalls: AgentToolCall[];
};

/** Whose runs: a stored agent's, or a code-defined agent's fallback runs (no agent row; matched by slug). */
export type RunOwner = { agentId: string } | { codeAgentSlug: string };

/** Which runs to cancel: one run, or every run a goal or a workflow run started. */
export type RunMatch = { runId: string } | { goalId: string } | { workflowRunId: string };

/** What the overview sums over a window of days (and the month to date). */
export interface RunTotals {
  runs: number;
  completed: number;
  failed: number;
  tokens: number;
  costUsd: number;
  costMonthToDateUsd: number;
  avgQuality: number | null;
}

export class RecordedRuns extends TenantStore {
  /** The tenant's runs, of `owner` when given. */
  private owned(owner?: RunOwner): SQL {
    const ownerIs = !owner
      ? undefined
      : 'agentId' in owner
        ? eq(agentRun.agentId, owner.agentId)
        : and(isNull(agentRun.agentId), eq(agentRun.agentSlug, owner.codeAgentSlug));
    return and(eq(agentRun.tenantId, this.tenantId), ownerIs) as SQL;
  }

  async run(runId: string, owner?: RunOwner): Promise<AgentRun | undefined> {
    const [run] = await this.db
      .select()
      .from(agentRun)
      .where(and(this.owned(owner), eq(agentRun.id, runId)))
      .limit(1);
    return run;
  }

  /** The run with its trace (steps in order) and tool calls; undefined when the tenant (or owner) has no such run. */
  async detail(runId: string, owner?: RunOwner): Promise<RunDetail | undefined> {
    const run = await this.run(runId, owner);
    if (!run) return undefined;
    const [[trace], toolCalls] = await Promise.all([
      this.db
        .select()
        .from(agentTrace)
        .where(and(eq(agentTrace.runId, run.id), eq(agentTrace.tenantId, this.tenantId))),
      this.toolCalls([run.id]),
    ]);
    const steps = trace
      ? await this.db
          .select()
          .from(agentTraceStep)
          .where(and(eq(agentTraceStep.traceId, trace.id), eq(agentTraceStep.tenantId, this.tenantId)))
          .orderBy(asc(agentTraceStep.stepNumber))
      : [];
    return { ...run, trace: trace ? { ...trace, steps } : null, toolCalls };
  }

  /** The tool calls of these runs, in step order. */
  toolCalls(runIds: string[]): Promise<AgentToolCall[]> {
    return this.db
      .select()
      .from(agentToolCall)
      .where(and(eq(agentToolCall.tenantId, this.tenantId), inArray(agentToolCall.runId, runIds)))
      .orderBy(asc(agentToolCall.stepNumber), asc(agentToolCall.createdAt));
  }

  /** The owner's runs matching `query`, newest first, at most `limit`. */
  list(owner: RunOwner, query: RunListQuery, limit: number): Promise<AgentRun[]> {
    const filters: (SQL | undefined)[] = [this.owned(owner)];
    if (query.status) filters.push(eq(agentRun.status, query.status));
    if (query.runType) filters.push(eq(agentRun.runType, query.runType));
    if (query.from) filters.push(gte(agentRun.createdAt, query.from));
    if (query.to) filters.push(lte(agentRun.createdAt, query.to));
    if (query.cursor) filters.push(afterCursor(agentRun, query.cursor));
    return this.db
      .select()
      .from(agentRun)
      .where(and(...filters))
      .orderBy(desc(agentRun.createdAt), desc(agentRun.id))
      .limit(limit);
  }

  /** The owner's latest `n` runs, in brief. */
  recent(owner: RunOwner, n: number) {
    return this.db
      .select({
        id: agentRun.id,
        status: agentRun.status,
        runType: agentRun.runType,
        inputText: agentRun.inputText,
        durationMs: agentRun.durationMs,
        totalTokens: agentRun.totalTokens,
        costUsd: agentRun.costUsd,
        createdAt: agentRun.createdAt,
      })
      .from(agentRun)
      .where(this.owned(owner))
      .orderBy(desc(agentRun.createdAt))
      .limit(n);
  }

  /** Duration p50 and p95 of the owner's latest `sample` completed runs. */
  async latency(owner: RunOwner, sample: number): Promise<{ p50: number | null; p95: number | null }> {
    const [latency] = await this.db
      .select({
        p50: sql<number | null>`percentile_cont(0.5) within group (order by d)`,
        p95: sql<number | null>`percentile_cont(0.95) within group (order by d)`,
      })
      .from(
        this.db
          .select({ d: sql<number>`${agentRun.durationMs}`.as('d') })
          .from(agentRun)
          .where(and(this.owned(owner), eq(agentRun.status, 'COMPLETED')))
          .orderBy(desc(agentRun.createdAt))
          .limit(sample)
          .as('latest'),
      );
    return {
      p50: latency.p50 === null ? null : Number(latency.p50),
      p95: latency.p95 === null ? null : Number(latency.p95),
    };
  }

  /** A stored agent's totals since `sinceDay`, and its cost since `monthStart`, from the daily rollups. */
  async rollupTotals(agentId: string, sinceDay: string, monthStart: string): Promise<RunTotals> {
    const d = agentStatsDaily;
    const inWindow = sql`${d.date} >= ${sinceDay}`;
    const [t] = await this.db
      .select({
        runs: sql<number>`coalesce(sum(${d.runs}) filter (where ${inWindow}), 0)::int`,
        completed: sql<number>`coalesce(sum(${d.successes}) filter (where ${inWindow}), 0)::int`,
        failed: sql<number>`coalesce(sum(${d.failures}) filter (where ${inWindow}), 0)::int`,
        tokens: sql<number>`coalesce(sum(${d.tokens}) filter (where ${inWindow}), 0)::float8`,
        costUsd: sql<number>`coalesce(sum(${d.costUsd}) filter (where ${inWindow}), 0)::float8`,
        avgQuality: sql<
          number | null
        >`(sum(${d.avgQuality} * ${d.runs}) filter (where ${inWindow})) / nullif(sum(${d.runs}) filter (where ${inWindow} and ${d.avgQuality} is not null), 0)`,
        costMonthToDateUsd: sql<number>`coalesce(sum(${d.costUsd}) filter (where ${d.date} >= ${monthStart}), 0)::float8`,
      })
      .from(d)
      .where(
        and(
          eq(d.tenantId, this.tenantId),
          eq(d.agentId, agentId),
          gte(d.date, sinceDay < monthStart ? sinceDay : monthStart),
        ),
      );
    return { ...t, avgQuality: t.avgQuality === null ? null : Number(t.avgQuality) };
  }

  /** The same totals counted from the runs themselves (a code-defined agent has no rollups); no quality. */
  async rawTotals(owner: RunOwner, since: Date, monthStart: Date): Promise<RunTotals> {
    const after = sql`${agentRun.createdAt} >= ${since}`;
    const [t] = await this.db
      .select({
        runs: sql<number>`count(*) filter (where ${after})::int`,
        completed: sql<number>`count(*) filter (where ${after} and ${agentRun.status} = 'COMPLETED')::int`,
        failed: sql<number>`count(*) filter (where ${after} and ${agentRun.status} = 'FAILED')::int`,
        tokens: sql<number>`coalesce(sum(${agentRun.totalTokens}) filter (where ${after}), 0)::float8`,
        costUsd: sql<number>`coalesce(sum(${agentRun.costUsd}) filter (where ${after}), 0)::float8`,
        costMonthToDateUsd: sql<number>`coalesce(sum(${agentRun.costUsd}) filter (where ${agentRun.createdAt} >= ${monthStart}), 0)::float8`,
      })
      .from(agentRun)
      .where(this.owned(owner));
    return { ...t, avgQuality: null };
  }

  /** The owner's conversation threads, newest activity first, with the first message as title. */
  threads(owner: RunOwner, limit: number) {
    return this.db
      .select({
        threadId: sql<string>`${agentRun.threadId}`,
        runs: sql<number>`count(*)::int`,
        title: sql<string>`(array_agg(${agentRun.inputText} order by ${agentRun.createdAt}))[1]`,
        lastActivityAt: sql<Date>`max(${agentRun.createdAt})`,
      })
      .from(agentRun)
      .where(and(this.owned(owner), isNotNull(agentRun.threadId)))
      .groupBy(agentRun.threadId)
      .orderBy(desc(sql`max(${agentRun.createdAt})`))
      .limit(limit);
  }

  /** The owner's runs in one thread, oldest first. */
  threadRuns(owner: RunOwner, threadId: string, limit: number): Promise<AgentRun[]> {
    return this.db
      .select()
      .from(agentRun)
      .where(and(this.owned(owner), eq(agentRun.threadId, threadId)))
      .orderBy(agentRun.createdAt)
      .limit(limit);
  }

  /**
   * Completed runs of one user (resource; of one thread of theirs, when given) whose input or output contains `text`,
   * newest first — the runs of any agent of the tenant. A thread without a user means the user-less runs of it.
   */
  searchConversations(by: { resourceId?: string; threadId?: string }, text: string, limit: number) {
    const resource = by.resourceId ? eq(agentRun.resourceId, by.resourceId) : isNull(agentRun.resourceId);
    const pattern = containing(text);
    return this.db
      .select({ runId: agentRun.id, input: agentRun.inputText, output: agentRun.outputText, at: agentRun.createdAt })
      .from(agentRun)
      .where(
        and(
          this.owned(),
          eq(agentRun.status, 'COMPLETED'),
          by.threadId ? and(eq(agentRun.threadId, by.threadId), resource) : resource,
          or(ilike(agentRun.inputText, pattern), ilike(agentRun.outputText, pattern)),
        ),
      )
      .orderBy(desc(agentRun.createdAt))
      .limit(limit);
  }

  /** Per stored agent with runs: the last run, and runs and failures since `since`. */
  activity(since: Date) {
    return this.db
      .select({
        agentId: sql<string>`${agentRun.agentId}`,
        lastRunAt: sql<Date | null>`max(${agentRun.createdAt})`,
        runs7d: sql<number>`count(*) filter (where ${agentRun.createdAt} >= ${since})::int`,
        failed7d: sql<number>`count(*) filter (where ${agentRun.createdAt} >= ${since} and ${agentRun.status} = 'FAILED')::int`,
      })
      .from(agentRun)
      .where(and(eq(agentRun.tenantId, this.tenantId), isNotNull(agentRun.agentId)))
      .groupBy(agentRun.agentId);
  }

  /**
   * Marks the matching QUEUED or RUNNING runs CANCELLED (while `also` holds, when given); returns their ids and agents.
   */
  cancelInFlight(match: RunMatch, at: Date, error: string, also?: SQL) {
    const which =
      'runId' in match
        ? eq(agentRun.id, match.runId)
        : 'goalId' in match
          ? sql`${agentRun.metadata}->'goal'->>'goalId' = ${match.goalId}`
          : sql`${agentRun.metadata}->'workflow'->>'workflowRunId' = ${match.workflowRunId}`;
    return this.db
      .update(agentRun)
      .set({ status: 'CANCELLED', errorCode: 'RUN_CANCELLED', error, completedAt: at })
      .where(and(this.owned(), inArray(agentRun.status, ['QUEUED', 'RUNNING']), which, also))
      .returning({ id: agentRun.id, agentId: agentRun.agentId });
  }
}
