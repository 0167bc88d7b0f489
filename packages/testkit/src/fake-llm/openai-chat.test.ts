// OpenAI Chat Completions endpoint: the shared AI SDK contract via createOpenAI().chat, plus raw wire checks.

import { createOpenAI } from '@ai-sdk/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatToolNames, chatToolResult, openaiErrorJson } from '../test-support/chat-body';
import { describeProviderContract } from '../test-support/provider-contract';
import { jsonData, postJson, readSse } from '../test-support/raw-http';
import { startFakeLlm } from './server';
import type { FakeLlm } from './types';

describeProviderContract({
  name: 'OpenAI chat completions',
  provider: 'openai-chat',
  modelId: 'gpt-4o-mini',
  model: (fake) => createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'sk-test-chat' }).chat('gpt-4o-mini'),
  auth: { header: 'authorization', value: 'Bearer sk-test-chat' },
  toolNames: chatToolNames,
  toolResult: chatToolResult,
  errorBody: openaiErrorJson,
});

describe('OpenAI chat completions on the wire', () => {
  let fake: FakeLlm;
  const url = () => `${fake.openaiBaseURL}/chat/completions`;
  const messages = [{ role: 'user', content: 'hi' }];

  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('answers a tool call with null content, JSON-string arguments and full usage details', async () => {
    fake.enqueue({
      toolCalls: [{ id: 'call_1', name: 'lookup', args: { q: 'x' } }],
      usage: { inputTokens: 10, outputTokens: 4, cachedInputTokens: 2, reasoningTokens: 1 },
    });

    const response = await postJson(url(), { model: 'gpt-4o', messages });
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 4,
        total_tokens: 14,
        prompt_tokens_details: { cached_tokens: 2 },
        completion_tokens_details: { reasoning_tokens: 1 },
      },
    });
  });

  it('streams role, content pieces, indexed tool-call deltas, finish, usage chunk and [DONE]', async () => {
    fake.enqueue({
      text: 'a b',
      toolCalls: [{ id: 'call_9', name: 'lookup', args: { query: 'weather in Oslo' } }],
      usage: { inputTokens: 3, outputTokens: 2 },
    });

    const response = await postJson(url(), {
      model: 'gpt-4o',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const events = await readSse(response);
    type Chunk = {
      object: string;
      usage: unknown;
      choices: { delta: Record<string, unknown>; finish_reason: string }[];
    };
    const chunks = jsonData<Chunk>(events);

    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(events.every((event) => event.event === undefined)).toBe(true);
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.slice(1, 3).map((chunk) => chunk.choices[0].delta)).toEqual([{ content: 'a' }, { content: ' b' }]);
    const toolDeltas = chunks.flatMap((chunk) => (chunk.choices[0]?.delta.tool_calls as unknown[]) ?? []);
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: 'call_9',
      type: 'function',
      function: { name: 'lookup', arguments: '' },
    });
    const argumentPieces = toolDeltas.slice(1).map((delta) => (delta as { function: { arguments: string } }).function);
    expect(argumentPieces.length).toBeGreaterThan(1);
    expect(argumentPieces.map((fn) => fn.arguments).join('')).toBe('{"query":"weather in Oslo"}');
    const finish = chunks.at(-2);
    expect(finish?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
    expect(finish?.usage).toBeNull();
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } });
  });

  it('sends no usage chunk (and no usage keys) without stream_options.include_usage', async () => {
    fake.enqueue({ text: 'plain' });

    const events = await readSse(await postJson(url(), { model: 'gpt-4o', messages, stream: true }));
    const chunks = jsonData(events);

    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
  });
});
