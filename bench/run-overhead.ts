// Per-run overhead: POST /api/agents/:id/runs over loopback HTTP (auth, validation, resolve, recording run,
// trace and cost) against calling the same Mastra Agent directly, both on the zero-latency demo model.

import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { createDemoModel } from '@trellis/core';
import type { DatabaseHandle } from '@trellis/db';
import { onPglite, onTempPostgres, PGLITE_LABEL, POSTGRES_LABEL } from './databases';
import { startBenchServer } from './server';
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
  const { url, close } = await startBenchServer(database);
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
    await close();
  }
}

export const overheadOnPglite = (iterations: number) => onPglite((db) => measureOverhead(db, PGLITE_LABEL, iterations));

export const overheadOnPostgres = (serverUrl: string, iterations: number) =>
  onTempPostgres(serverUrl, (db) => measureOverhead(db, POSTGRES_LABEL, iterations));
