// Google Gemini endpoint: the shared AI SDK contract via createGoogleGenerativeAI, plus raw wire checks.

import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeProviderContract } from '../test-support/provider-contract';
import { jsonData, postJson, readSse } from '../test-support/raw-http';
import { startFakeLlm } from './server';
import type { FakeLlm } from './types';

interface GeminiBody {
  contents: { role: string; parts: { functionResponse?: { id?: string; response: { content: unknown } } }[] }[];
  tools?: { functionDeclarations: { name: string }[] }[];
}

describeProviderContract({
  name: 'Google Gemini',
  provider: 'google',
  modelId: 'gemini-2.5-flash',
  model: (fake) => createGoogleGenerativeAI({ baseURL: fake.googleBaseURL, apiKey: 'g-test-key' })('gemini-2.5-flash'),
  auth: { header: 'x-goog-api-key', value: 'g-test-key' },
  toolNames: (body) =>
    ((body as GeminiBody).tools ?? []).flatMap((group) => group.functionDeclarations.map((fn) => fn.name)),
  toolResult(body) {
    const parts = (body as GeminiBody).contents.flatMap((content) => content.parts);
    const response = parts.find((part) => part.functionResponse)?.functionResponse;
    return { callId: response?.id, output: response?.response.content };
  },
  errorBody: (message) => ({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } }),
});

describe('Google Gemini on the wire', () => {
  let fake: FakeLlm;
  const request = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };

  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it('takes the model from the path and answers a GenerateContentResponse with functionCall parts', async () => {
    fake.enqueue({
      text: 'Looking.',
      toolCalls: [{ id: 'fc_1', name: 'lookup', args: { q: 'x' } }],
      usage: { inputTokens: 40, outputTokens: 12, cachedInputTokens: 10, reasoningTokens: 5 },
    });

    const response = await postJson(`${fake.googleBaseURL}/models/gemini-2.5-pro:generateContent`, request);
    const body = await response.json();

    expect(fake.requests[0]).toMatchObject({
      provider: 'google',
      model: 'gemini-2.5-pro',
      stream: false,
      path: '/v1beta/models/gemini-2.5-pro:generateContent',
    });
    expect(body.candidates).toEqual([
      {
        content: {
          role: 'model',
          parts: [
            { text: 'Looking.' },
            { functionCall: { id: 'fc_1', name: 'lookup', args: { q: 'x' } }, thoughtSignature: expect.any(String) },
          ],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ]);
    expect(body.usageMetadata).toMatchObject({
      promptTokenCount: 40,
      candidatesTokenCount: 7,
      thoughtsTokenCount: 5,
      cachedContentTokenCount: 10,
      totalTokenCount: 52,
    });
    expect(body.modelVersion).toBe('gemini-2.5-pro');
  });

  it('streams data-only SSE chunks, finishing with finishReason and the full usage', async () => {
    fake.enqueue({ text: 'one two three', usage: { inputTokens: 8, outputTokens: 3 } });

    const events = await readSse(
      await postJson(`${fake.googleBaseURL}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, request),
    );
    type Chunk = {
      candidates: { content: { parts: { text: string }[] }; finishReason?: string }[];
      usageMetadata: object;
    };
    const chunks = jsonData<Chunk>(events);

    expect(fake.requests[0]).toMatchObject({ model: 'gemini-2.5-flash', stream: true });
    expect(events.every((event) => event.event === undefined)).toBe(true);
    expect(chunks.map((chunk) => chunk.candidates[0].content.parts[0].text)).toEqual(['one', ' two', ' three']);
    expect(chunks.map((chunk) => chunk.candidates[0].finishReason)).toEqual([undefined, undefined, 'STOP']);
    expect(chunks[0].usageMetadata).toEqual({
      promptTokenCount: 8,
      totalTokenCount: 8,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 8 }],
    });
    expect(chunks[2].usageMetadata).toEqual({
      promptTokenCount: 8,
      candidatesTokenCount: 3,
      totalTokenCount: 11,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 8 }],
    });
  });

  it('maps statuses to Google RPC status names and length to MAX_TOKENS', async () => {
    fake.enqueue({ error: { status: 429, message: 'Quota exceeded' } }, { text: 'cut', finishReason: 'length' });
    const url = `${fake.googleBaseURL}/models/gemini-2.5-flash:generateContent`;

    const limited = await postJson(url, request);
    const truncated = await (await postJson(url, request)).json();

    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' },
    });
    expect(truncated.candidates[0].finishReason).toBe('MAX_TOKENS');
  });
});
