// Chat with memory: earlier turns of the thread reach the model from Mastra Memory in our database, limited by
// the agent's lastMessages, isolated per thread, user and organization.
import { agentRun, memoryMessage } from '@trellis/db';
import { type FakeLlm, startFakeLlm } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, startHarness } from './harness';

let fake: FakeLlm;
let h: Harness;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let agentId: string;

beforeAll(async () => {
  fake = await startFakeLlm();
  // Chat completions carry the whole history inline (the Responses API refers to stored items by id instead).
  h = await startHarness({ OPENAI_COMPATIBLE_BASE_URL: fake.openaiBaseURL, OPENAI_COMPATIBLE_MODELS: 'llama3.2' });
  alice = await h.signUp();
  mallory = await h.signUp();
  const created = await alice.post('/api/agents', {
    name: 'Memo',
    instructions: 'Remember things.',
    modelProvider: 'openai-compatible',
    modelName: 'llama3.2',
    memoryEnabled: true,
    memoryConfig: { lastMessages: 4 },
  });
  agentId = created.body.id;
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

async function say(client: ApiClient, text: string, extra: Record<string, unknown> = {}, agent = agentId) {
  const res = await fetch(`${h.url}/api/agents/${agent}/chat`, {
    method: 'POST',
    headers: { ...client.authHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ input: text, ...extra }),
  });
  const body = await res.text();
  return {
    status: res.status,
    threadId: res.headers.get('x-trellis-thread-id'),
    runId: res.headers.get('x-trellis-run-id'),
    body,
  };
}

const streamedText = (sse: string) =>
  sse
    .split('\n\n')
    .filter((e) => e.startsWith('data: {'))
    .map((e) => JSON.parse(e.slice(6)))
    .filter((e) => e.type === 'text-delta')
    .map((e) => e.delta)
    .join('');

const lastPrompt = () => JSON.stringify(fake.requests.at(-1)?.body);

describe('chat with memory', () => {
  it('sends earlier turns of the thread from memory, and only the newest message from the client', async () => {
    fake.reset();
    fake.enqueue({ text: 'Nice to meet you, Ada.' }, { text: 'Your name is Ada.' });
    const first = await say(alice, 'My name is Ada.', { threadId: 'thread-1' });
    expect(first.status).toBe(200);
    expect(first.threadId).toBe('thread-1');
    const second = await say(alice, 'What is my name?', { threadId: 'thread-1' });
    expect(streamedText(second.body)).toBe('Your name is Ada.');
    const prompt = lastPrompt();
    expect(prompt).toContain('My name is Ada.');
    expect(prompt).toContain('Nice to meet you, Ada.');
    expect(prompt).toContain('What is my name?');
    const [run] = await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, second.runId!));
    expect(run).toMatchObject({
      status: 'COMPLETED',
      threadId: 'thread-1',
      inputText: 'What is my name?',
      outputText: 'Your name is Ada.',
    });
    const stored = await h.trellis.database.db
      .select()
      .from(memoryMessage)
      .where(eq(memoryMessage.threadId, 'thread-1'));
    expect(stored).toHaveLength(4);
    expect(stored.every((m) => m.tenantId === alice.tenantId)).toBe(true);
  });

  it('keeps only lastMessages of history', async () => {
    fake.reset();
    for (let i = 1; i <= 4; i++) fake.enqueue({ text: `reply ${i}` });
    for (let i = 1; i <= 4; i++) await say(alice, `message ${i}`, { threadId: 'thread-window' });
    const prompt = lastPrompt();
    // lastMessages 4: messages 2 and 3 with their replies; message 1 and reply 1 fell out of the window.
    expect(prompt).not.toContain('message 1');
    expect(prompt).not.toContain('reply 1');
    for (const kept of ['message 2', 'reply 2', 'message 3', 'reply 3', 'message 4']) expect(prompt).toContain(kept);
  });

  it('starts a new thread when none is given, and threads do not share memory', async () => {
    fake.reset();
    fake.enqueue({ text: 'ok one' }, { text: 'ok two' });
    const first = await say(alice, 'The secret word is plum.');
    expect(first.threadId).toMatch(/^[0-9a-f-]{36}$/);
    const other = await say(alice, 'What is the secret word?');
    expect(other.threadId).not.toBe(first.threadId);
    expect(lastPrompt()).not.toContain('plum');
  });

  it('another organization cannot read a thread by reusing its id, nor reach the agent', async () => {
    fake.reset();
    const theirs = await mallory.post('/api/agents', {
      name: 'Memo',
      instructions: 'x',
      modelProvider: 'openai-compatible',
      modelName: 'llama3.2',
      memoryEnabled: true,
    });
    fake.enqueue({ text: 'hello' });
    const res = await say(mallory, 'What is my name?', { threadId: 'thread-1' }, theirs.body.id);
    expect(res.status).toBe(200);
    expect(lastPrompt()).not.toContain('Ada');
    expect((await say(mallory, 'hi', { threadId: 'thread-1' })).status).toBe(404);
  });

  it('runs with a thread on a memory-enabled agent use memory too; bad input is a 400', async () => {
    fake.reset();
    fake.enqueue({ text: 'Noted: blue.' }, { text: 'Blue.' });
    await alice.post(`/api/agents/${agentId}/runs`, { input: 'My favourite colour is blue.', threadId: 'run-thread' });
    const run = await alice.post(`/api/agents/${agentId}/runs`, { input: 'Which colour?', threadId: 'run-thread' });
    expect(run.body.status).toBe('COMPLETED');
    expect(lastPrompt()).toContain('My favourite colour is blue.');
    expect((await alice.post(`/api/agents/${agentId}/chat`, {})).status).toBe(400);
    expect((await alice.post(`/api/agents/${agentId}/chat`, { input: 'x', threadId: '' })).status).toBe(400);
    expect(
      (
        await alice.post(`/api/agents/${agentId}/chat`, {
          messages: [{ role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }],
        })
      ).status,
    ).toBe(400);
  });
});
