// The one run pipeline. Every way a run starts — a run, a stream, a chat turn, a rerun, a goal or workflow step — goes
// through the same named stages (extensions.ts):
//   prepare:  resolve (agent, price and budget policies from the process's caches) → guard-input (processors) →
//             record (the run as RUNNING and its budget reservation: one write; with memory, the thread read once)
//   execute:  the Mastra agent, to completion or streamed (execute.ts)
//   finish:   guard-output (processors) → finish (state, trace, steps, the turn's memory: one transaction) →
//             jobs (run-completed, sent in the background; processors' `finished` hooks)
// A cancel from any process reaches the run through the change listener (no polling).
import type { AgentRun, RequestContext } from '@trellis/db';
import { createUIMessageStream, type UIMessage } from 'ai';
import type { z } from 'zod';
import { AgentResolver, resolveMemory } from '../agents/resolver';
import type { ServiceContext } from '../context';
import { enabledPoliciesFor } from '../costs/budget';
import { priceFor } from '../costs/prices';
import { invalidInput, TrellisError } from '../errors';
import { type GuardJudge, guardJudgeOf } from '../guardrails/judge';
import { type GuardEvent, isGuardrailBlock, RunGuard } from '../guardrails/run-guard';
import { policyInForce } from '../guardrails/service';
import { jobId, logSendFailure } from '../jobs/queue';
import { armFor } from '../learning/routing';
import { mcpToolsFor, type RunMcpTools } from '../mcp/tools';
import { loadTurn, TurnMemoryStorage } from '../memory/index';
import { recallBlock, recallSimilar } from '../memory/semantic-recall';
import { DEMO_LABEL, DEMO_PROVIDER } from '../models/demo-model';
import { costOf } from '../models/pricing';
import { redactSecrets } from '../observability/redact';
import { shouldScore } from '../scorers/evaluate';
import { type ExecutableRun, type Executed, generate, stream } from './execute';
import type { RunEntry, RunInfo, RunMessage, RunStage } from './extensions';
import { loadImages, storedImages } from './images';
import { type Outcome, type RecordedRun, recordRun, storeFinishedRun, tokensOf } from './run-store';
import {
  type RunCreateInput,
  runCreateSchema,
  type StreamCreateInput,
  streamCreateSchema,
  toRunMessages,
} from './schemas';
import type { RunDetail } from './service';
import type { runMessageMetadataSchema } from './views';
import { worstCaseCostUsd } from './worst-case';

export interface RunOptions {
  /** How the run was started (default `run`; `stream` for streamRun). */
  entry?: RunEntry;
  parentRunId?: string;
  /**
   * Conversation memory: 'auto' (default) uses the agent's memory settings when the run has a thread;
   * 'always' (chat) uses memory even if the agent has it off, with the SPEC §5 defaults.
   */
  memory?: 'auto' | 'always';
  experiment?: { id: string; group: 'BASELINE' | 'CANDIDATE' };
  /** Run this saved version of the agent instead of its current one (a test suite, an experiment's candidate). */
  version?: number;
  /** The entry point beyond our own API that started the run (kept in its metadata): the OpenAI-compatible API, MCP. */
  via?: 'openai' | 'mcp' | 'workflow';
  /** The goal this run is a step of (or plans): kept in the run's metadata, so cancelling the goal finds it. */
  goal?: { goalId: string; stepNumber: number | null };
  /** The workflow run and step this run is: kept in the run's metadata, so cancelling the workflow run finds it. */
  workflow?: { workflowRunId: string; stepId: string };
  /**
   * Called once the run is recorded, before the model is called: a caller that cancels the run here
   * (`cancelInFlightRuns`) stops it before the model is called.
   */
  beforeExecute?: (run: { id: string }) => Promise<void>;
}

/** A recorded run about to execute. */
interface PreparedRun extends ExecutableRun {
  run: RecordedRun;
  /** The LLM-judged guardrail tier, when a judge model is configured. */
  judge: GuardJudge | null;
  /** Set when an input processor refused the run: it is finished failed without calling the model. */
  refused?: TrellisError;
  info: RunInfo & { runId: string };
  stage: (stage: RunStage) => void;
}

