// Provider-neutral behaviour of the fake server: URLs, the shared script queue, default replies and usage,
// delays, aborts, reset/close, the models list and malformed requests.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { postJson } from '../test-support/raw-http';
import { startFakeLlm } from './server';
import type { FakeLlm } from './types';

describe('fake LLM server', () => {
  let fake: FakeLlm;
  const chat = (body: Record<string, unknown>) => postJson(`${fake.openaiBaseURL}/chat/completions`, body);
  const chatText = async (body: Record<string, unknown>) =>
    (await (await chat(body)).json()).choices[0].message.content;
  const hello = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] };

  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('listens on 127.0.0.1 and derives the provider base URLs', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.openaiBaseURL).toBe(`${fake.url}/v1`);
    expect(fake.anthropicBaseURL).toBe(`${fake.url}/v1`);
    expect(fake.googleBaseURL).toBe(`${fake.url}/v1beta`);
  });

  it('hands scripted turns out in order to whichever endpoint asks next, then falls back to echo', async () => {
    fake.enqueue({ text: 'first' }, { text: 'second' });
    expect(fake.pendingTurns).toBe(2);

    const anthropicReply = await (
      await postJson(`${fake.anthropicBaseURL}/messages`, {
        model: 'claude-haiku-4-5',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      })
    ).json();
    const chatReply = await chatText(hello);
    const echoed = await chatText(hello);

    expect(anthropicReply.content).toEqual([{ type: 'text', text: 'first' }]);
    expect(chatReply).toBe('second');
    expect(echoed).toBe('echo: hello');
    expect(fake.pendingTurns).toBe(0);
    expect(fake.requests.map((request) => request.provider)).toEqual(['anthropic', 'openai-chat', 'openai-chat']);
  });

  it('counts default usage as ceil(message characters / 4) in and reply words (+ ceil(args JSON / 4)) out', async () => {
    fake.enqueue({ text: 'two words', toolCalls: [{ name: 'f', args: { a: 1 } }] });
    const body = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: [{ type: 'text', text: 'hello' }] },
      ],
    };

    const scripted = (await (await chat(body)).json()).usage;
    const echoed = (await (await chat(body)).json()).usage;

    // 'You are terse.' (14) + 'hello' (5) = 19 characters -> 5 tokens.
    expect(scripted).toMatchObject({ prompt_tokens: 5, completion_tokens: 2 + 2, total_tokens: 9 });
    expect(scripted.prompt_tokens_details.cached_tokens).toBe(0);
    expect(scripted.completion_tokens_details.reasoning_tokens).toBe(0);
    // 'echo: hello' is 2 words.
    expect(echoed).toMatchObject({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 });
  });

  it('records method, path, headers, parsed body, model and stream flag of every provider call', async () => {
    await postJson(
      `${fake.openaiBaseURL}/chat/completions`,
      { ...hello, stream: false },
      { authorization: 'Bearer k1' },
    );

    expect(fake.requests).toEqual([
      {
        provider: 'openai-chat',
        method: 'POST',
        path: '/v1/chat/completions',
        headers: expect.objectContaining({ authorization: 'Bearer k1', 'content-type': 'application/json' }),
        body: { ...hello, stream: false },
        model: 'gpt-4o',
        stream: false,
      },
    ]);
  });

  it('answers an error turn with its status and records the request', async () => {
    fake.enqueue({ error: { status: 503, message: 'try later' } });

    const response = await chat(hello);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { message: 'try later', type: 'server_error', param: null, code: null },
    });
    expect(fake.requests).toHaveLength(1);
    expect(fake.pendingTurns).toBe(0);
  });

  it('waits delayMs before answering', async () => {
    fake.enqueue({ text: 'late', delayMs: 80 });

    const started = performance.now();
    const text = await chatText(hello);

    expect(text).toBe('late');
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('counts a stream the client abandons mid-way, and reset() zeroes the counter', async () => {
    fake.enqueue({ text: 'a b c d e f g h i j', chunkDelayMs: 30 });
    const controller = new AbortController();

    const response = await fetch(`${fake.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...hello, stream: true }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    controller.abort();

    expect(new TextDecoder().decode(first?.value)).toContain('"role":"assistant"');
    await vi.waitFor(() => expect(fake.abortedStreams).toBe(1), { timeout: 2_000, interval: 10 });
    fake.reset();
    expect(fake.abortedStreams).toBe(0);
  });

  it('counts a streaming request abandoned while it is still in delayMs', async () => {
    fake.enqueue({ text: 'never sent', delayMs: 5_000 });
    const controller = new AbortController();

    const pending = chatAbortable({ ...hello, stream: true }, controller.signal);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1), { timeout: 2_000, interval: 5 });
    controller.abort();

    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(fake.abortedStreams).toBe(1), { timeout: 2_000, interval: 10 });
  });

  it('reset() drops queued turns and recorded requests but keeps the same requests array', async () => {
    const requests = fake.requests;
    fake.enqueue({ text: 'unused' });
    await chatText(hello);
    fake.enqueue({ text: 'also unused' });

    fake.reset();

    expect(fake.requests).toBe(requests);
    expect(fake.requests).toHaveLength(0);
    expect(fake.pendingTurns).toBe(0);
    expect(await chatText(hello)).toBe('echo: hello');
  });

  it('lists models in the OpenAI shape and 404s an unknown one', async () => {
    const list = await (await fetch(`${fake.openaiBaseURL}/models`)).json();
    const one = await (await fetch(`${fake.openaiBaseURL}/models/gpt-fake`)).json();
    const missing = await fetch(`${fake.openaiBaseURL}/models/nope`);

    expect(list.object).toBe('list');
    expect(list.data.map((model: { id: string }) => model.id)).toEqual(['gpt-fake', 'claude-fake', 'gemini-fake']);
    expect(list.data[0]).toMatchObject({ object: 'model', owned_by: 'trellis-testkit' });
    expect(one).toMatchObject({ id: 'gpt-fake', object: 'model' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('model_not_found');
    expect(fake.requests).toHaveLength(0);
  });

  it('answers unknown routes with 404 and malformed JSON with a 400 in the provider shape, recording neither', async () => {
    fake.enqueue({ text: 'kept' });

    const unknown = await postJson(`${fake.url}/v2/whatever`, {});
    const malformed = await fetch(`${fake.anthropicBaseURL}/messages`, { method: 'POST', body: '{not json' });

    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('Unknown request URL: POST /v2/whatever');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'request body is not valid JSON' },
    });
    expect(fake.requests).toHaveLength(0);
    expect(fake.pendingTurns).toBe(1);
  });

  function chatAbortable(body: Record<string, unknown>, signal: AbortSignal): Promise<Response> {
    return fetch(`${fake.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  }
});

describe('startFakeLlm options and lifecycle', () => {
  it('uses a custom model list and default reply', async () => {
    const fake = await startFakeLlm({
      models: ['only-model'],
      defaultReply: (lastUserText, request) => ({ text: `${request.provider} heard ${lastUserText}` }),
    });
    try {
      const list = await (await fetch(`${fake.openaiBaseURL}/models`)).json();
      const reply = await (
        await postJson(`${fake.googleBaseURL}/models/gemini-2.5-flash:generateContent`, {
          contents: [
            { role: 'user', parts: [{ text: 'first' }] },
            { role: 'model', parts: [{ text: 'ok' }] },
            { role: 'user', parts: [{ text: 'second' }] },
          ],
        })
      ).json();

      expect(list.data).toEqual([expect.objectContaining({ id: 'only-model' })]);
      expect(reply.candidates[0].content.parts).toEqual([{ text: 'google heard second' }]);
    } finally {
      await fake.close();
    }
  });

  it('close() is idempotent, ends open streams and frees the port', async () => {
    const fake = await startFakeLlm();
    fake.enqueue({ text: 'a b c d e f', chunkDelayMs: 1_000 });
    const response = await postJson(`${fake.openaiBaseURL}/chat/completions`, {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const body = response.text();

    await Promise.all([fake.close(), fake.close()]);

    await expect(body).rejects.toThrow();
    await vi.waitFor(() => expect(fake.abortedStreams).toBe(1), { timeout: 2_000, interval: 10 });
    await expect(fetch(`${fake.openaiBaseURL}/models`)).rejects.toThrow();
  });
});
