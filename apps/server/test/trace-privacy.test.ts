// What traces keep: secrets are redacted at any depth in tool inputs/outputs, step contents and the request
// context; with sampling off a run keeps its timings and tokens but not its contents.
import { agentRun, agentToolCall, agentTraceStep } from '@trellis/db';
import { type FakeLlm, startFakeLlm } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(() => fake?.close());

async function runWithSecrets(h: Harness) {
  const alice = await h.signUp();
  const agent = (
    await alice.post('/api/agents', {
      name: 'Parser',
      instructions: 'x',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['json-parser'],
    })
  ).body;
  const secretJson = JSON.stringify({
    user: 'ada',
    password: 'hunter2',
    nested: [{ api_key: 'sk-live-123', Authorization: 'Bearer abc' }],
  });
  fake.reset();
  fake.enqueue({ toolCalls: [{ name: 'json-parser', args: { text: secretJson } }] }, { text: 'parsed' });
  const run = (
    await alice.post(`/api/agents/${agent.id}/runs`, {
      input: 'parse it',
      requestContext: { metadata: { plan: 'pro', accessToken: 'tok-999' } },
    })
  ).body;
  const db = h.trellis.database.db;
  const [row] = await db.select().from(agentRun).where(eq(agentRun.id, run.id));
  const calls = await db.select().from(agentToolCall).where(eq(agentToolCall.runId, run.id));
  const steps = await db.select().from(agentTraceStep).where(eq(agentTraceStep.traceId, run.trace.id));
  return { run, row, calls, steps };
}

describe('trace privacy', () => {
  it('redacts secret-named fields at any depth before anything is stored', async () => {
    const h = await startHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.openaiBaseURL });
    try {
      const { row, calls, steps } = await runWithSecrets(h);
      expect(row.status).toBe('COMPLETED');
      expect(row.requestContext).toMatchObject({ metadata: { plan: 'pro', accessToken: '[REDACTED]' } });
      expect(calls[0].outputJson).toMatchObject({
        valid: true,
        value: {
          user: 'ada',
          password: '[REDACTED]',
          nested: [{ api_key: '[REDACTED]', Authorization: '[REDACTED]' }],
        },
      });
      // Redaction is by field name: the raw text the model passed in (a string argument) is kept as written; every
      // structured copy — the tool's output, the trace step of the tool call, the request context — is redacted.
      const toolStep = steps.find((st) => st.type === 'tool-call')?.content as { output: unknown };
      for (const structured of [calls[0].outputJson, toolStep.output, row.requestContext]) {
        for (const secret of ['hunter2', 'sk-live-123', 'Bearer abc', 'tok-999'])
          expect(JSON.stringify(structured)).not.toContain(secret);
      }
      expect(JSON.stringify(calls[0].outputJson)).not.toContain('hunter2');
    } finally {
      await h.close();
    }
  });

  it('with TRACE_SAMPLE_RATE=0 keeps timings, tokens and tool names, but no contents', async () => {
    const h = await startHarness({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.openaiBaseURL,
      TRACE_SAMPLE_RATE: '0',
    });
    try {
      const { row, calls, steps } = await runWithSecrets(h);
      expect(row.totalTokens).toBeGreaterThan(0);
      expect(steps.map((s) => s.type)).toEqual(['llm', 'tool-call', 'llm']);
      expect(steps.every((s) => JSON.stringify(s.content) === '{"sampled":false}' && s.durationMs !== null)).toBe(true);
      expect(calls[0]).toMatchObject({ toolKey: 'json-parser', success: true, inputJson: null, outputJson: null });
    } finally {
      await h.close();
    }
  });
});
