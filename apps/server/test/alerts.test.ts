// Alerts: a budget check raises one alert per threshold per period (no storm on repeats), delivers it to signed
// webhooks and Slack, records failed deliveries, and never stores or returns a destination secret in clear.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBudget, type ServiceContext } from '@trellis/core';
import { agentAlert, alertDestination } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string; userId: string };
let mallory: ApiClient & { tenantId: string };
let receiver: Server;
let receiverUrl: string;
const received: { path: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(req.url === '/broken' ? 500 : 200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  receiverUrl = `http://127.0.0.1:${port}`;
  h = await startHarnessWithFakeOpenAi(
    { WEB_FETCH_ALLOWLIST: `127.0.0.1:${port}` },
    { defaultReply: () => ({ text: 'ok', usage: { inputTokens: 1000, outputTokens: 1000 } }) },
  );
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => receiver?.close(r));
});

const ctxOf = (tenantId: string): ServiceContext => ({
  db: h.trellis.database.db,
  tenantId,
  actor: { type: 'system', id: 'test' },
  clock: () => new Date(),
  runtime: h.trellis.runtime,
});

describe('alerts', () => {
  it('manages destinations: secrets are encrypted at rest and never returned; bad input is a 400; other tenants see none', async () => {
    const hook = await alice.post('/api/alert-destinations', {
      kind: 'webhook',
      url: `${receiverUrl}/hook`,
      secret: 'whsec-0123456789abcdef',
    });
    expect(hook.status).toBe(201);
    expect(hook.body).toMatchObject({ kind: 'webhook', url: `${receiverUrl}/hook`, signed: true, enabled: true });
    expect(JSON.stringify(hook.body)).not.toContain('whsec');
    const [row] = await h.trellis.database.db
      .select()
      .from(alertDestination)
      .where(eq(alertDestination.id, hook.body.id));
    expect(row.secretEncrypted).toMatch(new RegExp(`^v2\\.${h.trellis.runtime.secretBox?.keyId}\\.`));
    expect(row.secretEncrypted).not.toContain('whsec');
    expect((await alice.post('/api/alert-destinations', { kind: 'slack', url: `${receiverUrl}/slack` })).status).toBe(
      201,
    );
    expect(
      (await alice.post('/api/alert-destinations', { kind: 'webhook', url: `${receiverUrl}/broken` })).status,
    ).toBe(201);
    expect((await alice.post('/api/alert-destinations', { kind: 'webhook', url: 'http://10.0.0.1/hook' })).status).toBe(
      201,
    );
    for (const body of [
      { kind: 'email', url: 'http://x.test' },
      { kind: 'webhook', url: 'ftp://x.test' },
      { kind: 'webhook', url: 'http://x.test', secret: 'short' },
      { kind: 'webhook' },
    ]) {
      const res = await alice.post('/api/alert-destinations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const list = await alice.get('/api/alert-destinations');
    expect(list.body.destinations).toHaveLength(4);
    expect(JSON.stringify(list.body)).not.toContain('whsec');
    expect((await mallory.get('/api/alert-destinations')).body.destinations).toEqual([]);
    expect((await mallory.delete(`/api/alert-destinations/${hook.body.id}`)).status).toBe(404);
  });

  it('raises WARNING at the alert percentage and CRITICAL at 100%, once each per period, delivered signed', async () => {
    const agent = (
      await alice.post('/api/agents', {
        name: 'Spender',
        instructions: 'x',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
        maxSteps: 1,
      })
    ).body;
    // One run costs 1000 × $0.15/M + 1000 × $0.60/M = $0.00075; the limit is two runs' worth.
    await alice.put(`/api/agents/${agent.id}/budget`, { monthlyLimitUsd: 0.0015, alertAtPct: 50 });
    // The budget-check job may already have run after each run; checking again (as a retried job would) is
    // idempotent, so the count of alerts is what matters.
    const check = async (run: { id: string; costUsd: number }) =>
      checkBudget(ctxOf(alice.tenantId), {
        tenantId: alice.tenantId,
        agentId: agent.id,
        runId: run.id,
        costUsd: run.costUsd,
      });
    const alertsOf = async () =>
      h.trellis.database.db.select().from(agentAlert).where(eq(agentAlert.agentId, agent.id));
    const run1 = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'one' })).body;
    await check(run1);
    await check(run1);
    expect((await alertsOf()).map((a) => a.severity)).toEqual(['WARNING']);
    const run2 = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'two' })).body;
    await check(run2);
    await check(run2);
    expect((await alertsOf()).map((a) => a.severity).sort()).toEqual(['CRITICAL', 'WARNING']);
    // The run-completed job may have raised them first; its deliveries are recorded once they are done.
    const alerts = await vi.waitFor(
      async () => {
        const list = (await alice.get(`/api/alerts?agentId=${agent.id}`)).body.alerts;
        expect(list.every((a: { metadata: { deliveries?: object } }) => a.metadata.deliveries)).toBe(true);
        expect(received.filter((r) => r.path === '/hook')).toHaveLength(2);
        return list;
      },
      { timeout: 20_000, interval: 100 },
    );
    // The filter takes the agent's slug too; another organization's filter by that slug finds nothing.
    const ids = (list: { id: string }[]) => list.map((a) => a.id);
    expect(ids((await alice.get(`/api/alerts?agentId=${agent.slug}`)).body.alerts)).toEqual(ids(alerts));
    expect((await mallory.get(`/api/alerts?agentId=${agent.slug}&status=all`)).body.alerts).toEqual([]);
    expect(alerts.map((a: { severity: string }) => a.severity)).toEqual(['CRITICAL', 'WARNING']);
    expect(alerts[1]).toMatchObject({ source: 'COST', metadata: { thresholdPct: 50, scope: 'agent' } });
    const deliveries = alerts[1].metadata.deliveries as Record<string, string>;
    expect(Object.values(deliveries).filter((d) => d.startsWith('delivered'))).toHaveLength(2);
    expect(Object.values(deliveries).filter((d) => d.startsWith('failed'))).toHaveLength(2); // the 500 and the private address
    const hooks = received.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(2);
    const [, t, v1] = String(hooks[0].headers['x-trellis-signature']).match(/^t=(\d+),v1=([0-9a-f]{64})$/) ?? [];
    expect(v1).toBe(createHmac('sha256', 'whsec-0123456789abcdef').update(`${t}.${hooks[0].body}`).digest('hex'));
    expect(JSON.parse(hooks[0].body)).toMatchObject({
      type: 'alert.created',
      alert: { severity: 'WARNING', source: 'COST', agentId: agent.id },
    });
    const slack = received.filter((r) => r.path === '/slack');
    expect(JSON.parse(slack[0].body).text).toContain('COST');
    expect(received.some((r) => r.path === '/hook' && r.headers['x-trellis-signature'] === undefined)).toBe(false);
  });

  it('saving a budget already exceeded alerts at once, without waiting for a run', async () => {
    // The organization has spent $0.0015 (the two runs above); a $0.001 limit is already crossed.
    const put = await alice.put('/api/budget', { monthlyLimitUsd: 0.001, alertAtPct: 90 });
    expect(put.status).toBe(200);
    await vi.waitFor(
      async () => {
        const alerts = (await alice.get('/api/alerts')).body.alerts as { severity: string; metadata: unknown }[];
        const org = alerts.filter((a) => (a.metadata as { scope?: string }).scope === 'tenant');
        expect(org.map((a) => a.severity).sort()).toEqual(['CRITICAL', 'WARNING']);
      },
      { timeout: 20_000, interval: 100 },
    );
    await alice.delete('/api/budget');
  });

  it('resolves alerts; filters and other tenants are respected', async () => {
    const open = (await alice.get('/api/alerts')).body.alerts;
    expect(open.length).toBeGreaterThan(0);
    const resolved = await alice.post(`/api/alerts/${open[0].id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect(resolved.body.resolvedBy).toBe(alice.userId);
    expect((await alice.get('/api/alerts')).body.alerts.map((a: { id: string }) => a.id)).not.toContain(open[0].id);
    expect((await alice.get('/api/alerts?status=resolved')).body.alerts.map((a: { id: string }) => a.id)).toEqual([
      open[0].id,
    ]);
    expect((await alice.get('/api/alerts?severity=LOUD')).status).toBe(400);
    expect((await mallory.get('/api/alerts?status=all')).body.alerts).toEqual([]);
    expect((await mallory.post(`/api/alerts/${open[1].id}/resolve`)).status).toBe(404);
    const [still] = await h.trellis.database.db.select().from(agentAlert).where(eq(agentAlert.id, open[1].id));
    expect(still.resolvedAt).toBeNull();
  });
});
