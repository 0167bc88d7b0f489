// OpenAI Responses endpoint: the shared AI SDK contract via createOpenAI()(model) and .responses(), plus raw wire checks.

import { createOpenAI } from '@ai-sdk/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiErrorJson } from '../test-support/chat-body';
import { describeProviderContract, type ProviderContract } from '../test-support/provider-contract';
import { jsonData, postJson, readSse } from '../test-support/raw-http';
import { startFakeLlm } from './server';
import type { FakeLlm } from './types';

interface ResponsesBody {
  input: { type?: string; call_id?: string; output?: string }[];
  tools?: { name: string }[];
}

const responsesContract: Omit<ProviderContract, 'name' | 'model'> = {
  provider: 'openai-responses',
  modelId: 'gpt-5-mini',
  auth: { header: 'authorization', value: 'Bearer sk-test-responses' },
  toolNames: (body) => ((body as ResponsesBody).tools ?? []).map((definition) => definition.name),
  toolResult(body) {
    const item = (body as ResponsesBody).input.find((candidate) => candidate.type === 'function_call_output');
    return { callId: item?.call_id, output: JSON.parse(item?.output ?? 'null') as unknown };
  },
  errorBody: openaiErrorJson,
};

describeProviderContract({
  ...responsesContract,
  name: 'OpenAI responses (default provider call)',
  model: (fake) => createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test-responses' })('gpt-5-mini'),
});

describeProviderContract({
  ...responsesContract,
  name: 'OpenAI responses (.responses)',
  model: (fake) => createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test-responses' }).responses('gpt-5-mini'),
});

describe('OpenAI responses on the wire', () => {
  let fake: FakeLlm;
  const url = () => `${fake.openaiBaseURL}/responses`;

  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('returns a completed response object with message and function_call output items', async () => {
    fake.enqueue({
      text: 'Checking.',
      toolCalls: [{ id: 'call_7', name: 'lookup', args: { q: 'x' } }],
      usage: { inputTokens: 11, outputTokens: 6, cachedInputTokens: 3, reasoningTokens: 2 },
    });

    const response = await postJson(url(), { model: 'gpt-5', input: 'hi', instructions: 'Be brief.' });
    const body = await response.json();

    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-5',
      instructions: 'Be brief.',
      incomplete_details: null,
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
        },
        { type: 'function_call', call_id: 'call_7', name: 'lookup', arguments: '{"q":"x"}', status: 'completed' },
      ],
      usage: {
        input_tokens: 11,
        input_tokens_details: { cached_tokens: 3 },
        output_tokens: 6,
        output_tokens_details: { reasoning_tokens: 2 },
        total_tokens: 17,
      },
    });
    expect(body.id).toMatch(/^resp_/);
    expect(body.output[0].id).toMatch(/^msg_/);
    expect(body.output[1].id).toMatch(/^fc_/);
  });

  it('streams typed events with matching event: lines, increasing sequence numbers and a final response', async () => {
    fake.enqueue({ text: 'x y', toolCalls: [{ id: 'call_2', name: 'lookup', args: { q: 'abcdef' } }] });

    const events = await readSse(await postJson(url(), { model: 'gpt-5', input: 'hi', stream: true }));
    const data = jsonData<{ type: string; sequence_number: number; [key: string]: unknown }>(events);

    expect(events.map((event) => event.event)).toEqual(data.map((payload) => payload.type));
    expect(data.map((payload) => payload.sequence_number)).toEqual(data.map((_, index) => index));
    const types = data.map((payload) => payload.type);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.filter((type) => type === 'response.output_text.delta')).toHaveLength(2);
    expect(types.filter((type) => type === 'response.function_call_arguments.delta').length).toBeGreaterThan(1);
    expect(types.slice(-3)).toEqual([
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const added = data.find((payload) => payload.type === 'response.output_item.added' && payload.output_index === 1);
    expect(added?.item).toMatchObject({ type: 'function_call', call_id: 'call_2', name: 'lookup', arguments: '' });
    const completed = data.at(-1) as unknown as { response: { status: string; output: unknown[]; usage: unknown } };
    expect(completed.response.status).toBe('completed');
    expect(completed.response.output).toHaveLength(2);
    // Default usage: 'hi' -> ceil(2 / 4) = 1; 'x y' is 2 words + ceil('{"q":"abcdef"}'.length / 4) = 4.
    expect(completed.response.usage).toMatchObject({ input_tokens: 1, output_tokens: 6, total_tokens: 7 });
  });

  it('ends a length-limited stream with response.incomplete and max_output_tokens', async () => {
    fake.enqueue({ text: 'truncated', finishReason: 'length' });

    const data = jsonData<{ type: string; response?: Record<string, unknown> }>(
      await readSse(await postJson(url(), { model: 'gpt-5', input: 'hi', stream: true })),
    );

    expect(data.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
  });
});
