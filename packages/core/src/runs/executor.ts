// Executes one run of an agent and records it: AgentRun (QUEUED → RUNNING → COMPLETED | FAILED), its AgentTrace
// with steps, AgentToolCall rows, token usage, cost and the version that ran. The model call runs on a Mastra Agent.

import type { Agent as MastraAgent } from '@mastra/core/agent';
import {
  type AgentRun,
  agentRun,
  agentToolCall,
  agentTrace,
  agentTraceStep,
  agentVersion,
  type RequestContext,
} from '@trellis/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AgentResolver, type ResolvedAgent, type ResolvedMemory, resolveMemory } from '../agents/resolver';
import type { Executor, ServiceContext } from '../context';
import { reserveBudget, settleBudget } from '../costs/budget';
import { alertRefusal } from '../costs/budget-check';
import { priceFor } from '../costs/prices';
import { providerError, TrellisError } from '../errors';
import { jobId, logSendFailure } from '../jobs/queue';
import { createMemory, type MemoryOptions } from '../memory/index';
import { costOf, type ModelPrice } from '../models/pricing';
import { redactSecrets } from '../observability/redact';
import { isSampled } from '../observability/sampling';
import type { ToolCallRecord } from '../tools/registry';
import { type RunCreateInput, runCreateSchema } from './schemas';
import type { RunDetail } from './service';
import { buildTraceSteps, type StepObservation } from './trace';
import { worstCaseCostUsd } from './worst-case';

type Message = { role: 'user' | 'assistant' | 'system'; content: string };

export interface RunOptions {
  parentRunId?: string;
  /**
   * Conversation memory: 'auto' (default) uses the agent's memory settings when the run has a thread;
   * 'always' (chat) uses memory even if the agent has it off, with the SPEC §5 defaults.
   */
  memory?: 'auto' | 'always';
  experiment?: { id: string; group: 'BASELINE' | 'CANDIDATE' };
  /** The goal this run is a step of (or plans): kept in the run's metadata, so cancelling the goal finds it. */
  goal?: { goalId: string; stepNumber: number | null };
  /**
   * Called once the run is recorded (QUEUED), before it starts: a caller that cancels the run here (its status set
   * to CANCELLED) stops it before the model is called.
   */
  afterPrepare?: (run: AgentRun) => Promise<void>;
}

/** A run being prepared: the resolved agent, its QUEUED row and the abort controller a cancel uses. */
export interface PreparedRun {
  run: AgentRun;
  resolved: ResolvedAgent;
  messages: Message[];
  resourceId?: string;
  threadId?: string;
  /** Memory settings in effect for this run and the resource (user) its memory belongs to; null without memory. */
  memory: { settings: ResolvedMemory; resource: string } | null;
  controller: AbortController;
  /** The cancel poller while the run executes. */
  cancelWatch?: ReturnType<typeof setInterval>;
  /** The tenant's price of the run's model, read once: the run is priced as of its start. */
  price: () => Promise<ModelPrice | undefined>;
}

const lastUserText = (messages: Message[]) =>
  [...messages].reverse().find((m) => m.role === 'user')?.content ?? messages[messages.length - 1].content;

/** What a run's metadata starts with: a message list kept whole (so a rerun sends exactly the same input), its goal. */
function runMetadataOf(input: RunCreateInput['input'], options: RunOptions): Record<string, unknown> | null {
  const metadata = {
    ...(typeof input === 'string' ? {} : { input }),
    ...(options.goal ? { goal: options.goal } : {}),
  };
  return Object.keys(metadata).length ? metadata : null;
}

