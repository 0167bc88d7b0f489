// Two PostgreSQL benchmarks at scale. (1) Overview and analytics over 1,000,000 synthetic runs of one agent across
// 90 days, served from the rollups, against the same figures aggregated from the raw runs (the baseline).
// (2) Sustained runs per second through HTTP with a zero-latency fake provider, budget, trace and cost all on,
// against calling the same Mastra agent directly on the same fake provider; p50/p99 latency and RSS.
import { createOpenAI } from '@ai-sdk/openai';
import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { budgetPeriod, recomputeRollups, spendOf } from '@trellis/core';
import type { DatabaseHandle } from '@trellis/db';
import { startFakeLlm } from '@trellis/testkit';
import { sql } from 'drizzle-orm';
import { startBenchServer } from './server';
import { percentile, sample } from './stats';

export async function signUpWithKey(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: `scale-${Date.now()}@example.com`, password: 'benchmark password', name: 'Scale' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = await (await fetch(`${url}/api/auth/get-session`, { headers: { cookie } })).json();
  const key = await fetch(`${url}/api/auth/api-key/create`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', organizationId: session.session.activeOrganizationId }),
  });
  return { 'x-api-key': (await key.json()).key, 'content-type': 'application/json' };
}

export interface ReadAtScale {
  runs: number;
  seedSeconds: number;
  overview: { p50: number; p95: number };
  analytics: { p50: number; p95: number };
  rawBaseline: { p50: number; p95: number };
  /** The month's spend for a budget: the service (rollups + uncounted runs) and the raw month aggregate. */
  spend: { p50: number; p95: number };
  rawSpend: { p50: number; p95: number };
}