/** Emits each stage's duration to the runtime's observers (nothing is measured when none listens). */
function stageClock(ctx: ServiceContext, info: RunInfo) {
  const { observers } = ctx.runtime.pipeline;
  let mark = performance.now();
  return (stage: RunStage) => {
    if (!observers.size) return;
    const now = performance.now();
    const event = { ...info, stage, ms: now - mark };
    mark = now;
    for (const observe of observers) observe(event);
  };
}

const lastUserText = (messages: RunMessage[]) =>
  [...messages].reverse().find((m) => m.role === 'user')?.content ?? messages[messages.length - 1].content;

/**
 * What a run's metadata starts with: a message list kept whole (so a rerun sends the same input; of images, their URL,
 * type and size), the output schema it was given, how it was called, its goal or workflow step.
 */
function runMetadataOf(
  input: string | RunMessage[],
  outputSchema: Record<string, unknown> | undefined,
  options: RunOptions,
  mcpUnavailable: RunMcpTools['unavailable'] = [],
): Record<string, unknown> | null {
  const metadata = {
    ...(mcpUnavailable.length ? { mcpUnavailable } : {}),
    ...(typeof input === 'string'
      ? {}
      : { input: input.map((m) => (m.images ? { ...m, images: storedImages(m.images) } : m)) }),
    ...(outputSchema ? { outputSchema } : {}),
    ...(options.via ? { via: options.via } : {}),
    ...(options.goal ? { goal: options.goal } : {}),
    ...(options.workflow ? { workflow: options.workflow } : {}),
  };
  return Object.keys(metadata).length ? metadata : null;
}

/** What a processor threw, as the run's error: its own TrellisError, or PROCESSOR_FAILED naming it. */
function processorError(kind: 'Input' | 'Output', name: string, e: unknown): TrellisError {
  if (e instanceof TrellisError) return e;
  return new TrellisError('PROCESSOR_FAILED', `${kind} processor '${name}' failed: ${String(e)}`, {
    category: 'system',
    cause: e,
  });
}

/**
 * guard-input: the guardrails, then each processor in turn; a refusal (any error) is kept and the run will not call
 * the model. `stored` is the input as the run keeps it: redacted of what the guardrails redact or refused.
 */
async function guardInput(
  ctx: ServiceContext,
  given: RunMessage[],
  info: RunInfo,
  guard: RunGuard | null,
  judge: GuardJudge | null,
) {
  const guarded = guard?.input(given);
  let messages = guarded?.messages ?? given;
  const stored = guarded?.stored ?? given;
  if (guarded?.blocked) return { messages, stored, refused: guarded.blocked };
  // The LLM tier judges the whole input the model would get, once the rules let it through.
  if (guard && judge && guard.policy.input.injection !== 'off') {
    const text = lastUserText(messages);
    try {
      guard.judged('input.injection', await judge.classify('injection', text), judge.name, text);
    } catch (e) {
      guard.judgeFailed(e);
    }
    if (guard.blocked) return { messages, stored, refused: guard.blocked };
  }
  for (const processor of ctx.runtime.pipeline.processors) {
    if (!processor.input) continue;
    try {
      messages = await processor.input(messages, info);
    } catch (e) {
      return { messages, stored, refused: processorError('Input', processor.name, e) };
    }
  }
  return { messages, stored, refused: undefined };
}

