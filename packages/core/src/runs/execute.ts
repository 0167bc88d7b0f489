// The execute stage of the run pipeline: builds the Mastra Agent for a prepared run (tools bound to its tenant and
// request, memory when the run has a thread), calls it — to completion or streamed into a UI message writer — and
// reports how it ended with what it observed (model steps, tool calls) for the trace.
import { toAISdkStream } from '@mastra/ai-sdk';
import type { AgentExecutionOptionsBase, Agent as MastraAgent } from '@mastra/core/agent';
import type { UIMessageStreamWriter } from 'ai';
import type { JSONSchema7 } from 'json-schema';
import { AgentResolver, type ResolvedAgent, type ResolvedMemory } from '../agents/resolver';
import type { ServiceContext } from '../context';
import { providerError, TrellisError } from '../errors';
import { guardedWriter } from '../guardrails/guarded-writer';
import type { RunGuard } from '../guardrails/run-guard';
import { bindMcpTools, type RunMcpTools } from '../mcp/tools';
import { createMemory, type MemoryOptions, TurnHistory, type TurnMemoryStorage } from '../memory/index';
import { costOf, type ModelPrice } from '../models/pricing';
import type { ToolCallRecord } from '../tools/registry';
import type { RunMessage } from './extensions';
import { toModelMessage } from './images';
import { type Observed, type Outcome, tokensOf, type Usage } from './run-store';
import type { StepObservation } from './trace';

/** What the execute stage needs of a prepared run. */
export interface ExecutableRun {
  resolved: ResolvedAgent;
  messages: RunMessage[];
  /** The JSON Schema the answer must match (the run's, else the agent's): structured output. */
  outputSchema?: Record<string, unknown>;
  resourceId?: string;
  threadId?: string;
  /**
   * Memory settings in effect, the resource (user) its memory belongs to, and the turn's storage (the thread read
   * before the call; writes kept for the run's finishing transaction); null without memory.
   */
  memory: { settings: ResolvedMemory; resource: string; storage: TurnMemoryStorage } | null;
  controller: AbortController;
  /** The guardrail policy's enforcement for this run; null when the policy in force checks nothing. */
  guard: RunGuard | null;
  /** The agent's MCP tools this run could get (resolved in the resolve stage); null when it has none. */
  mcpTools: RunMcpTools | null;
  price: ModelPrice | undefined;
}

/** What the execute stage hands to finish: how the call ended, what it observed, and a stream's raw text parts. */
export interface Executed {
  outcome: Outcome;
  observed: Observed;
  /** The text parts as the model streamed them (set when a guard watched the stream's output). */
  parts?: string[];
}

/** Observes a call as it runs: tool calls and per-step timings, for the trace. Its clock starts when created. */
export function createRecorder(onStep?: (usage: { inputTokens: number; outputTokens: number }) => void) {
  const calls: ToolCallRecord[] = [];
  const steps: StepObservation[] = [];
  let mark = performance.now();
  let markedAt = new Date();
  return {
    observed: { calls, steps } satisfies Observed,
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
      onStep?.(steps[steps.length - 1].usage);
      mark = now;
      markedAt = new Date();
    },
  };
}
export type Recorder = ReturnType<typeof createRecorder>;

/** Mastra memory options from the resolved settings (semantic recall is Trellis's own: memory/semantic-recall.ts). */
function memoryOptions(m: ResolvedMemory): MemoryOptions {
  if (!m.workingMemory.enabled) return { lastMessages: m.lastMessages, workingMemory: { enabled: false } };
  const { template } = m.workingMemory;
  return {
    lastMessages: m.lastMessages,
    workingMemory: template ? { enabled: true, scope: 'resource', template } : { enabled: true, scope: 'resource' },
  };
}

/**
 * Per-call options for the Mastra agent: model settings from the agent record, the memory thread and the output
 * schema. Typed as the overload without structured output: Mastra's overloads split on that one key.
 */