/** Seeds `n` runs (and their cost events) for one agent over 90 days with SQL, rebuilds the rollups, then times the endpoints. */
export async function readsAtScale(database: DatabaseHandle, n: number, samples = 30): Promise<ReadAtScale> {
  const { url, close } = await startBenchServer(database);
  try {
    const headers = await signUpWithKey(url);
    const agent = await (
      await fetch(`${url}/api/agents`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Scale', slug: 'scale', instructions: 'x' }),
      })
    ).json();
    // Four versions, the runs spread over them, so the per-version figures have real work to do.
    for (const instructions of ['y', 'z', 'w']) {
      await fetch(`${url}/api/agents/scale`, { method: 'PUT', headers, body: JSON.stringify({ instructions }) });
    }
    const { versions } = await (await fetch(`${url}/api/agents/scale/versions`, { headers })).json();
    const versionIds = sql.raw(`array[${versions.map((v: { id: string }) => `'${v.id}'`).join(',')}]::text[]`);
    const t0 = performance.now();
    await database.db.execute(sql`
      insert into agent_run (id, tenant_id, agent_id, agent_slug, version_id, run_type, status, input_text, output_text, duration_ms,
        model_provider, model_name, prompt_tokens, completion_tokens, total_tokens, cost_usd, created_at, updated_at, completed_at,
        counted_at)
      select gen_random_uuid()::text, ${agent.tenantId}, ${agent.id}, 'scale', (${versionIds})[1 + i % ${versions.length}], 'PROD',
        (case when i % 20 = 0 then 'FAILED' else 'COMPLETED' end)::run_status, 'q', 'a', 200 + ((i::bigint * 7919) % 1800)::int,
        'openai', case when i % 3 = 0 then 'gpt-4o' else 'gpt-4o-mini' end, 500, 100, 600, 0.000135,
        now() - ((i % 90) || ' days')::interval - ((i % 86400) || ' seconds')::interval, now(), now(), now()
      from generate_series(1, ${n}) as i`);
    await database.db.execute(sql`
      insert into cost_event (id, tenant_id, run_id, agent_id, provider, model_name, prompt_tokens, completion_tokens, total_tokens, prompt_cost_usd, completion_cost_usd, cost_usd, created_at)
      select gen_random_uuid()::text, tenant_id, id, agent_id, model_provider, model_name, prompt_tokens, completion_tokens, total_tokens, 0.000075, 0.00006, cost_usd, created_at
      from agent_run where agent_id = ${agent.id}`);
    await database.db.execute(sql`analyze`);
    const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
    await recomputeRollups(database.db as never, { from: day(91), to: day(-1), agentId: agent.id });
    const seedSeconds = (performance.now() - t0) / 1000;
    const get = (path: string) => async () => {
      const res = await fetch(`${url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.json();
    };
    const raw = async () =>
      database.db.execute(sql`
        select count(*), count(*) filter (where status = 'COMPLETED'), avg(duration_ms),
          percentile_cont(0.95) within group (order by duration_ms), sum(total_tokens), sum(cost_usd)
        from agent_run where tenant_id = ${agent.tenantId} and agent_id = ${agent.id} and created_at >= now() - interval '30 days'`);
    const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
    await sample(3, get('/api/agents/scale/overview'));
    await sample(3, get('/api/agents/scale/analytics'));
    await sample(3, raw);
    const at = new Date();
    const spend = () => spendOf(database.db, agent.tenantId, agent.id, at);
    const { start, end } = budgetPeriod(at);
    const rawSpend = () =>
      database.db.execute(sql`
        select coalesce(sum(cost_usd), 0) from agent_run where tenant_id = ${agent.tenantId} and agent_id = ${agent.id}
          and created_at >= ${start} and created_at < ${end} and status in ('COMPLETED', 'FAILED', 'CANCELLED')`);
    await sample(3, spend);
    await sample(3, rawSpend);
    return {
      runs: n,
      seedSeconds,
      overview: stats(await sample(samples, get('/api/agents/scale/overview'))),
      analytics: stats(await sample(samples, get('/api/agents/scale/analytics'))),
      rawBaseline: stats(await sample(samples, raw)),
      spend: stats(await sample(samples, spend)),
      rawSpend: stats(await sample(samples, rawSpend)),
    };
  } finally {
    await close();
  }
}

export interface Throughput {
  concurrency: number;
  seconds: number;
  http: { runsPerSecond: number; p50: number; p99: number; failed: number };
  direct: { runsPerSecond: number; p50: number; p99: number };
  rssMb: { before: number; after: number };
}

export async function closedLoop(concurrency: number, seconds: number, call: () => Promise<boolean>) {
  const latencies: number[] = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        if (await call()) latencies.push(performance.now() - t0);
        else failed++;
      }
    }),
  );
  return {
    runsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
  };
}

/** Closed loop of `concurrency` clients for `seconds` each way; bounded in time, loopback only. */
export async function throughput(database: DatabaseHandle, concurrency = 8, seconds = 15): Promise<Throughput> {
  const fake = await startFakeLlm({
    defaultReply: () => ({ text: 'ok', usage: { inputTokens: 50, outputTokens: 10 } }),
  });
  const { url, close } = await startBenchServer(database, {
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: fake.openaiBaseURL,
  });
  try {
    const headers = await signUpWithKey(url);
    await fetch(`${url}/api/agents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'Load',
        slug: 'load',
        instructions: 'Answer.',
        modelProvider: 'openai',
        modelName: 'gpt-4o-mini',
        maxTokens: 50,
        maxSteps: 1,
      }),
    });
    await fetch(`${url}/api/agents/load/budget`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ monthlyLimitUsd: 1000, hardLimit: true }),
    });
    const model = createOpenAI({ apiKey: 'sk-bench', baseURL: fake.openaiBaseURL })('gpt-4o-mini');
    const agent = new Agent({ id: 'load', name: 'Load', instructions: 'Answer.', model: model as MastraModelConfig });
    const viaHttp = async () => {
      const res = await fetch(`${url}/api/agents/load/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ input: 'hello' }),
      });
      return res.status === 201 && (await res.json()).status === 'COMPLETED';
    };
    const direct = async () => {
      await agent.generate([{ role: 'user', content: 'hello' }], { maxSteps: 1 });
      return true;
    };
    await closedLoop(concurrency, 2, viaHttp);
    const before = process.memoryUsage().rss / 2 ** 20;
    const http = await closedLoop(concurrency, seconds, viaHttp);
    const after = process.memoryUsage().rss / 2 ** 20;
    await closedLoop(concurrency, 2, direct);
    const d = await closedLoop(concurrency, seconds, direct);
    return {
      concurrency,
      seconds,
      http,
      direct: { runsPerSecond: d.runsPerSecond, p50: d.p50, p99: d.p99 },
      rssMb: { before, after },
    };
  } finally {
    await close();
    await fake.close();
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export function scaleMarkdown(reads: ReadAtScale | null, loads: Throughput[]): string {
  if (!reads || !loads.length) return '## At scale (PostgreSQL)\n\nNot measured: no PostgreSQL server reachable.\n';
  return `## At scale (PostgreSQL)

**Overview and analytics over ${reads.runs.toLocaleString('en-US')} runs** of one agent spread over 90 days (seeded with
SQL in ${reads.seedSeconds.toFixed(0)} s, cost events included, rollups rebuilt from the raw rows). Both endpoints are timed over HTTP
with an API key; the baseline is the same 30-day totals aggregated straight from the raw runs (one SQL statement, no
HTTP) — what the endpoints would cost without rollups.

| | p50 | p95 | p50 vs baseline |
|---|---|---|---|
| \`GET …/overview\` (rollups + latest 1,000 runs for latency) | ${ms(reads.overview.p50)} | ${ms(reads.overview.p95)} | ${(reads.overview.p50 / reads.rawBaseline.p50).toFixed(2)}× |
| \`GET …/analytics\` (30 days of rollups, tools, models, versions) | ${ms(reads.analytics.p50)} | ${ms(reads.analytics.p95)} | ${(reads.analytics.p50 / reads.rawBaseline.p50).toFixed(2)}× |
| baseline: raw 30-day aggregate over \`agent_run\` | ${ms(reads.rawBaseline.p50)} | ${ms(reads.rawBaseline.p95)} | 1× |

The runs are spread over four versions of the agent; the per-version figures come from \`agent_version_stats\`
(running totals per version), so neither endpoint reads raw runs beyond the latest 1,000 for the overview's latency.

**A budget's month-to-date spend** over the same runs (what every hard-limited run reserves against, and what the
budget check reads after each run), called in process: the service sums the month's daily cost rollups plus the
finished runs they do not hold yet; the baseline sums the month's raw runs, as the service did before.

| | p50 | p95 | p50 vs baseline |
|---|---|---|---|
| \`spendOf\` (rollups + uncounted runs) | ${ms(reads.spend.p50)} | ${ms(reads.spend.p95)} | ${(reads.spend.p50 / reads.rawSpend.p50).toFixed(3)}× |
| baseline: raw month aggregate over \`agent_run\` | ${ms(reads.rawSpend.p50)} | ${ms(reads.rawSpend.p95)} | 1× |

**Sustained runs through HTTP**: clients in a closed loop for ${loads[0].seconds} s each way, a zero-latency fake OpenAI
server on loopback, one agent with a hard budget (reservation on every run), trace and cost recording, and the
run-completed job worked in-process. Baseline: the same Mastra agent called directly on the same fake provider, in
the same process (server, fake provider and clients share its two cores).

| clients | \`POST …/runs\` runs/s | p50 | p99 | direct runs/s | p50 | p99 | ratio | failed | RSS before → after |
|---|---|---|---|---|---|---|---|---|---|
${loads
  .map(
    (l) =>
      `| ${l.concurrency} | ${l.http.runsPerSecond.toFixed(1)} | ${ms(l.http.p50)} | ${ms(l.http.p99)} | ${l.direct.runsPerSecond.toFixed(1)} | ${ms(l.direct.p50)} | ${ms(l.direct.p99)} | ${(l.http.runsPerSecond / l.direct.runsPerSecond).toFixed(2)}× | ${l.http.failed} | ${l.rssMb.before.toFixed(0)} → ${l.rssMb.after.toFixed(0)} MB |`,
  )
  .join('\n')}
`;
}