/** prepare: resolve → guard-input → record. Throws (before anything is written) for a bad body or a missing agent. */
async function prepare(
  ctx: ServiceContext,
  idOrSlug: string,
  body: z.output<typeof runCreateSchema>,
  options: RunOptions,
): Promise<PreparedRun> {
  const requestContext: RequestContext | undefined = body.requestContext;
  const entry = options.entry ?? 'run';
  const resolver = new AgentResolver(ctx);
  let resolved = await resolver.resolveConfig({ id: idOrSlug, requestContext, version: options.version });
  const threadId = body.threadId ?? requestContext?.thread?.id;
  const resourceId = requestContext?.resource?.userId;
  // A running learning experiment routes the agent's live traffic: the candidate arm runs the candidate version.
  const routed = resolved.source === 'database' && options.version === undefined && !options.experiment;
  const arm =
    routed && body.runType !== 'TEST'
      ? await armFor(ctx, resolved.record.id, resolved.versionId, threadId ?? resourceId)
      : null;
  if (arm?.version !== undefined)
    resolved = await resolver.resolveConfig({ id: resolved.record.id, requestContext, version: arm.version });
  const experiment = options.experiment ?? (arm ? { id: arm.id, group: arm.group } : undefined);
  const { record, source } = resolved;
  const agentId = source === 'database' ? record.id : null;
  const [price, policies, guardrails, mcpTools] = await Promise.all([
    priceFor(ctx, record.modelProvider, record.modelName),
    enabledPoliciesFor(ctx, agentId),
    policyInForce(ctx, agentId),
    resolved.mcpTools.length ? mcpToolsFor(ctx, resolved.mcpTools) : null,
  ]);
  const guard = guardrails ? new RunGuard(guardrails) : null;
  const judge = guard ? guardJudgeOf(ctx) : null;
  const info: RunInfo = { entry, tenantId: ctx.tenantId, agentSlug: record.slug, agentId };
  const stage = stageClock(ctx, info);
  stage('resolve');

  const given: RunMessage[] = await loadImages(ctx, toRunMessages(body.input), {
    provider: record.modelProvider,
    name: record.modelName,
  });
  const { messages, stored, refused } = await guardInput(ctx, given, info, guard, judge);
  stage('guard-input');

  const settings =
    options.memory === 'always' ? resolveMemory(true, record.memoryConfig) : threadId ? resolved.memory : null;
  const turn = settings && threadId && !refused ? { threadId, resourceId: resourceId ?? ctx.actor.id, settings } : null;
  // The turn's memory is read while the run is recorded: both before the model is called, neither waits for the other.
  const [{ run }, snapshot] = await Promise.all([
    recordRun(
      ctx,
      {
        agentId,
        agentSlug: record.slug,
        runType: body.runType,
        inputText: lastUserText(stored),
        modelProvider: record.modelProvider,
        modelName: record.modelName,
        versionId: resolved.versionId,
        threadId,
        resourceId,
        requestContext: requestContext ? redactSecrets(requestContext) : null,
        source,
        parentRunId: options.parentRunId ?? null,
        experimentId: experiment?.id ?? null,
        experimentGroup: experiment?.group ?? null,
        metadata: runMetadataOf(
          typeof body.input === 'string' ? body.input : stored,
          body.outputSchema,
          options,
          mcpTools?.unavailable,
        ),
      },
      refused ? [] : policies,
      async () => worstCaseCostUsd(ctx, resolved, messages, price),
    ),
    turn &&
      loadTurn(ctx.db, ctx.tenantId, {
        threadId: turn.threadId,
        resourceId: turn.resourceId,
        lastMessages: turn.settings.lastMessages,
        workingMemory: turn.settings.workingMemory.enabled,
      }),
  ]);
  // Semantic recall: similar earlier messages of the user join the instructions as context.
  if (turn && snapshot && turn.settings.semanticRecall) {
    const recalled = await recallSimilar(ctx, {
      resourceId: turn.resourceId,
      text: lastUserText(messages),
      ...turn.settings.semanticRecall,
      exclude: snapshot.recent.map((m) => m.id),
    });
    const block = recallBlock(recalled);
    if (block) {
      resolved = { ...resolved, instructions: `${resolved.instructions}\n\n${block}` };
      run.metadata = { ...(run.metadata ?? {}), memoryRecall: { messages: recalled.length } };
    }
  }
  // From here until it is stored, a cancel from any process aborts it (runtime.applyChange).
  const controller = new AbortController();
  ctx.runtime.inFlight.set(run.id, controller);
  info.runId = run.id;
  stage('record');
  const memory =
    turn && snapshot
      ? {
          settings: turn.settings,
          resource: turn.resourceId,
          storage: new TurnMemoryStorage({ db: ctx.db, tenantId: ctx.tenantId, snapshot }),
        }
      : null;
  return {
    run,
    resolved,
    messages,
    outputSchema: body.outputSchema ?? record.outputSchema ?? undefined,
    resourceId,
    threadId,
    memory,
    controller,
    guard,
    judge,
    price,
    mcpTools,
    refused,
    info: { ...info, runId: run.id },
    stage,
  };
}

