// The SQL of a run's lifecycle, kept to what durability needs: one write when it starts (the run as RUNNING, and
// under a budget its reservation, in one transaction) and one transaction when it ends (its final state, trace,
// steps and tool calls, and what the caller adds: a chat turn's memory). Everything else a run needs is read from the process's caches; the reservation is settled
// by the run-completed job (costs/run-cost.ts).
import { type AgentRun, agentRun, agentToolCall, agentTrace, agentTraceStep, type BudgetPolicy } from '@trellis/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext, Tx } from '../context';
import { reserveBudget } from '../costs/budget';
import { alertRefusal } from '../costs/budget-check';
import { TrellisError } from '../errors';
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
 * Writes the run's final state, trace, steps and tool calls (and settles its reservation) in one transaction, and
 * answers the run as `getRun` would read it back. `late` is true when a sweep had given the run up for lost
 * (INTERRUPTED) while it still executed here: what really happened is written anyway and its cost must be reconciled.
 */
export async function storeFinishedRun(
  ctx: ServiceContext,
  input: FinishInput,
  cost: { costUsd: number; promptCostUsd: number; priced: boolean; source?: string },
): Promise<{ detail: RunDetail; late: boolean }> {
  const { run, outcome, observed, model } = input;
  const tokens = tokensOf(outcome.usage);
  // What a trace stores is redacted of secrets at any depth; an unsampled run keeps its timings, not its contents.
  const sampled = isSampled(run.id, ctx.runtime.config.env.TRACE_SAMPLE_RATE);
  const { rows, callStep } = buildTraceSteps(observed.steps, observed.calls);
  const stepContent = (content: unknown) => (sampled ? redactSecrets(content) : { sampled: false });
  const io = (value: unknown) => (sampled && value !== undefined ? redactSecrets(value) : null);
  const final = {
    outputText: outcome.outputText ?? null,
    error: outcome.error?.message ?? null,
    errorCode: outcome.error?.code ?? null,
    durationMs: Math.round(outcome.durationMs),
    ...tokens,
    costUsd: cost.costUsd,
    completedAt: ctx.clock(),
  };
  const metadata = {
    ...(run.metadata ?? {}),
    priced: cost.priced,
    priceSource: cost.source ?? null,
    promptCostUsd: cost.promptCostUsd,
  };
  const key = and(eq(agentRun.id, run.id), eq(agentRun.tenantId, ctx.tenantId));
  let late = false;
  const detail = await ctx.db.transaction(async (tx) => {
    let [finished] = await tx
      .update(agentRun)
      .set({
        ...final,
        // A run cancelled while it executed stays CANCELLED; its tokens and cost are still recorded.
        status: sql`case when ${agentRun.status} = 'CANCELLED' then 'CANCELLED'::run_status else ${outcome.status}::run_status end`,
        metadata,
      })
      .where(and(key, inArray(agentRun.status, ['QUEUED', 'RUNNING', 'CANCELLED'])))
      .returning();
    if (!finished) {
      late = true;
      [finished] = await tx
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
    }
    const [trace] = await tx
      .insert(agentTrace)
      .values({
        tenantId: ctx.tenantId,
        runId: run.id,
        agentId: run.agentId,
        status: finished.status,
        stepsJson: rows.map((r) => ({ stepNumber: r.stepNumber, type: r.type, durationMs: r.durationMs })),
        modelJson: model,
        tokensJson: tokens,
      })
      .returning();
    const steps = rows.length
      ? await tx
          .insert(agentTraceStep)
          .values(
            rows.map((r) => ({ tenantId: ctx.tenantId, traceId: trace.id, ...r, content: stepContent(r.content) })),
          )
          .returning()
      : [];
    const toolCalls = observed.calls.length
      ? await tx
          .insert(agentToolCall)
          .values(
            observed.calls.map((c) => ({
              tenantId: ctx.tenantId,
              runId: run.id,
              traceId: trace.id,
              agentId: run.agentId,
              toolKey: c.toolKey,
              toolCallId: c.toolCallId ?? null,
              inputJson: io(c.input),
              outputJson: io(c.output),
              success: c.success,
              error: c.error ?? null,
              durationMs: Math.round(c.durationMs),
              stepNumber: callStep.get(c) ?? null,
            })),
          )
          .returning()
      : [];
    await input.alsoWrite?.(tx);
    // The answer is built from what was just written, in the order getRun reads it back.
    const byStep = (a: { stepNumber: number | null }, b: { stepNumber: number | null }) =>
      (a.stepNumber ?? 0) - (b.stepNumber ?? 0);
    return { ...finished, trace: { ...trace, steps: steps.sort(byStep) }, toolCalls: toolCalls.sort(byStep) };
  });
  return { detail, late };
}
