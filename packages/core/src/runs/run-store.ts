// The SQL of a run's lifecycle, kept to what durability needs: one write when it starts (the run as RUNNING, and
// under a budget its reservation, in one transaction) and one statement when it ends (its final state, trace, steps
// and tool calls; in a transaction with what the caller adds, such as a chat turn's memory). Everything else a run needs is read from the process's caches; the reservation is settled
// by the run-completed job (costs/run-cost.ts).
import {
  type AgentRun,
  type AgentToolCall,
  type AgentTraceStep,
  agentRun,
  agentToolCall,
  agentTrace,
  agentTraceStep,
  type BudgetPolicy,
  guardrailEvent,
} from '@trellis/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, ServiceContext, Tx } from '../context';
import { reserveBudget } from '../costs/budget';
import { alertRefusal } from '../costs/budget-check';
import { TrellisError } from '../errors';
import type { GuardEvent } from '../guardrails/run-guard';
import { redactSecrets } from '../observability/redact';
import { isSampled } from '../observability/sampling';
import type { ToolCallRecord } from '../tools/registry';
import type { RunDetail } from './service';
import { buildTraceSteps, type StepObservation } from './trace';

export type NewRun = Omit<typeof agentRun.$inferInsert, 'id' | 'tenantId' | 'status' | 'startedAt'>;

/** What the pipeline keeps of a run it recorded (the full row comes back when it is finished). */
export type RecordedRun = Pick<AgentRun, 'id' | 'agentId' | 'metadata'>;

/**
 * Records a run that starts now (RUNNING). Under an enabled budget policy (`policies`, as cached) the run and its
 * reservation are written in one transaction that locks the policies, so concurrent runs cannot overshoot; a refused
 * run leaves nothing behind but its alert. Returns the run and whether a reservation was made.
 */
export async function recordRun(
  ctx: ServiceContext,
  values: NewRun,
  policies: BudgetPolicy[],
  worstCase: () => Promise<number>,
): Promise<{ run: RecordedRun; reserved: boolean }> {
  const run: RecordedRun = {
    id: crypto.randomUUID(),
    agentId: values.agentId ?? null,
    metadata: values.metadata ?? null,
  };
  const row = { ...values, id: run.id, tenantId: ctx.tenantId, status: 'RUNNING' as const, startedAt: ctx.clock() };
  if (!policies.length) {
    await ctx.db.insert(agentRun).values(row);
    return { run, reserved: false };
  }
  return ctx.db
    .transaction(async (tx) => {
      await tx.insert(agentRun).values(row);
      const reserved = await reserveBudget(tx, ctx, run, worstCase);
      return { run, reserved };
    })
    .catch(async (e) => {
      if (e instanceof TrellisError && e.code === 'BUDGET_EXCEEDED') await alertRefusal(ctx, values.agentId ?? null, e);
      throw e;
    });
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cachedInputTokens?: number;
  reasoningTokens?: number;
}

/** How a run ended, as the execute stage saw it. */
export interface Outcome {
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  outputText?: string;
  error?: TrellisError;
  usage: Usage;
  durationMs: number;
}

/** What the execute stage observed: model steps and tool calls, for the trace. */
export interface Observed {
  steps: StepObservation[];
  calls: ToolCallRecord[];
}

export interface FinishInput {
  run: RecordedRun;
  model: { provider: string; name: string; temperature: number | null; maxTokens: number | null };
  observed: Observed;
  outcome: Outcome;
  /** What the guardrails did on the run, written with it. */
  guardrailEvents?: (GuardEvent & { id: string })[];
  /** More writes that belong to the run's end (a chat turn's memory), made in its finishing transaction. */
  alsoWrite?: (tx: Tx) => Promise<void>;
}

export function tokensOf(usage: Usage) {
  const promptTokens = usage.inputTokens ?? 0;
  const completionTokens = usage.outputTokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    totalTokens: usage.totalTokens ?? promptTokens + completionTokens,
    cachedTokens: usage.cachedInputTokens ?? 0,
    reasoningTokens: usage.reasoningTokens ?? 0,
  };
}

/**
 * Writes the run's final state, trace, steps and tool calls in one statement (data-modifying CTEs: one round trip,
 * atomic) — inside a transaction with what `alsoWrite` adds when it adds something — and answers the run as `getRun`
 * would read it back. `late` is true when a sweep had given the run up for lost (INTERRUPTED) while it still
 * executed here: what really happened is written anyway and its cost must be reconciled.
 */