/** Runs the caller's hook; true when the run may go on to the model. */
async function readyToExecute(prepared: PreparedRun, options: RunOptions): Promise<boolean> {
  if (prepared.refused) return false;
  if (options.beforeExecute) {
    try {
      await options.beforeExecute(prepared.run);
    } catch {
      // Best effort: a hook that fails lets the run go ahead.
    }
  }
  return !prepared.controller.signal.aborted;
}

/** The outcome of a run that never reached the model: refused by a processor, or cancelled before it started. */
function notExecuted(prepared: PreparedRun): Executed {
  const error = prepared.refused ?? new TrellisError('RUN_CANCELLED', 'The run was cancelled');
  const status = prepared.refused ? 'FAILED' : 'CANCELLED';
  return { outcome: { status, error, usage: {}, durationMs: 0 }, observed: { steps: [], calls: [] } };
}

/**
 * guard-output: the guardrails on the answer (a stream's parts as streamed), the trace and the tool calls — a block
 * fails the run and withholds the answer, a redaction is stored as the client got it — then each processor in turn
 * on a completed run's text; a failure fails the run.
 */
async function guardOutput(ctx: ServiceContext, prepared: PreparedRun, executed: Executed): Promise<Executed> {
  const { guard } = prepared;
  let { outcome, observed } = executed;
  if (guard) {
    const parts = executed.parts ?? (outcome.outputText === undefined ? [] : [outcome.outputText]);
    const guarded = guard.output(parts, observed);
    observed = { steps: guarded.steps, calls: guarded.calls };
    if (outcome.status === 'COMPLETED')
      outcome = guarded.blocked
        ? { ...outcome, status: 'FAILED', error: guarded.blocked, outputText: undefined }
        : { ...outcome, outputText: guarded.text ?? undefined };
    outcome = await judgeOutput(prepared, outcome);
  }
  if (outcome.status !== 'COMPLETED') return { outcome, observed };
  let text = outcome.outputText ?? '';
  for (const processor of ctx.runtime.pipeline.processors) {
    if (!processor.output) continue;
    try {
      text = await processor.output(text, prepared.info);
    } catch (e) {
      return {
        outcome: { ...outcome, status: 'FAILED', error: processorError('Output', processor.name, e) },
        observed,
      };
    }
  }
  return { outcome: { ...outcome, outputText: text }, observed };
}

/**
 * The LLM tier on the whole answer, once the rules let it through: a toxic answer to a run is withheld when the
 * policy blocks; a streamed one was already sent, so it is flagged.
 */
async function judgeOutput(prepared: PreparedRun, outcome: Outcome): Promise<Outcome> {
  const { guard, judge } = prepared;
  const text = outcome.outputText;
  if (!guard || !judge || guard.policy.output.toxicity === 'off' || outcome.status !== 'COMPLETED' || !text)
    return outcome;
  const streamed = prepared.info.entry === 'stream' || prepared.info.entry === 'chat';
  try {
    guard.judged('output.toxicity', await judge.classify('toxicity', text), judge.name, text, { streamed });
  } catch (e) {
    guard.judgeFailed(e, { streamed });
  }
  const blocked = guard.blocked;
  return blocked ? { ...outcome, status: 'FAILED', error: blocked, outputText: undefined } : outcome;
}

