// Per-run overhead: POST /api/agents/:id/runs over loopback HTTP (auth, validation, resolve, recording run,
// trace and cost) against calling the same Mastra Agent directly, both on the zero-latency demo model.

import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { createDemoModel } from '@trellis/core';
import { type DatabaseHandle, openDatabase } from '@trellis/db';
import { buildTrellis } from '../apps/server/src/server';
import { percentile, sample } from './stats';

export interface OverheadResult {
  database: string;
  iterations: number;
  direct: { p50: number; p99: number };
  http: { p50: number; p99: number };
}

const INSTRUCTIONS = 'You are a benchmark agent. Answer briefly.';

export async function measureOverhead(
  database: DatabaseHandle,
  label: string,
  iterations: number,
): Promise<OverheadResult> {
  let handler: (req: Request) => Promise<Response> | Response = () => new Response('starting', { status: 503 });
  const server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const trellis = await buildTrellis({
    database,
    env: {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'trellis-bench-')),
      BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-1',
      BETTER_AUTH_URL: url,
      LOG_LEVEL: 'silent',
    },
  });
  handler = trellis.app.fetch as typeof handler;
  try {
    const signUp = await fetch(`${url}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'benchmark password', name: 'Bench' }),
    });
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = await (await fetch(`${url}/api/auth/get-session`, { headers: { cookie } })).json();
    const keyRes = await fetch(`${url}/api/auth/api-key/create`, {
      method: 'POST',
      headers: { cookie, origin: url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', organizationId: session.session.activeOrganizationId }),
    });
    const { key } = await keyRes.json();
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/agents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'Bench',
        slug: 'bench',
        instructions: INSTRUCTIONS,
        modelProvider: 'demo',
        modelName: 'demo-1',
      }),
    });
    if (created.status !== 201) throw new Error(`agent create failed: ${created.status}`);

    const agent = new Agent({
      id: 'bench',
      name: 'Bench',
      instructions: INSTRUCTIONS,
      model: createDemoModel() as MastraModelConfig,
    });
    const direct = () => agent.generate([{ role: 'user', content: 'hello there' }], { maxSteps: 5 });
    const viaHttp = async () => {
      const res = await fetch(`${url}/api/agents/bench/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ input: 'hello there' }),
      });
      const body = await res.json();
      if (body.status !== 'COMPLETED') throw new Error(`run failed: ${JSON.stringify(body).slice(0, 300)}`);
    };
    const warm = Math.max(20, Math.round(iterations / 10));
    await sample(warm, direct);
    await sample(warm, viaHttp);
    // Interleave the two in blocks so drift (GC, JIT, other load) hits both alike.
    const d: number[] = [];
    const h: number[] = [];
    for (let done = 0; done < iterations; done += 50) {
      const n = Math.min(50, iterations - done);
      d.push(...(await sample(n, direct)));
      h.push(...(await sample(n, viaHttp)));
    }
    return {
      database: label,
      iterations,
      direct: { p50: percentile(d, 50), p99: percentile(d, 99) },
      http: { p50: percentile(h, 50), p99: percentile(h, 99) },
    };
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await trellis.close();
  }
}

export async function overheadOnPglite(iterations: number) {
  const database = await openDatabase({ inMemory: true });
  try {
    return await measureOverhead(database, 'PGlite (embedded, in-memory)', iterations);
  } finally {
    await database.close();
  }
}

export async function overheadOnPostgres(serverUrl: string, iterations: number) {
  const pg = (await import('pg')).default;
  const name = `trellis_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    return await measureOverhead(database, 'PostgreSQL 15 (127.0.0.1, pool of 10)', iterations);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
