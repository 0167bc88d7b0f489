// Streaming: the AI SDK's own chat transport reads our SSE (so useChat works), tool calls stream inline, the run
// is recorded with the streamed tokens, and closing the connection cancels the run and the provider stream.
import { agentRun } from '@trellis/db';
import type { FakeLlm } from '@trellis/testkit';
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let fake: FakeLlm;
let alice: ApiClient & { tenantId: string };

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  fake = h.fake;
  alice = await h.signUp();
  await alice.put('/api/agents/assistant', { modelProvider: 'demo', modelName: 'demo-1' });
});
afterAll(() => h?.close());

type Meta = {
  runId: string;
  status?: string;
  totalTokens?: number;
  promptTokens?: number;
  costUsd?: number;
  model?: { label?: string };
};

async function chat(agent: string, text: string) {
  const transport = new DefaultChatTransport<UIMessage<Meta>>({
    api: `${h.url}/api/agents/${agent}/stream`,
    headers: alice.authHeaders(),
  });
  const stream = await transport.sendMessages({
    chatId: 'chat-1',
    messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }],
    trigger: 'submit-message',
    messageId: undefined,
    abortSignal: undefined,
  });
  let last: UIMessage<Meta> | undefined;
  for await (const message of readUIMessageStream<UIMessage<Meta>>({ stream })) last = message;
  if (!last) throw new Error('no message streamed');
  return last;
}

describe('streaming', () => {
  it('streams a demo reply with the tool call inline, readable by the AI SDK chat transport', async () => {
    const message = await chat('assistant', 'What is 6*7?');
    const tool = message.parts.find((p) => p.type === 'tool-calculator') as
      | { state: string; input: unknown; output: unknown }
      | undefined;
    expect(tool).toMatchObject({ state: 'output-available', input: { expression: '6*7' }, output: { result: 42 } });
    const text = message.parts
      .filter((p) => p.type === 'text')
      .map((p) => (p as { text: string }).text)
      .join('');
    expect(text).toContain('42');
    expect(message.metadata).toMatchObject({ status: 'COMPLETED', model: { label: 'demo (offline)' }, costUsd: 0 });
    const [row] = await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, message.metadata!.runId));
    expect(row).toMatchObject({
      status: 'COMPLETED',
      agentSlug: 'assistant',
      totalTokens: message.metadata!.totalTokens,
    });
    expect(row.totalTokens).toBeGreaterThan(0);
    expect(row.outputText).toContain('42');
    const detail = await alice.get(`/api/agents/assistant/runs/${row.id}`);
    expect(detail.body.toolCalls).toHaveLength(1);
  });

  it('streams from a provider protocol in several pieces with usage', async () => {
    fake.reset();
    const agent = (
      await alice.post('/api/agents', {
        name: 'Streamer',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    fake.enqueue({ text: 'one two three four five', usage: { inputTokens: 77, outputTokens: 5 } });
    const res = await fetch(`${h.url}/api/agents/${agent.id}/stream`, {
      method: 'POST',
      headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'count' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const runId = res.headers.get('x-trellis-run-id');
    const body = await res.text();
    const events = body
      .split('\n\n')
      .filter((e) => e.startsWith('data: ') && !e.includes('[DONE]'))
      .map((e) => JSON.parse(e.slice(6)));
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
    expect(
      events
        .filter((e) => e.type === 'text-delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe('one two three four five');
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(events.find((e) => e.type === 'message-metadata')?.messageMetadata).toMatchObject({
      runId,
      promptTokens: 77,
      totalTokens: 82,
      status: 'COMPLETED',
    });
    expect(fake.requests[0].stream).toBe(true);
  });

  it('a failed run streams its figures before the error, so the client sees both', async () => {
    fake.reset();
    const agent = (
      await alice.post('/api/agents', {
        name: 'Failing',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    fake.enqueue({ error: { status: 400, message: 'bad request for this model' } });
    const res = await fetch(`${h.url}/api/agents/${agent.id}/stream`, {
      method: 'POST',
      headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'x' }),
    });
    const events = (await res.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice(6)));
    const types = events.map((e) => e.type);
    expect(types.indexOf('message-metadata')).toBeGreaterThan(-1);
    expect(types.indexOf('message-metadata')).toBeLessThan(types.indexOf('error'));
    expect(events.find((e) => e.type === 'message-metadata').messageMetadata).toMatchObject({ status: 'FAILED' });
    expect(events.find((e) => e.type === 'error').errorText).toContain('bad request for this model');
  });

  it('bad input is a 400 before any stream starts; a missing agent is 404', async () => {
    const bad = await alice.post('/api/agents/assistant/stream', { messages: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await alice.post('/api/agents/assistant/stream', {})).status).toBe(400);
    expect((await alice.post('/api/agents/nope/stream', { input: 'hi' })).status).toBe(404);
  });

  it('closing the connection cancels the run and the provider stream', async () => {
    fake.reset();
    const agent = (
      await alice.post('/api/agents', {
        name: 'Slow',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    fake.enqueue({ text: Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '), chunkDelayMs: 50 });
    const controller = new AbortController();
    const res = await fetch(`${h.url}/api/agents/${agent.id}/stream`, {
      method: 'POST',
      headers: { ...alice.authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'go' }),
      signal: controller.signal,
    });
    const runId = res.headers.get('x-trellis-run-id')!;
    const reader = res.body!.getReader();
    let received = '';
    while (!received.includes('text-delta')) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    let status = '';
    for (let i = 0; i < 100 && status !== 'CANCELLED'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, runId)))[0].status;
    }
    expect(status).toBe('CANCELLED');
    for (let i = 0; i < 40 && fake.abortedStreams === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(fake.abortedStreams).toBe(1);
  });
});