/** finish: guard-output → store → jobs. Always releases the run from this process's in-flight set. */
async function finish(ctx: ServiceContext, prepared: PreparedRun, executed: Executed): Promise<RunDetail> {
  try {
    const { outcome, observed } = await guardOutput(ctx, prepared, executed);
    const events = (prepared.guard?.events() ?? []).map((e) => ({ ...e, id: crypto.randomUUID() }));
    // A turn whose answer a guardrail withheld is not remembered (its input is not either).
    const remember = prepared.memory?.storage.pending && !isGuardrailBlock(outcome.error);
    prepared.stage('guard-output');
    const { record } = prepared.resolved;
    const cost = { ...costOf(tokensOf(outcome.usage), prepared.price), source: prepared.price?.source };
    const { detail, late } = await storeFinishedRun(
      ctx,
      {
        run: prepared.run,
        model: {
          provider: record.modelProvider,
          name: record.modelName,
          temperature: record.temperature,
          maxTokens: record.maxTokens,
        },
        observed,
        outcome,
        guardrailEvents: events,
        // The turn's messages and working memory are written with the run.
        alsoWrite: remember ? prepared.memory?.storage.flush : undefined,
      },
      cost,
    );
    prepared.stage('finish');
    afterFinish(ctx, prepared, detail, late, events, !!remember);
    prepared.stage('jobs');
    return detail;
  } finally {
    ctx.runtime.inFlight.delete(prepared.run.id);
  }
}

/**
 * jobs: the run-completed job (cost event, rollups, budget check; idempotent per run — rollup-daily repairs a send
 * that failed) and the processors' `finished` hooks, in the background: the caller's answer never waits for them.
 */
function afterFinish(
  ctx: ServiceContext,
  prepared: PreparedRun,
  detail: RunDetail,
  late: boolean,
  events: (GuardEvent & { id: string })[],
  remembered: boolean,
) {
  const { run } = prepared;
  // An experiment's runs are all scored: its decision reads their scores.
  const { record } = prepared.resolved;
  const score =
    shouldScore(ctx, detail, record) ||
    (detail.experimentId != null && detail.status === 'COMPLETED' && record.scorers.length > 0);
  const payload = {
    runId: run.id,
    tenantId: ctx.tenantId,
    ...(late ? { reconcile: true } : {}),
    ...(score ? { score: true } : {}),
    ...(detail.experimentId ? { experimentId: detail.experimentId } : {}),
  };
  const jobs = ctx.runtime.jobs;
  if (jobs) {
    ctx.runtime.background(
      jobs
        .send('run-completed', payload, { id: jobId('run-completed', late ? `${run.id}:late` : run.id) })
        .catch(logSendFailure('run-completed')),
    );
    // The turn's messages get their embeddings for semantic recall.
    const memory = prepared.memory;
    if (remembered && memory?.settings.semanticRecall && ctx.runtime.vectorSearch && prepared.threadId)
      ctx.runtime.background(
        jobs
          .send(
            'memory-embed',
            { tenantId: ctx.tenantId, threadId: prepared.threadId },
            { id: jobId('memory-embed', run.id) },
          )
          .catch(logSendFailure('memory-embed')),
      );
    // Events the policy alerts on go to the guardrail-event job (the events themselves are stored with the run).
    for (const event of events.filter((e) => e.scanJson.alert === true))
      ctx.runtime.background(
        jobs
          .send(
            'guardrail-event',
            { tenantId: ctx.tenantId, eventId: event.id, runId: run.id },
            { id: jobId('guardrail-event', event.id) },
          )
          .catch(logSendFailure('guardrail-event')),
      );
  }
  for (const processor of ctx.runtime.pipeline.processors) {
    if (!processor.finished) continue;
    ctx.runtime.background(
      Promise.resolve()
        .then(() => processor.finished?.(detail, prepared.info))
        .catch((e) => console.error(`[runs] processor '${processor.name}' failed after run ${run.id}: ${String(e)}`)),
    );
  }
}

/**
 * execute → finish: calls the model through `call` unless the run was refused or cancelled before it started, then
 * finishes it. A failure of our own before finish still releases the run from this process's in-flight set.
 */
async function executeAndFinish(
  ctx: ServiceContext,
  prepared: PreparedRun,
  options: RunOptions,
  call: () => Promise<Executed>,
): Promise<RunDetail> {
  let executed: Executed;
  try {
    executed = (await readyToExecute(prepared, options)) ? await call() : notExecuted(prepared);
  } catch (e) {
    ctx.runtime.inFlight.delete(prepared.run.id);
    throw e;
  }
  prepared.stage('execute');
  return finish(ctx, prepared, executed);
}