/** Validates the request, resolves the agent (404 when missing) and records the run as QUEUED. */
export async function prepareRun(
  ctx: ServiceContext,
  idOrSlug: string,
  raw: RunCreateInput,
  options: RunOptions = {},
): Promise<PreparedRun> {
  const body = runCreateSchema.parse(raw);
  const requestContext: RequestContext | undefined = body.requestContext;
  const resolved = await new AgentResolver(ctx).resolveConfig({ id: idOrSlug, requestContext });
  const messages: Message[] = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  const { record, source } = resolved;
  let versionId: string | null = null;
  if (source === 'database') {
    const [v] = await ctx.db
      .select({ id: agentVersion.id })
      .from(agentVersion)
      .where(and(eq(agentVersion.agentId, record.id), eq(agentVersion.version, record.version)))
      .limit(1);
    versionId = v?.id ?? null;
  }
  const threadId = body.threadId ?? requestContext?.thread?.id;
  const resourceId = requestContext?.resource?.userId;
  let pricing: Promise<ModelPrice | undefined> | undefined;
  const priceVia = (db: Executor) => {
    pricing ??= priceFor({ ...ctx, db }, record.modelProvider, record.modelName);
    return pricing;
  };
  // The run and its budget reservation are written together: a refused run leaves nothing behind but an alert.
  const run = await ctx.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(agentRun)
        .values({
          tenantId: ctx.tenantId,
          agentId: source === 'database' ? record.id : null,
          agentSlug: record.slug,
          runType: body.runType,
          status: 'QUEUED',
          inputText: lastUserText(messages),
          modelProvider: record.modelProvider,
          modelName: record.modelName,
          versionId,
          threadId,
          resourceId,
          requestContext: requestContext ? redactSecrets(requestContext) : null,
          source,
          parentRunId: options.parentRunId ?? null,
          experimentId: options.experiment?.id ?? null,
          experimentGroup: options.experiment?.group ?? null,
          metadata: runMetadataOf(body.input, options),
        })
        .returning();
      // Inside the transaction every query goes through `tx` (PGlite runs one transaction at a time).
      await reserveBudget(tx, ctx, row, async () => worstCaseCostUsd(ctx, resolved, messages, await priceVia(tx)));
      return row;
    })
    .catch(async (e) => {
      if (e instanceof TrellisError && e.code === 'BUDGET_EXCEEDED')
        await alertRefusal(ctx, source === 'database' ? record.id : null, e);
      throw e;
    });
  const settings =
    options.memory === 'always' ? resolveMemory(true, record.memoryConfig) : threadId ? resolved.memory : null;
  const memory = settings && threadId ? { settings, resource: resourceId ?? ctx.actor.id } : null;
  const price = () => priceVia(ctx.db);
  return { run, resolved, messages, resourceId, threadId, memory, controller: new AbortController(), price };
}

/** Mastra memory options from the resolved settings (semantic recall waits for the vector store). */
function memoryOptions(m: ResolvedMemory): MemoryOptions {
  if (!m.workingMemory.enabled) return { lastMessages: m.lastMessages, workingMemory: { enabled: false } };
  const { template } = m.workingMemory;
  return {
    lastMessages: m.lastMessages,
    workingMemory: template ? { enabled: true, scope: 'resource', template } : { enabled: true, scope: 'resource' },
  };
}

/** Per-call options for the Mastra agent: model settings from the agent record, and the memory thread. */
export function callOptions(prepared: PreparedRun) {
  const { record } = prepared.resolved;
  const { providerOptions, ...modelConfig } = record.modelConfig ?? {};
  return {
    maxSteps: record.maxSteps,
    modelSettings: {
      ...modelConfig,
      temperature: record.temperature ?? undefined,
      maxOutputTokens: record.maxTokens ?? undefined,
    },
    providerOptions: providerOptions as Record<string, Record<string, never>> | undefined,
    ...(prepared.memory && prepared.threadId
      ? { memory: { thread: prepared.threadId, resource: prepared.memory.resource } }
      : {}),
  };
}