export async function storeFinishedRun(
  ctx: ServiceContext,
  input: FinishInput,
  cost: { costUsd: number; promptCostUsd: number; priced: boolean; source?: string },
): Promise<{ detail: RunDetail; late: boolean }> {
  const { run, outcome, observed, model } = input;
  const { tenantId } = ctx;
  const tokens = tokensOf(outcome.usage);
  // What a trace stores is redacted of secrets at any depth; an unsampled run keeps its timings, not its contents.
  const sampled = isSampled(run.id, ctx.runtime.config.env.TRACE_SAMPLE_RATE);
  const { rows, callStep } = buildTraceSteps(observed.steps, observed.calls);
  const stepContent = (content: unknown) => (sampled ? redactSecrets(content) : { sampled: false });
  const io = (value: unknown) => (sampled && value !== undefined ? redactSecrets(value) : null);
  const now = ctx.clock();
  const final = {
    outputText: outcome.outputText ?? null,
    error: outcome.error?.message ?? null,
    errorCode: outcome.error?.code ?? null,
    durationMs: Math.round(outcome.durationMs),
    ...tokens,
    costUsd: cost.costUsd,
    completedAt: now,
  };
  const metadata = {
    ...(run.metadata ?? {}),
    priced: cost.priced,
    priceSource: cost.source ?? null,
    promptCostUsd: cost.promptCostUsd,
  };
  // Ids and times are made here, so nothing but the run needs reading back.
  const trace = {
    id: crypto.randomUUID(),
    tenantId,
    runId: run.id,
    agentId: run.agentId,
    stepsJson: rows.map((r) => ({ stepNumber: r.stepNumber, type: r.type, durationMs: r.durationMs })),
    modelJson: model,
    tokensJson: tokens,
    scoresJson: null,
    createdAt: now,
    updatedAt: now,
  };
  const steps: AgentTraceStep[] = rows.map((r) => ({
    id: crypto.randomUUID(),
    tenantId,
    traceId: trace.id,
    ...r,
    content: stepContent(r.content),
    createdAt: now,
  }));
  const toolCalls: AgentToolCall[] = observed.calls
    .map((c) => ({
      id: crypto.randomUUID(),
      tenantId,
      runId: run.id,
      traceId: trace.id,
      agentId: run.agentId,
      toolKey: c.toolKey,
      toolCallId: c.toolCallId ?? null,
      mcpServerId: c.mcpServerId ?? null,
      inputJson: io(c.input),
      outputJson: io(c.output),
      success: c.success,
      error: c.error ?? null,
      durationMs: Math.round(c.durationMs),
      stepNumber: callStep.get(c) ?? null,
      createdAt: now,
    }))
    .sort((a, b) => (a.stepNumber ?? 0) - (b.stepNumber ?? 0));

  const events = (input.guardrailEvents ?? []).map((e) => ({
    ...e,
    tenantId,
    agentId: run.agentId,
    runId: run.id,
    createdAt: now,
  }));

  const key = and(eq(agentRun.id, run.id), eq(agentRun.tenantId, tenantId));
  const write = async (db: Executor) => {
    const finishedRun = db.$with('finished_run').as(
      db
        .update(agentRun)
        .set({
          ...final,
          // A run cancelled while it executed stays CANCELLED; its tokens and cost are still recorded.
          status: sql`case when ${agentRun.status} = 'CANCELLED' then 'CANCELLED'::run_status else ${outcome.status}::run_status end`,
          metadata,
        })
        .where(and(key, inArray(agentRun.status, ['QUEUED', 'RUNNING', 'CANCELLED'])))
        .returning(),
    );
    // The trace's status is the run's, as just decided (a late run's is its outcome).
    const status = sql`coalesce((select status from finished_run), ${outcome.status}::run_status)`;
    const inserts = [
      db.$with('trace_row').as(db.insert(agentTrace).values({ ...trace, status })),
      ...(steps.length ? [db.$with('step_rows').as(db.insert(agentTraceStep).values(steps))] : []),
      ...(toolCalls.length ? [db.$with('tool_call_rows').as(db.insert(agentToolCall).values(toolCalls))] : []),
      ...(events.length ? [db.$with('guardrail_event_rows').as(db.insert(guardrailEvent).values(events))] : []),
    ];
    const [finished] = await db
      .with(finishedRun, ...inserts)
      .select()
      .from(finishedRun);
    if (finished) return { finished: finished as AgentRun, late: false };
    const [late] = await db
      .update(agentRun)
      // Not counted any more: budget spend reads its real cost from the run until the reconcile counts it again.
      .set({
        ...final,
        status: outcome.status,
        countedAt: null,
        metadata: { ...metadata, finishedAfterInterrupted: true },
      })
      .where(key)
      .returning();
    return { finished: late, late: true };
  };
  const { alsoWrite } = input;
  const { finished, late } = alsoWrite
    ? await ctx.db.transaction(async (tx) => {
        const written = await write(tx);
        await alsoWrite(tx);
        return written;
      })
    : await write(ctx.db);
  const detail: RunDetail = { ...finished, trace: { ...trace, status: finished.status, steps }, toolCalls };
  return { detail, late };
}