/** Runs the agent to completion and returns the recorded run. */
export async function executeRun(
  ctx: ServiceContext,
  idOrSlug: string,
  raw: RunCreateInput,
  options: RunOptions = {},
): Promise<RunDetail> {
  const prepared = await prepare(ctx, idOrSlug, runCreateSchema.parse(raw), options);
  return executeAndFinish(ctx, prepared, options, () => generate(ctx, prepared));
}

/** What a streamed reply's metadata holds, for clients to show tokens, cost and the model. */
export type RunMessageMetadata = z.output<typeof runMessageMetadataSchema>;

/** The typed part a stream carries when a guardrail stopped the run (before its error part). */
export interface GuardrailPart {
  code: 'GUARDRAIL_BLOCKED';
  guardrailKey: string;
  message: string;
}

export type RunUIMessage = UIMessage<RunMessageMetadata, { guardrail: GuardrailPart }>;

/** The key of the guardrail that stopped a run (`input.pii`, `output.secrets` …), read from its recorded error. */
export function guardrailKeyOf(error: string | null): string {
  return /^Blocked by guardrail ([\w.]+)/.exec(error ?? '')?.[1] ?? 'unknown';
}

function guardrailPart(run: AgentRun): GuardrailPart {
  const key = guardrailKeyOf(run.error);
  return { code: 'GUARDRAIL_BLOCKED', guardrailKey: key, message: run.error ?? 'Blocked by a guardrail' };
}

export function runMetadata(run: AgentRun): RunMessageMetadata {
  return {
    runId: run.id,
    status: run.status,
    model: {
      provider: run.modelProvider ?? '',
      name: run.modelName ?? '',
      label: run.modelProvider === DEMO_PROVIDER ? DEMO_LABEL : undefined,
    },
    promptTokens: run.promptTokens,
    completionTokens: run.completionTokens,
    totalTokens: run.totalTokens,
    costUsd: run.costUsd,
    durationMs: run.durationMs ?? undefined,
    error: run.error ?? undefined,
  };
}

/**
 * Validates and records the run (so a bad body or a missing agent fails before any byte is streamed), then
 * returns the UI message stream and the recorded run. `signal` aborts the run (client gone or cancel); so does
 * the consumer cancelling the stream.
 */
export async function streamRun(
  ctx: ServiceContext,
  idOrSlug: string,
  raw: StreamCreateInput,
  options: RunOptions & { signal?: AbortSignal } = {},
) {
  const body = streamCreateSchema.parse(raw);
  if (Array.isArray(body.input) && body.input.length === 0)
    throw invalidInput('messages contain no text', { field: 'messages' });
  const prepared = await prepare(ctx, idOrSlug, body, { ...options, entry: options.entry ?? 'stream' });
  options.signal?.addEventListener('abort', () => prepared.controller.abort(), { once: true });

  const uiStream = createUIMessageStream<RunUIMessage>({
    execute: async ({ writer }) => {
      writer.write({ type: 'start', messageMetadata: { runId: prepared.run.id } });
      const finished = await executeAndFinish(ctx, prepared, options, () => stream(ctx, prepared, writer));
      // Metadata before any error chunk: useChat stops reading at an error, and the reply needs its figures.
      writer.write({ type: 'message-metadata', messageMetadata: runMetadata(finished) });
      if (finished.errorCode === 'GUARDRAIL_BLOCKED')
        writer.write({ type: 'data-guardrail', data: guardrailPart(finished) });
      if (finished.status === 'FAILED') writer.write({ type: 'error', errorText: finished.error ?? 'The run failed' });
      writer.write({ type: 'finish', finishReason: finished.status === 'COMPLETED' ? 'stop' : 'error' });
    },
    onError: (e) => (e instanceof Error ? e.message : String(e)),
  });
  // When the consumer goes away (the HTTP client disconnected), abort the run and the provider call.
  const reader = uiStream.getReader();
  const consumed = new ReadableStream<typeof uiStream extends ReadableStream<infer C> ? C : never>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      prepared.controller.abort();
      return reader.cancel(reason);
    },
  });
  return {
    stream: consumed,
    run: prepared.run,
    threadId: prepared.threadId,
    memory: prepared.memory?.settings ?? null,
  };
}
