// OTLP export: with OTEL_EXPORTER_OTLP_ENDPOINT set, the run-completed job sends each finished run's trace to a
// collector as OTLP/HTTP JSON (a root span and one child per step, no secrets); without it nothing is sent.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleJob, jobLog, type OtlpSpan } from '@trellis/core';
import { agentRun } from '@trellis/db';
import { type FakeLlm, startFakeLlm } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from './harness';

interface Collector {
  url: string;
  received: { path: string; headers: IncomingHttpHeaders; body: string }[];
  /** The status the collector answers with (200 unless a test sets it). */
  status: number;
  close(): Promise<void>;
}

async function startCollector(): Promise<Collector> {
  const collector = { received: [], status: 200 } as unknown as Collector;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    collector.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
    res.writeHead(collector.status, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  collector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  collector.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return collector;
}

let fake: FakeLlm;
let collector: Collector;
beforeAll(async () => {
  [fake, collector] = await Promise.all([startFakeLlm(), startCollector()]);
});
afterAll(async () => {
  await Promise.all([fake?.close(), collector?.close()]);
});

/** A run that calls `json-parser` on text holding secrets, then answers; returns its stored row. */
async function runWithTool(h: Harness) {
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
  fake.reset();
  const text = JSON.stringify({ user: 'ada', password: 'hunter2', api_key: 'sk-live-123' });
  fake.enqueue({ toolCalls: [{ name: 'json-parser', args: { text } }] }, { text: 'parsed' });
  const run = (await alice.post(`/api/agents/${agent.id}/runs`, { input: 'parse it' })).body;
  const [row] = await h.trellis.database.db.select().from(agentRun).where(eq(agentRun.id, run.id));
  expect(row.status).toBe('COMPLETED');
  return { alice, row };
}

const deps = (h: Harness) => ({
  db: h.trellis.database.db,
  runtime: h.trellis.runtime,
  jobs: h.trellis.jobs.queue,
  boss: h.trellis.jobs.boss,
  log: jobLog('silent'),
});

const attr = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
};
const ns = (s: string) => BigInt(s);

describe('OTLP trace export', () => {
  it('sends a root span and one child per step from the run-completed job, without secrets', async () => {
    const h = await startHarness({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.openaiBaseURL,
      OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=abc%20def, x-team=ops',
      OTEL_SERVICE_NAME: 'trellis-test',
    });
    try {
      collector.received.length = 0;
      const { alice, row } = await runWithTool(h);
      await vi.waitFor(() => expect(collector.received.length).toBeGreaterThan(0), { timeout: 20_000, interval: 100 });
      const [sent] = collector.received;
      expect(sent.path).toBe('/v1/traces');
      expect(sent.headers['content-type']).toBe('application/json');
      expect(sent.headers).toMatchObject({ 'x-collector-key': 'abc def', 'x-team': 'ops' });
      for (const secret of ['hunter2', 'sk-live-123', 'sk-test', 'parse it', 'parsed"']) {
        expect(sent.body).not.toContain(secret);
      }

      const request = JSON.parse(sent.body);
      expect(request.resourceSpans[0].resource.attributes).toEqual([
        { key: 'service.name', value: { stringValue: 'trellis-test' } },
      ]);
      const spans: OtlpSpan[] = request.resourceSpans[0].scopeSpans[0].spans;
      const [root, ...children] = spans;
      expect(root.name).toBe(`agent.run ${row.agentSlug}`);
      expect(root.parentSpanId).toBeUndefined();
      expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(root.status.code).toBe(1);
      expect(children.map((s) => s.name)).toEqual(['gen_ai.chat', 'tool json-parser', 'gen_ai.chat']);
      for (const span of spans) {
        expect(span.traceId).toBe(root.traceId);
        expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
        expect(typeof span.startTimeUnixNano).toBe('string');
        expect(ns(span.endTimeUnixNano)).toBeGreaterThanOrEqual(ns(span.startTimeUnixNano));
      }
      expect(new Set(spans.map((s) => s.spanId)).size).toBe(4);
      const oneMs = 1_000_000n;
      for (const [i, child] of children.entries()) {
        expect(child.parentSpanId).toBe(root.spanId);
        expect(ns(child.startTimeUnixNano)).toBeGreaterThanOrEqual(ns(root.startTimeUnixNano) - oneMs);
        expect(ns(child.endTimeUnixNano)).toBeLessThanOrEqual(ns(root.endTimeUnixNano) + oneMs);
        if (i > 0) expect(ns(child.startTimeUnixNano)).toBeGreaterThanOrEqual(ns(children[i - 1].startTimeUnixNano));
      }
      expect(ns(children[2].startTimeUnixNano)).toBeGreaterThanOrEqual(ns(children[1].endTimeUnixNano) - oneMs);

      expect(row.promptTokens).toBeGreaterThan(0);
      expect(attr(root, 'gen_ai.usage.input_tokens')).toBe(String(row.promptTokens));
      expect(attr(root, 'gen_ai.usage.output_tokens')).toBe(String(row.completionTokens));
      expect(attr(root, 'trellis.run.id')).toBe(row.id);
      expect(attr(root, 'trellis.tenant.id')).toBe(alice.tenantId);
      expect(attr(root, 'trellis.agent.slug')).toBe(row.agentSlug);
      expect(attr(root, 'gen_ai.system')).toBe('openai');
      expect(attr(root, 'gen_ai.request.model')).toBe('gpt-4o-mini');
      expect(attr(root, 'trellis.run.status')).toBe('COMPLETED');
      expect(Number(attr(root, 'trellis.cost.usd'))).toBeCloseTo(row.costUsd, 10);

      // A collector failure is reported, never thrown: the job completes.
      collector.status = 500;
      const again = await handleJob('run-completed', { runId: row.id, tenantId: alice.tenantId }, deps(h));
      expect(again).toMatchObject({ outcome: 'duplicate', otlp: 'failed' });
      // A re-delivered job re-sends the same ids (collectors can de-duplicate).
      const resent: OtlpSpan[] = JSON.parse(collector.received.at(-1)?.body ?? '{}').resourceSpans[0].scopeSpans[0]
        .spans;
      expect(resent.map((s) => s.spanId)).toEqual(spans.map((s) => s.spanId));
    } finally {
      collector.status = 200;
      await h.close();
    }
  });

  it('sends nothing when no OTLP endpoint is configured', async () => {
    const h = await startHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.openaiBaseURL });
    try {
      collector.received.length = 0;
      const { alice, row } = await runWithTool(h);
      // Deliver the run-completed job by hand so it has surely run once before checking.
      const result = await handleJob('run-completed', { runId: row.id, tenantId: alice.tenantId }, deps(h));
      expect(result).not.toHaveProperty('otlp');
      expect(collector.received).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