function callOptions(
  run: ExecutableRun,
  recorder: Recorder,
): AgentExecutionOptionsBase<unknown> & {
  structuredOutput?: never;
} {
  const { record } = run.resolved;
  const { providerOptions, ...modelConfig } = record.modelConfig ?? {};
  return {
    maxSteps: record.maxSteps,
    modelSettings: {
      ...modelConfig,
      temperature: record.temperature ?? undefined,
      maxOutputTokens: record.maxTokens ?? undefined,
    },
    providerOptions: providerOptions as Record<string, Record<string, never>> | undefined,
    ...(run.memory && run.threadId ? { memory: { thread: run.threadId, resource: run.memory.resource } } : {}),
    ...((run.outputSchema ? { structuredOutput: { schema: run.outputSchema as JSONSchema7 } } : {}) as object),
    abortSignal: run.controller.signal,
    onStepFinish: recorder.onStepFinish,
  };
}

/**
 * Building an Agent per run costs about as much as reusing one (measured: BENCHMARKS.md), and lets its tools be
 * bound to this tenant, request and abort signal; a configuration error (a provider without a key) fails the run.
 */
function buildAgent(ctx: ServiceContext, run: ExecutableRun, recorder: Recorder): MastraAgent {
  const { guard, controller } = run;
  const gate = guard ? (toolKey: string) => guard.beforeToolCall(controller, toolKey) : undefined;
  return new AgentResolver(ctx).build(run.resolved, {
    extraTools: run.mcpTools?.tools.length ? bindMcpTools(run.mcpTools, recorder.onToolCall, gate) : undefined,
    resourceId: run.resourceId,
    threadId: run.threadId,
    abortSignal: run.controller.signal,
    onToolCall: recorder.onToolCall,
    beforeToolCall: gate,
    memory: run.memory
      ? createMemory({ storage: run.memory.storage, options: memoryOptions(run.memory.settings) })
      : undefined,
    outputProcessors:
      run.memory && run.threadId
        ? [
            new TurnHistory(run.memory.storage, {
              threadId: run.threadId,
              resourceId: run.memory.resource,
              // The answer is remembered as the client gets it: redacted by the output guardrails.
              rewrite: guard?.guardsOutput ? (text) => guard.redactText(text) : undefined,
            }),
          ]
        : undefined,
  });
}

/** Mastra's error for an answer that does not match the structured-output schema. */
const SCHEMA_MISMATCH = 'STRUCTURED_OUTPUT_SCHEMA_VALIDATION_FAILED';

function failureOf(e: unknown, signal: AbortSignal): Pick<Outcome, 'status' | 'error'> {
  // A guardrail that stopped the run aborted it with its refusal as the reason.
  if (signal.aborted && signal.reason instanceof TrellisError) return { status: 'FAILED', error: signal.reason };
  if (signal.aborted) return { status: 'CANCELLED', error: new TrellisError('RUN_CANCELLED', 'The run was cancelled') };
  if ((e as { id?: unknown })?.id === SCHEMA_MISMATCH) {
    const answer = (e as { details?: { value?: unknown } }).details?.value;
    const issues = (e as Error).message.replace(/^Structured output validation failed:\s*/, '').trim();
    return {
      status: 'FAILED',
      error: new TrellisError('OUTPUT_SCHEMA_MISMATCH', `The answer does not match the output schema: ${issues}`, {
        category: 'provider',
        details: typeof answer === 'string' ? { answer: answer.slice(0, 2000) } : undefined,
      }),
    };
  }
  return { status: 'FAILED', error: e instanceof TrellisError ? e : providerError(e) };
}

/**
 * A completed call whose answer carried nothing — no text, no tool call, no token usage — did not really answer
 * (a provider or proxy speaking another format): it fails with what the steps said.
 */
