// Feedback: one verdict per person (or API key) per run, changed by saving again; daily aggregates that follow the raw
// rows; the agent's list with filters and totals; bad input, roles and other organizations' runs refused.
import { agentFeedback, agentFeedbackAggregateDaily, agentRun } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid, expectNotFound } from './agent-helpers';
import { ApiClient, signUpAt, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string; userId: string };
let bob: ApiClient & { tenantId: string; userId: string };
let viewer: ApiClient & { tenantId: string; userId: string };
let mallory: ApiClient & { tenantId: string };
let agent: { id: string; slug: string };
let other: { id: string };

const db = () => h.trellis.database.db;
const today = () => new Date().toISOString().slice(0, 10);

async function join(role: 'member' | 'viewer', email: string) {
  const user = await signUpAt(h.url, email);
  await h.trellis.auth.api.addMember({ body: { userId: user.userId, organizationId: alice.tenantId, role } });
  await user.post('/api/auth/organization/set-active', { organizationId: alice.tenantId });
  return Object.assign(user, { tenantId: alice.tenantId });
}
const newAgent = async (name: string) =>
  (
    await alice.post('/api/agents', {
      name,
      instructions: 'Answer.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
    })
  ).body as { id: string; slug: string };
const newRun = async (agentId = agent.id) =>
  (await alice.post(`/api/agents/${agentId}/runs`, { input: 'hi' })).body.id as string;
const aggregate = async () =>
  (await db().select().from(agentFeedbackAggregateDaily).where(eq(agentFeedbackAggregateDaily.agentId, agent.id)))[0];

beforeAll(async () => {
  h = await startHarnessWithFakeOpenAi();
  alice = await h.signUp();
  mallory = await h.signUp();
  bob = await join('member', `bob-feedback-${Date.now()}@example.com`);
  viewer = await join('viewer', `vera-feedback-${Date.now()}@example.com`);
  agent = await newAgent('Rated');
  other = await newAgent('Other');
});
afterAll(() => h?.close());

