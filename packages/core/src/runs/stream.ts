// Streams a run in the AI SDK UI message stream format (what `useChat` reads) and records it like any run.
// The last chunks carry the run's id, tokens, cost and model as message metadata.
import { toAISdkStream } from '@mastra/ai-sdk';
import type { AgentRun } from '@trellis/db';
import { createUIMessageStream, type UIMessage } from 'ai';
import type { z } from 'zod';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { DEMO_LABEL, DEMO_PROVIDER } from '../models/demo-model';
import {
  buildAgent,
  callOptions,
  createRecorder,
  failureOf,
  finishRun,
  markRunning,
  prepareRun,
  type RunOptions,
  releaseRun,
} from './executor';
import { type StreamCreateInput, streamCreateSchema } from './schemas';
import type { runMessageMetadataSchema } from './views';

/** What a streamed reply's metadata holds, for clients to show tokens, cost and the model. */
export type RunMessageMetadata = z.output<typeof runMessageMetadataSchema>;

export type RunUIMessage = UIMessage<RunMessageMetadata>;

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
 * returns the UI message stream and the prepared run. `signal` aborts the run (client gone or cancel).
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
  const prepared = await prepareRun(ctx, idOrSlug, body, options);
  options.signal?.addEventListener('abort', () => prepared.controller.abort(), { once: true });

  const stream = createUIMessageStream<RunUIMessage>({
    execute: async ({ writer }) => {
      const t0 = performance.now();
      await markRunning(ctx, prepared);
      const recorder = createRecorder(); // its clock starts once the run is RUNNING
      writer.write({ type: 'start', messageMetadata: { runId: prepared.run.id } });
      let finished: AgentRun;
      try {
        const agent = buildAgent(ctx, prepared, recorder);
        const output = await agent.stream(prepared.messages as Parameters<typeof agent.stream>[0], {
          ...callOptions(prepared),
          abortSignal: prepared.controller.signal,
          onStepFinish: recorder.onStepFinish,
        });
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
        if (streamError || output.error || prepared.controller.signal.aborted)
          throw output.error ?? streamError ?? new Error('aborted');
        finished = await finishRun(ctx, prepared, recorder, {
          status: 'COMPLETED',
          outputText: await output.text,
          usage: await output.totalUsage,
          durationMs: performance.now() - t0,
        });
      } catch (e) {
        const failure = failureOf(e, prepared.controller.signal.aborted);
        finished = await finishRun(ctx, prepared, recorder, {
          ...failure,
          usage: {},
          durationMs: performance.now() - t0,
        });
      } finally {
        releaseRun(ctx, prepared);
      }
      // Metadata before any error chunk: useChat stops reading at an error, and the reply needs its figures.
      writer.write({ type: 'message-metadata', messageMetadata: runMetadata(finished) });
      if (finished.status === 'FAILED') writer.write({ type: 'error', errorText: finished.error ?? 'The run failed' });
      writer.write({ type: 'finish', finishReason: finished.status === 'COMPLETED' ? 'stop' : 'error' });
    },
    onError: (e) => (e instanceof Error ? e.message : String(e)),
  });
  // When the consumer goes away (the HTTP client disconnected), abort the run and the provider call.
  const reader = stream.getReader();
  const consumed = new ReadableStream<typeof stream extends ReadableStream<infer C> ? C : never>({
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