/** Observes a call as it runs: tool calls and per-step timings, for the trace. */
export function createRecorder() {
  const calls: ToolCallRecord[] = [];
  const steps: StepObservation[] = [];
  let mark = performance.now();
  let markedAt = new Date();
  return {
    calls,
    steps,
    onToolCall: (r: ToolCallRecord) => calls.push(r),
    // biome-ignore lint/suspicious/noExplicitAny: Mastra's step result type is internal; fields read defensively
    onStepFinish: (step: any) => {
      const now = performance.now();
      steps.push({
        text: step.text ?? '',
        finishReason: step.finishReason,
        usage: { inputTokens: step.usage?.inputTokens ?? 0, outputTokens: step.usage?.outputTokens ?? 0 },
        toolCalls: (step.toolCalls ?? []).map(
          (c: {
            payload?: { toolCallId?: string; toolName: string; args: unknown };
            toolCallId?: string;
            toolName?: string;
            input?: unknown;
          }) =>
            c.payload
              ? { toolCallId: c.payload.toolCallId, toolName: c.payload.toolName, args: c.payload.args }
              : { toolCallId: c.toolCallId, toolName: c.toolName ?? '', args: c.input },
        ),
        elapsedMs: now - mark,
        startedAt: markedAt,
      });
      mark = now;
      markedAt = new Date();
    },
  };
}
export type Recorder = ReturnType<typeof createRecorder>;

export interface Outcome {
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  outputText?: string;
  error?: TrellisError;
  usage: {
    inputTokens?: number;
    outputTokens?: number;
    totalTokens?: number;
    cachedInputTokens?: number;
    reasoningTokens?: number;
  };
  durationMs: number;
}