export function outcomeOfAnswer(text: string, usage: Usage, observed: Observed, durationMs: number): Outcome {
  const nothing =
    !text.trim() &&
    !observed.calls.length &&
    observed.steps.every((s) => !s.toolCalls.length) &&
    usage.inputTokens == null &&
    usage.outputTokens == null;
  if (!nothing) return { status: 'COMPLETED', outputText: text, usage, durationMs };
  const reasons = [...new Set(observed.steps.map((s) => s.finishReason ?? 'none'))].join(', ') || 'none';
  const error = new TrellisError(
    'PROVIDER_EMPTY_ANSWER',
    `The model provider's answer held no text, no tool call and no token usage (finish reason: ${reasons})`,
    { category: 'provider', details: { modelSteps: observed.steps.length } },
  );
  return { status: 'FAILED', error, usage, durationMs };
}

/** The run's recorder, reporting each step's cost to the guard (the cost limit), and the guard's clock started. */
function watch(run: ExecutableRun): Recorder {
  const { guard, controller, price } = run;
  guard?.start(controller);
  return createRecorder(
    guard?.policy.execution.maxCostUsd === undefined
      ? undefined
      : (usage) =>
          guard.afterStep(
            controller,
            costOf(tokensOf({ inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }), price).costUsd,
          ),
  );
}

/** Calls the agent to completion. */
export async function generate(ctx: ServiceContext, run: ExecutableRun): Promise<Executed> {
  const t0 = performance.now();
  const recorder = watch(run);
  try {
    const agent = buildAgent(ctx, run, recorder);
    const result = await agent.generate(
      run.messages.map(toModelMessage) as Parameters<MastraAgent['generate']>[0],
      callOptions(run, recorder),
    );
    if (result.error || run.controller.signal.aborted) throw result.error ?? new Error('aborted');
    const usage = result.totalUsage ?? result.usage;
    return {
      outcome: outcomeOfAnswer(result.text, usage, recorder.observed, performance.now() - t0),
      observed: recorder.observed,
    };
  } catch (e) {
    const failure = failureOf(e, run.controller.signal);
    return { outcome: { ...failure, usage: {}, durationMs: performance.now() - t0 }, observed: recorder.observed };
  } finally {
    run.guard?.end();
  }
}

/** Calls the agent streaming, writing the UI message chunks (text, reasoning, tool calls) as they come. */
export async function stream(
  ctx: ServiceContext,
  run: ExecutableRun,
  target: UIMessageStreamWriter,
): Promise<Executed> {
  const t0 = performance.now();
  const recorder = watch(run);
  // With output guardrails, chunks pass the hold-back guard before the client sees them.
  const guarded = run.guard?.guardsOutput ? guardedWriter(run.guard, target, run.controller) : null;
  const writer = guarded?.writer ?? target;
  try {
    const agent = buildAgent(ctx, run, recorder);
    const output = await agent.stream(
      run.messages.map(toModelMessage) as Parameters<MastraAgent['stream']>[0],
      callOptions(run, recorder),
    );
    let streamError: unknown;
    for await (const chunk of toAISdkStream(output, {
      from: 'agent',
      version: 'v7',
      sendStart: false,
      sendFinish: false,
    })) {
      if (chunk.type === 'error') streamError = new Error(chunk.errorText);
      else writer.write(chunk as never);
    }
    if (streamError || output.error || run.controller.signal.aborted)
      throw output.error ?? streamError ?? new Error('aborted');
    const outcome = outcomeOfAnswer(
      await output.text,
      await output.totalUsage,
      recorder.observed,
      performance.now() - t0,
    );
    return { outcome, observed: recorder.observed, parts: guarded?.parts };
  } catch (e) {
    const failure = failureOf(e, run.controller.signal);
    return {
      outcome: { ...failure, usage: {}, durationMs: performance.now() - t0 },
      observed: recorder.observed,
      parts: guarded?.parts,
    };
  } finally {
    run.guard?.end();
  }
}
