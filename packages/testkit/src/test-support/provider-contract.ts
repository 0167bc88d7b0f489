// The behaviour every fake endpoint must show to a real AI SDK client; each provider test file runs it
// with its own client, auth header and request-body readers.

import { APICallError, generateText, isStepCount, type LanguageModel, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { startFakeLlm } from '../fake-llm/server';
import type { FakeLlm, FakeProvider } from '../fake-llm/types';

export interface ProviderContract {
  name: string;
  provider: FakeProvider;
  modelId: string;
  model(fake: FakeLlm): LanguageModel;
  /** Lower-case header name and the exact value the client must send. */
  auth: { header: string; value: string };
  /** Names of the tool definitions carried by a request body. */
  toolNames(body: unknown): string[];
  /** The tool result a follow-up request body carries back to the model. */
  toolResult(body: unknown): { callId: string | undefined; output: unknown };
  /** The provider's error JSON for a 400 with this message. */
  errorBody(message: string): unknown;
}

export const SCRIPTED_USAGE = { inputTokens: 120, outputTokens: 9, cachedInputTokens: 50, reasoningTokens: 4 };

/** How the AI SDK must report SCRIPTED_USAGE, whatever the provider's own field layout. */
export const EXPECTED_USAGE = {
  inputTokens: 120,
  inputTokenDetails: { noCacheTokens: 70, cacheReadTokens: 50 },
  outputTokens: 9,
  outputTokenDetails: { textTokens: 5, reasoningTokens: 4 },
  totalTokens: 129,
};

const CALL_ID = 'call_oslo_1';

function weatherTool(calls: { input: unknown; toolCallId: string }[]) {
  return tool({
    description: 'Current weather for a city',
    inputSchema: z.object({ city: z.string() }),
    execute: async (input, { toolCallId }) => {
      calls.push({ input, toolCallId });
      return { city: input.city, tempC: 21 };
    },
  });
}

export function describeProviderContract(contract: ProviderContract): void {
  describe(`${contract.name} through the real AI SDK client`, () => {
    let fake: FakeLlm;
    let model: LanguageModel;

    beforeAll(async () => {
      fake = await startFakeLlm();
      model = contract.model(fake);
    });
    afterAll(() => fake.close());
    beforeEach(() => fake.reset());

    it('generateText gets the scripted text and usage, and the request is recorded', async () => {
      fake.enqueue({ text: 'Hello from the fake model.', usage: SCRIPTED_USAGE });

      const result = await generateText({ model, prompt: 'Say hello' });

      expect(result.text).toBe('Hello from the fake model.');
      expect(result.finishReason).toBe('stop');
      expect(result.usage).toMatchObject(EXPECTED_USAGE);
      expect(result.totalUsage).toMatchObject(EXPECTED_USAGE);
      expect(fake.requests).toHaveLength(1);
      const [request] = fake.requests;
      expect(request.provider).toBe(contract.provider);
      expect(request.model).toBe(contract.modelId);
      expect(request.stream).toBe(false);
      expect(request.headers[contract.auth.header]).toBe(contract.auth.value);
      expect(JSON.stringify(request.body)).toContain('Say hello');
    });

    it('streamText receives the text in several pieces and the usage', async () => {
      fake.enqueue({ text: 'one two three four five', usage: SCRIPTED_USAGE });

      const result = streamText({ model, prompt: 'Count to five' });
      const pieces: string[] = [];
      for await (const piece of result.textStream) pieces.push(piece);

      expect(pieces).toEqual(['one', ' two', ' three', ' four', ' five']);
      expect(await result.usage).toMatchObject(EXPECTED_USAGE);
      expect(await result.finishReason).toBe('stop');
      expect(fake.requests.map((request) => [request.model, request.stream])).toEqual([[contract.modelId, true]]);
      expect(fake.requests[0].headers[contract.auth.header]).toBe(contract.auth.value);
    });

    it('generateText runs a tool loop: execute gets the args, the result goes back, the second turn ends it', async () => {
      const calls: { input: unknown; toolCallId: string }[] = [];
      fake.enqueue(
        {
          toolCalls: [{ id: CALL_ID, name: 'weather', args: { city: 'Oslo' } }],
          usage: { inputTokens: 30, outputTokens: 5 },
        },
        { text: 'It is 21°C in Oslo.', usage: { inputTokens: 60, outputTokens: 8 } },
      );

      const result = await generateText({
        model,
        prompt: 'Weather in Oslo?',
        tools: { weather: weatherTool(calls) },
        stopWhen: isStepCount(3),
      });

      expect(calls).toEqual([{ input: { city: 'Oslo' }, toolCallId: CALL_ID }]);
      expect(result.text).toBe('It is 21°C in Oslo.');
      expect(result.steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
      expect(result.totalUsage).toMatchObject({ inputTokens: 90, outputTokens: 13, totalTokens: 103 });
      expect(fake.requests).toHaveLength(2);
      expect(contract.toolNames(fake.requests[0].body)).toEqual(['weather']);
      expect(contract.toolResult(fake.requests[1].body)).toEqual({
        callId: CALL_ID,
        output: { city: 'Oslo', tempC: 21 },
      });
    });

    it('streamText runs the same tool loop from streamed tool-call deltas', async () => {
      const calls: { input: unknown; toolCallId: string }[] = [];
      fake.enqueue(
        { toolCalls: [{ id: CALL_ID, name: 'weather', args: { city: 'Oslo' } }] },
        { text: 'Streamed: 21°C in Oslo.' },
      );

      const result = streamText({
        model,
        prompt: 'Weather in Oslo?',
        tools: { weather: weatherTool(calls) },
        stopWhen: isStepCount(3),
      });

      expect(await result.text).toBe('Streamed: 21°C in Oslo.');
      expect(calls).toEqual([{ input: { city: 'Oslo' }, toolCallId: CALL_ID }]);
      expect((await result.steps).map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
      expect(contract.toolResult(fake.requests[1].body)).toEqual({
        callId: CALL_ID,
        output: { city: 'Oslo', tempC: 21 },
      });
    });

    it('maps a scripted length stop to finishReason "length"', async () => {
      fake.enqueue({ text: 'cut off', finishReason: 'length' }, { text: 'cut off too', finishReason: 'length' });

      const generated = await generateText({ model, prompt: 'Write a lot' });
      const streamed = streamText({ model, prompt: 'Write a lot' });

      expect(generated.finishReason).toBe('length');
      expect(await streamed.finishReason).toBe('length');
      expect(await streamed.text).toBe('cut off too');
    });

    it('generateText rejects with an APICallError carrying the scripted status and message', async () => {
      fake.enqueue({ error: { status: 400, message: 'The prompt is not allowed.' } });

      const error = await generateText({ model, prompt: 'Break', maxRetries: 0 }).catch((caught: unknown) => caught);

      expect(APICallError.isInstance(error)).toBe(true);
      const apiError = error as APICallError;
      expect(apiError.statusCode).toBe(400);
      expect(apiError.message).toBe('The prompt is not allowed.');
      expect(JSON.parse(apiError.responseBody ?? '')).toEqual(contract.errorBody('The prompt is not allowed.'));
    });

    it('streamText surfaces an error turn as an error part with the status', async () => {
      fake.enqueue({ error: { status: 400, message: 'No streaming today.' } });
      const onError = vi.fn();

      const result = streamText({ model, prompt: 'Break', maxRetries: 0, onError });
      const errors: unknown[] = [];
      for await (const part of result.fullStream) if (part.type === 'error') errors.push(part.error);

      expect(errors).toHaveLength(1);
      expect(APICallError.isInstance(errors[0])).toBe(true);
      expect((errors[0] as APICallError).statusCode).toBe(400);
      expect((errors[0] as APICallError).message).toBe('No streaming today.');
      expect(onError).toHaveBeenCalledTimes(1);
    });

    it('an aborted stream stops early and is counted by the server', async () => {
      const words = Array.from({ length: 40 }, (_, index) => `w${index}`);
      fake.enqueue({ text: words.join(' '), chunkDelayMs: 20 });
      const controller = new AbortController();

      const result = streamText({ model, prompt: 'Go on and on', abortSignal: controller.signal, maxRetries: 0 });
      const received: string[] = [];
      try {
        for await (const piece of result.textStream) {
          received.push(piece);
          if (received.length === 2) controller.abort();
        }
      } catch {
        // Depending on timing the SDK either ends the stream or rethrows the abort; both are fine here.
      }

      await vi.waitFor(() => expect(fake.abortedStreams).toBe(1), { timeout: 2_000, interval: 10 });
      expect(received.length).toBeGreaterThanOrEqual(2);
      expect(received.length).toBeLessThan(words.length);
      expect(fake.requests).toHaveLength(1);
    });

    it('echoes the last user message with default usage when nothing is scripted', async () => {
      const result = await generateText({ model, prompt: 'ping me' });

      expect(result.text).toBe('echo: ping me');
      // 'ping me' is 7 characters -> ceil(7 / 4) = 2 input tokens; 'echo: ping me' is 3 words.
      expect(result.usage).toMatchObject({ inputTokens: 2, outputTokens: 3 });
    });
  });
}