/** Writes the run's final state, its trace, trace steps and tool calls in one transaction. */
export async function finishRun(
  ctx: ServiceContext,
  prepared: PreparedRun,
  recorder: Recorder,
  outcome: Outcome,
): Promise<RunDetail> {
  const { run, resolved } = prepared;
  const { record } = resolved;
  const tokens = {
    promptTokens: outcome.usage.inputTokens ?? 0,
    completionTokens: outcome.usage.outputTokens ?? 0,
    totalTokens: outcome.usage.totalTokens ?? (outcome.usage.inputTokens ?? 0) + (outcome.usage.outputTokens ?? 0),
    cachedTokens: outcome.usage.cachedInputTokens ?? 0,
    reasoningTokens: outcome.usage.reasoningTokens ?? 0,
  };
  const price = await prepared.price();
  const cost = { ...costOf(tokens, price), source: price?.source };
  // What a trace stores is redacted of secrets at any depth; an unsampled run keeps its timings, not its contents.
  const sampled = isSampled(run.id, ctx.runtime.config.env.TRACE_SAMPLE_RATE);
  const { rows, callStep } = buildTraceSteps(recorder.steps, recorder.calls);
  const stepContent = (content: unknown) => (sampled ? redactSecrets(content) : { sampled: false });
  const io = (value: unknown) => (sampled && value !== undefined ? redactSecrets(value) : null);
  const durationMs = Math.round(outcome.durationMs);
  const final = {
    outputText: outcome.outputText ?? null,
    error: outcome.error?.message ?? null,
    errorCode: outcome.error?.code ?? null,
    durationMs,
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
  const recorded = await ctx.db.transaction(async (tx) => {
    await settleBudget(tx, ctx.tenantId, run.id, cost.costUsd);
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
      // A sweep gave the run up for lost (INTERRUPTED: its lease went stale) while it still executed here. What
      // really happened wins — the model was called and cost money — and the run-completed job reconciles its cost.
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
        modelJson: {
          provider: record.modelProvider,
          name: record.modelName,
          temperature: record.temperature,
          maxTokens: record.maxTokens,
        },
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
    const toolCalls = recorder.calls.length
      ? await tx
          .insert(agentToolCall)
          .values(
            recorder.calls.map((c) => ({
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
    // The answer is built from what was just written, in the order getRun reads it back.
    const byStep = (a: { stepNumber: number | null }, b: { stepNumber: number | null }) =>
      (a.stepNumber ?? 0) - (b.stepNumber ?? 0);
    return { ...finished, trace: { ...trace, steps: steps.sort(byStep) }, toolCalls: toolCalls.sort(byStep) };
  });
  // Cost event, rollups and budget check follow in the run-completed job (idempotent per run; rollup-daily repairs
  // a send that failed).
  const payload = { runId: run.id, tenantId: ctx.tenantId, ...(late ? { reconcile: true } : {}) };
  await ctx.runtime.jobs
    ?.send('run-completed', payload, { id: jobId('run-completed', late ? `${run.id}:late` : run.id) })
    .catch(logSendFailure('run-completed'));
  return recorded;
}

/** How often an executing run checks whether it was cancelled (by any process). */
const CANCEL_POLL_MS = 1000;

/**
 * QUEUED → RUNNING, and from then until `releaseRun`, a cancel from any process aborts the model call: the run is
 * registered for local cancels and polls its own status.
 */
export async function markRunning(ctx: ServiceContext, prepared: PreparedRun): Promise<void> {
  const [started] = await ctx.db
    .update(agentRun)
    .set({ status: 'RUNNING', startedAt: ctx.clock() })
    .where(and(eq(agentRun.id, prepared.run.id), eq(agentRun.tenantId, ctx.tenantId), eq(agentRun.status, 'QUEUED')))
    .returning({ id: agentRun.id });
  if (!started) prepared.controller.abort();
  ctx.runtime.inFlight.set(prepared.run.id, prepared.controller);
  prepared.cancelWatch = setInterval(async () => {
    try {
      const [row] = await ctx.db
        .select({ status: agentRun.status })
        .from(agentRun)
        .where(eq(agentRun.id, prepared.run.id));
      if (row?.status === 'CANCELLED') prepared.controller.abort();
    } catch {
      // The next poll tries again; the run itself reports real failures.
    }
  }, CANCEL_POLL_MS);
  prepared.cancelWatch.unref();
}

/** Ends what markRunning started. */
export function releaseRun(ctx: ServiceContext, prepared: PreparedRun): void {
  clearInterval(prepared.cancelWatch);
  ctx.runtime.inFlight.delete(prepared.run.id);
}

/** Builds the Mastra agent for a prepared run; a configuration error (e.g. a provider without a key) fails the run. */
export function buildAgent(ctx: ServiceContext, prepared: PreparedRun, recorder: Recorder): MastraAgent {
  return new AgentResolver(ctx).build(prepared.resolved, {
    resourceId: prepared.resourceId,
    threadId: prepared.threadId,
    abortSignal: prepared.controller.signal,
    onToolCall: recorder.onToolCall,
    memory: prepared.memory
      ? createMemory({ db: ctx.db, tenantId: ctx.tenantId, options: memoryOptions(prepared.memory.settings) })
      : undefined,
  });
}

export function failureOf(e: unknown, aborted: boolean): { status: Outcome['status']; error: TrellisError } {
  if (aborted) return { status: 'CANCELLED', error: new TrellisError('RUN_CANCELLED', 'The run was cancelled') };
  return { status: 'FAILED', error: e instanceof TrellisError ? e : providerError(e) };
}

/** Runs the agent to completion (non-streaming) and returns the recorded run. */
export async function executeRun(
  ctx: ServiceContext,
  idOrSlug: string,
  raw: RunCreateInput,
  options: RunOptions = {},
): Promise<RunDetail> {
  const prepared = await prepareRun(ctx, idOrSlug, raw, options);
  const t0 = performance.now();
  await options.afterPrepare?.(prepared.run);
  await markRunning(ctx, prepared);
  // The recorder's clock starts once the run is RUNNING, so no step starts before the run does.
  const recorder = createRecorder();
  try {
    const agent = buildAgent(ctx, prepared, recorder);
    const result = await agent.generate(prepared.messages as Parameters<MastraAgent['generate']>[0], {
      ...callOptions(prepared),
      abortSignal: prepared.controller.signal,
      onStepFinish: recorder.onStepFinish,
    });
    if (result.error || prepared.controller.signal.aborted) throw result.error ?? new Error('aborted');
    return await finishRun(ctx, prepared, recorder, {
      status: 'COMPLETED',
      outputText: result.text,
      usage: result.totalUsage ?? result.usage,
      durationMs: performance.now() - t0,
    });
  } catch (e) {
    const failure = failureOf(e, prepared.controller.signal.aborted);
    return await finishRun(ctx, prepared, recorder, { ...failure, usage: {}, durationMs: performance.now() - t0 });
  } finally {
    releaseRun(ctx, prepared);
  }
}
