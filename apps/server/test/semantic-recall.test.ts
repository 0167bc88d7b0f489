// Semantic recall in memory: with `memoryConfig.semanticRecall` on, a new thread of the same user gets the earlier
// messages most similar to its question (from another thread) in the instructions the model receives; another user's
// messages never; the memory-recall tool finds them by meaning too. Needs pgvector: on PostgreSQL without it, memory
// recalls the thread's latest messages only, and nothing else changes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

const vectors = process.env.TRELLIS_TEST_DB !== 'postgres';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let agentId: string;

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  alice = await h.signUp();
  const agent = await alice.post('/api/agents', {
    name: 'Companion',
    instructions: 'You are a friendly companion.',
    modelProvider: 'openai',
    modelName: 'gpt-4o-mini',
    memoryEnabled: true,
    memoryConfig: { lastMessages: 2, semanticRecall: { topK: 2, messageRange: 50 } },
    tools: ['memory-recall'],
  });
  expect(agent.status).toBe(201);
  agentId = agent.body.id;
});
afterAll(() => h?.close());

const turn = (userId: string, threadId: string, input: string) =>
  alice.post(`/api/agents/${agentId}/runs`, { input, threadId, requestContext: { resource: { userId } } });

/** Waits until every remembered message of the thread has its embedding (the memory-embed job). */
async function embedded(threadId: string) {
  for (let i = 0; i < 200; i++) {
    const rows = await h.trellis.database.db.execute(
      sql`select count(*) filter (where embedding is null)::int as missing, count(*)::int as total
          from memory_message where tenant_id = ${alice.tenantId} and thread_id = ${threadId}`,
    );
    const row = (rows as unknown as { rows: { missing: number; total: number }[] }).rows[0];
    if (row.total > 0 && row.missing === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the messages of ${threadId} were not embedded`);
}

const systemPrompt = (i: number) => JSON.stringify((h.fake.requests[i].body as { input?: unknown }).input ?? '');

describe('semantic recall', () => {
  it('brings a similar message of another thread of the same user into the instructions', async () => {
    h.fake.enqueue({ text: 'What a lovely dog!' }, { text: 'Sounds delicious.' }, { text: 'Nice.' });
    expect((await turn('u-ann', 'ann-1', 'My dog is called Biscuit and he loves the beach.')).body.status).toBe(
      'COMPLETED',
    );
    expect((await turn('u-ann', 'ann-1', 'For dinner I cooked a mushroom risotto.')).body.status).toBe('COMPLETED');
    expect((await turn('u-bob', 'bob-1', 'My cat Pepper sleeps all day.')).body.status).toBe('COMPLETED');
    if (vectors) {
      await embedded('ann-1');
      await embedded('bob-1');
    }
    h.fake.reset();
    h.fake.enqueue({ text: 'Biscuit!' });
    const res = await turn('u-ann', 'ann-2', "What is my dog's name?");
    expect(res.body.status).toBe('COMPLETED');
    const prompt = systemPrompt(0);
    if (vectors) {
      expect(prompt).toContain('semantic recall');
      expect(prompt).toContain('My dog is called Biscuit');
      expect(prompt).not.toContain('Pepper');
      expect(res.body.metadata.memoryRecall).toEqual({ messages: 2 });
    } else {
      expect(prompt).not.toContain('Biscuit');
      expect(res.body.metadata.memoryRecall).toBeUndefined();
    }
  });

  it("never recalls another user's messages", async () => {
    h.fake.reset();
    h.fake.enqueue({ text: 'I do not know.' });
    await turn('u-bob', 'bob-2', "What is my dog's name?");
    expect(systemPrompt(0)).not.toContain('Biscuit');
  });

  it('the memory-recall tool finds messages by meaning', async () => {
    h.fake.reset();
    h.fake.enqueue(
      { toolCalls: [{ name: 'memory-recall', args: { query: 'the name of my dog', limit: 3 } }] },
      { text: 'You have a dog named Biscuit.' },
    );
    const res = await turn('u-ann', 'ann-3', 'Do I have pets?');
    const call = res.body.toolCalls[0];
    expect(call).toMatchObject({ toolKey: 'memory-recall', success: true });
    if (vectors) expect(JSON.stringify(call.outputJson.similar)).toContain('Biscuit');
    else expect(call.outputJson.similar).toBeUndefined();
  });
});
