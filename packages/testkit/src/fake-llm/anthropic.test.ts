// Anthropic Messages endpoint: the shared AI SDK contract via createAnthropic, plus raw wire checks.

import { createAnthropic } from '@ai-sdk/anthropic';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeProviderContract } from '../test-support/provider-contract';
import { jsonData, postJson, readSse } from '../test-support/raw-http';
import { startFakeLlm } from './server';
import type { FakeLlm } from './types';

interface MessagesBody {
  messages: { role: string; content: string | { type: string; tool_use_id?: string; content?: string }[] }[];
  tools?: { name: string }[];
}

describeProviderContract({
  name: 'Anthropic messages',
  provider: 'anthropic',
  modelId: 'claude-sonnet-4-5',
  model: (fake) => createAnthropic({ baseURL: fake.anthropicBaseURL, apiKey: 'sk-ant-test' })('claude-sonnet-4-5'),
  auth: { header: 'x-api-key', value: 'sk-ant-test' },
  toolNames: (body) => ((body as MessagesBody).tools ?? []).map((definition) => definition.name),
  toolResult(body) {
    const blocks = (body as MessagesBody).messages.flatMap((message) =>
      typeof message.content === 'string' ? [] : message.content,
    );
    const result = blocks.find((block) => block.type === 'tool_result');
    return { callId: result?.tool_use_id, output: JSON.parse(result?.content ?? 'null') as unknown };
  },
  errorBody: (message) => ({
    type: 'error',
    error: { type: 'invalid_request_error', message },
    request_id: 'req_trellis_fake',
  }),
});

describe('Anthropic messages on the wire', () => {
  let fake: FakeLlm;
  const url = () => `${fake.anthropicBaseURL}/messages`;
  const request = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('returns text and tool_use blocks with stop_reason tool_use and cache reads split out of input_tokens', async () => {
    fake.enqueue({
      text: 'Let me check.',
      toolCalls: [{ id: 'toolu_1', name: 'lookup', args: { q: 'x' } }],
      usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 30 },
    });

    const body = await (await postJson(url(), request)).json();

    expect(body).toEqual({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 70,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 30,
        output_tokens: 20,
        service_tier: 'standard',
      },
    });
  });

  it('streams the message_start … message_stop event sequence with text and input_json deltas', async () => {
    fake.enqueue({
      text: 'a b',
      toolCalls: [{ id: 'toolu_2', name: 'lookup', args: { query: 'weather in Oslo' } }],
      usage: { inputTokens: 5, outputTokens: 9 },
    });

    const events = await readSse(await postJson(url(), { ...request, stream: true }));
    const data = jsonData<{ type: string; index?: number; delta?: Record<string, unknown> }>(events);

    expect(events.map((event) => event.event)).toEqual(data.map((payload) => payload.type));
    expect(data.map((payload) => payload.type)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(data[0]).toMatchObject({ message: { model: 'claude-haiku-4-5', content: [], usage: { input_tokens: 5 } } });
    expect(data[3].delta).toEqual({ type: 'text_delta', text: 'a' });
    expect(data[6]).toEqual({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'toolu_2', name: 'lookup', input: {} },
    });
    const partials = data.slice(7, 11).map((payload) => payload.delta?.partial_json);
    expect(partials[0]).toBe('');
    expect(partials.join('')).toBe('{"query":"weather in Oslo"}');
    expect(data[12]).toMatchObject({
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 9 },
    });
  });

  it('answers errors with the status and Anthropic error types', async () => {
    fake.enqueue({ error: { status: 529, message: 'Overloaded' } }, { error: { status: 401, message: 'bad key' } });

    const overloaded = await postJson(url(), request);
    const unauthorized = await postJson(url(), request);

    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({
      error: { type: 'authentication_error', message: 'bad key' },
    });
  });
});