describe('feedback', () => {
  it('keeps one verdict per person per run, changed by saving again, with the daily aggregate in step', async () => {
    const runId = await newRun();
    const first = await alice.post(`/api/agents/${agent.slug}/runs/${runId}/feedback`, {
      thumbs: 'up',
      rating: 4,
      comment: '  Spot on.  ',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      thumbs: 'up',
      rating: 4,
      comment: 'Spot on.',
      userId: alice.userId,
      agentId: agent.id,
    });
    expect(await aggregate()).toMatchObject({ date: today(), thumbsUp: 1, thumbsDown: 0, avgRating: 4, count: 1 });

    const changed = await alice.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: 'down', rating: 2 });
    expect(changed.body).toMatchObject({ id: first.body.id, thumbs: 'down', rating: 2, comment: null });
    expect(await db().select().from(agentFeedback).where(eq(agentFeedback.runId, runId))).toHaveLength(1);
    expect(await aggregate()).toMatchObject({ thumbsUp: 0, thumbsDown: 1, avgRating: 2, count: 1 });

    expect((await bob.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: 'up' })).status).toBe(200);
    const { key } = await alice.createApiKey('feedback key');
    const byKey = new ApiClient(h.url, { apiKey: key });
    expect(
      (await byKey.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: 'up', rating: 5 })).status,
    ).toBe(200);
    expect(await aggregate()).toMatchObject({ thumbsUp: 2, thumbsDown: 1, avgRating: 3.5, count: 3 });

    const mine = await bob.get(`/api/agents/${agent.id}/runs/${runId}/feedback`);
    expect(mine.body.feedback).toHaveLength(3);
    expect(mine.body.mine).toMatchObject({ thumbs: 'up', userId: bob.userId });
  });

  it("lists the agent's feedback with filters, a cursor and the range's totals", async () => {
    const runs = [await newRun(), await newRun(), await newRun()];
    for (const [i, runId] of runs.entries())
      await alice.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, {
        thumbs: i === 0 ? 'down' : 'up',
        rating: 5,
      });
    const all = await alice.get(`/api/agents/${agent.id}/feedback?limit=2`);
    expect(all.status).toBe(200);
    expect(all.body.feedback).toHaveLength(2);
    expect(all.body.nextCursor).toBeTruthy();
    expect(all.body.totals).toMatchObject({ count: 6, thumbsUp: 4, thumbsDown: 2 });
    expect(all.body.daily).toMatchObject([{ date: today(), count: 6 }]);
    const rest = await alice.get(`/api/agents/${agent.id}/feedback?limit=50&cursor=${all.body.nextCursor}`);
    expect(rest.body.feedback).toHaveLength(4);
    const down = await alice.get(`/api/agents/${agent.id}/feedback?thumbs=down`);
    expect(down.body.feedback).toHaveLength(2);
    const ofRun = await alice.get(`/api/agents/${agent.id}/feedback?runId=${runs[1]}`);
    expect(ofRun.body.feedback.map((f: { runId: string }) => f.runId)).toEqual([runs[1]]);
    const past = await alice.get(`/api/agents/${agent.id}/feedback?from=2020-01-01&to=2020-01-31`);
    expect(past.body).toMatchObject({ feedback: [], daily: [], totals: { count: 0 } });
    expectInvalid(await alice.get(`/api/agents/${agent.id}/feedback?thumbs=sideways`), 'thumbs');
    expectInvalid(await alice.get(`/api/agents/${agent.id}/feedback?from=2026-02-01&to=2026-01-01`), 'from');
  });

  it('refuses bad input at the field and writes nothing', async () => {
    const runId = await newRun();
    const bad: [unknown, string][] = [
      [{}, 'thumbs'],
      [{ thumbs: 'sideways' }, 'thumbs'],
      [{ thumbs: 'up', rating: 6 }, 'rating'],
      [{ thumbs: 'up', rating: 2.5 }, 'rating'],
      [{ thumbs: 'up', comment: 'x'.repeat(2001) }, 'comment'],
      [{ thumbs: 'up', stars: 3 }, 'stars'],
    ];
    for (const [body, field] of bad)
      expectInvalid(await alice.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, body), field);
    expect(await db().select().from(agentFeedback).where(eq(agentFeedback.runId, runId))).toEqual([]);
  });

  it("refuses another agent's or organization's run (404), an unfinished run (409) and a viewer (403)", async () => {
    const runId = await newRun();
    expectNotFound(await alice.post(`/api/agents/${other.id}/runs/${runId}/feedback`, { thumbs: 'up' }), runId);
    expectNotFound(await mallory.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: 'up' }), agent.id);
    const mallorysAgent = (
      await mallory.post('/api/agents', {
        name: 'M',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
      })
    ).body;
    expectNotFound(
      await mallory.post(`/api/agents/${mallorysAgent.id}/runs/${runId}/feedback`, { thumbs: 'up' }),
      runId,
    );
    expectNotFound(await mallory.get(`/api/agents/${mallorysAgent.id}/runs/${runId}/feedback`), runId);
    expect((await mallory.get(`/api/agents/${mallorysAgent.id}/feedback`)).body.feedback).toEqual([]);

    const forbidden = await viewer.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: 'up' });
    expect(forbidden.status).toBe(403);
    expect((await viewer.get(`/api/agents/${agent.id}/feedback`)).status).toBe(200);

    await db().update(agentRun).set({ status: 'RUNNING' }).where(eq(agentRun.id, runId));
    const running = await alice.post(`/api/agents/${agent.id}/runs/${runId}/feedback`, { thumbs: 'up' });
    expect(running.status).toBe(409);
    expect(running.body.error.message).toContain('has not finished');
    expect(await db().select().from(agentFeedback).where(eq(agentFeedback.runId, runId))).toEqual([]);
  });
});
