// What Trellis adds to a run, measured as a user would: a zero-latency fake OpenAI server on loopback (Responses
// API), an agent on openai/gpt-4o-mini with a hard monthly budget (a reservation on every run), trace and cost
// recording on, an API key, one client at a time. Baselines in the same run, interleaved in blocks: the provider
// alone (a raw HTTP call to the fake) and the same Mastra Agent called directly in this process.
//   platform cost = POST …/runs − direct agent.generate;   end to end = POST …/runs − provider alone
// Also: first token of /stream against Mastra's own first token, a chat turn with memory (last 10 messages,
// working memory on) against the provider alone, each pipeline stage's median, and (PostgreSQL) the SQL statements
// of one run on the request path and in the background.
import { createOpenAI } from '@ai-sdk/openai';
import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import type { DatabaseHandle } from '@trellis/db';
import { startFakeLlm } from '@trellis/testkit';
import pg from 'pg';
import { onPglite, onTempPostgres, PGLITE_LABEL, POSTGRES_LABEL } from './databases';
import { signUpWithKey } from './scale';
import { startBenchServer } from './server';
import { percentile, sample } from './stats';

export interface Figures {
  p50: number;
  p99: number;
}

export interface OverheadResult {
  database: string;
  iterations: number;
  provider: Figures;
  direct: Figures;
  http: Figures;
  firstToken: { provider: Figures; direct: Figures; http: Figures };
  chat: { http: Figures };
  /** Median time of each pipeline stage of the measured runs (ms). */
  stages: Record<string, number>;
  /** PostgreSQL only: statements of one run while its request is open, and after it (jobs), medians. */
  statements?: { request: number; background: number };
}

const INSTRUCTIONS = 'You are a benchmark agent. Answer briefly.';
const figures = (xs: number[]): Figures => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });

/** Counts the statements every pg client of this process sends (PostgreSQL). */
function statementCounter() {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  let count = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  const restore = () => {
    proto.query = original;
  };
  return { read: () => count, restore };
}

/** Reads an SSE response until the first event whose data matches `first`; returns when that came, then drains. */
async function untilFirst(res: Response, first: (data: string) => boolean): Promise<number> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let seen: number | undefined;
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (seen !== undefined) continue;
    buffer += decoder.decode(value, { stream: true });
    if (buffer.split('\n').some((line) => line.startsWith('data:') && first(line))) seen = performance.now();
  }
  if (seen === undefined) throw new Error('the stream ended without the awaited event');
  return seen;
}

export async function measureOverhead(
  database: DatabaseHandle,
  label: string,
  iterations: number,
): Promise<OverheadResult> {
  const fake = await startFakeLlm({
    defaultReply: () => ({ text: 'ok', usage: { inputTokens: 50, outputTokens: 10 } }),
  });
  const { url, close, trellis } = await startBenchServer(database, {
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: fake.openaiBaseURL,
  });
  const stageTimes: Record<string, number[]> = {};
  let observing = false;
  const stopObserving = trellis.runtime.pipeline?.observe((e) => {
    if (!observing) return;
    stageTimes[e.stage] ??= [];
    stageTimes[e.stage].push(e.ms);
  });
  try {
    const headers = await signUpWithKey(url);
    const agent = { instructions: INSTRUCTIONS, modelProvider: 'openai', modelName: 'gpt-4o-mini', maxTokens: 50 };
    for (const body of [
      { name: 'Bench', slug: 'bench', ...agent, maxSteps: 1 },
      {
        name: 'Chat',
        slug: 'chat',
        ...agent,
        memoryEnabled: true,
        memoryConfig: { lastMessages: 10, workingMemory: { enabled: true } },
      },
    ]) {
      const res = await fetch(`${url}/api/agents`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`agent create failed: ${res.status} ${await res.text()}`);
    }
    const budget = await fetch(`${url}/api/agents/bench/budget`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ monthlyLimitUsd: 100_000, hardLimit: true }),
    });
    if (budget.status !== 200) throw new Error(`budget failed: ${budget.status}`);

    const model = createOpenAI({ apiKey: 'sk-bench', baseURL: fake.openaiBaseURL })('gpt-4o-mini');
    const mastra = new Agent({
      id: 'bench',
      name: 'Bench',
      instructions: INSTRUCTIONS,
      model: model as MastraModelConfig,
    });
    const messages = [{ role: 'user' as const, content: 'hello there' }];
    const providerBody = (stream: boolean) =>
      JSON.stringify({ model: 'gpt-4o-mini', input: [{ role: 'user', content: 'hello there' }], stream });
    const provider = async () => {
      const res = await fetch(`${fake.openaiBaseURL}/responses`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-bench', 'content-type': 'application/json' },
        body: providerBody(false),
      });
      await res.json();
    };
    const direct = () => mastra.generate(messages, { maxSteps: 1, modelSettings: { maxOutputTokens: 50 } });
    const http = async () => {
      const res = await fetch(`${url}/api/agents/bench/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ input: 'hello there' }),
      });
      const body = await res.json();
      if (body.status !== 'COMPLETED') throw new Error(`run failed: ${JSON.stringify(body).slice(0, 300)}`);
    };
    const isTextDelta = (line: string) => line.includes('"text-delta"') || line.includes('output_text.delta');
    const firstProvider = async () => {
      const t0 = performance.now();
      const res = await fetch(`${fake.openaiBaseURL}/responses`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-bench', 'content-type': 'application/json' },
        body: providerBody(true),
      });
      return (await untilFirst(res, isTextDelta)) - t0;
    };
    const firstDirect = async () => {
      const t0 = performance.now();
      const out = await mastra.stream(messages, { maxSteps: 1, modelSettings: { maxOutputTokens: 50 } });
      let seen: number | undefined;
      for await (const _ of out.textStream) seen ??= performance.now();
      return (seen as number) - t0;
    };
    const firstHttp = async () => {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/agents/bench/stream`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ input: 'hello there' }),
      });
      return (await untilFirst(res, isTextDelta)) - t0;
    };
    const threadId = `bench-thread-${Date.now()}`;
    const chatTurn = async () => {
      const res = await fetch(`${url}/api/agents/chat/chat`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ input: 'hello there', threadId }),
      });
      await res.text();
    };
    const timed = async (n: number, f: () => Promise<number>) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await f());
      return out;
    };

    const warm = Math.max(20, Math.round(iterations / 10));
    for (const f of [provider, direct, http, chatTurn]) await sample(warm, f);
    for (const f of [firstProvider, firstDirect, firstHttp]) await timed(warm, f);
    const s: Record<string, number[]> = {};
    const add = (k: string, xs: number[]) => {
      s[k] = [...(s[k] ?? []), ...xs];
    };
    // Interleaved in blocks of 50 so drift (GC, JIT, the other core's load) hits every side alike.
    for (let done = 0; done < iterations; done += 50) {
      const n = Math.min(50, iterations - done);
      add('provider', await sample(n, provider));
      add('direct', await sample(n, direct));
      observing = true;
      add('http', await sample(n, http));
      observing = false;
      add('firstProvider', await timed(n, firstProvider));
      add('firstDirect', await timed(n, firstDirect));
      add('firstHttp', await timed(n, firstHttp));
      add('chat', await sample(n, chatTurn));
    }
    const stages = Object.fromEntries(Object.entries(stageTimes).map(([k, v]) => [k, percentile(v, 50)]));
    let statements: OverheadResult['statements'];
    if (database.kind === 'postgres') {
      const counter = statementCounter();
      const request: number[] = [];
      const background: number[] = [];
      try {
        for (let i = 0; i < 10; i++) {
          await new Promise((r) => setTimeout(r, 1500));
          const c0 = counter.read();
          await http();
          const c1 = counter.read();
          await new Promise((r) => setTimeout(r, 1500));
          request.push(c1 - c0);
          background.push(counter.read() - c1);
        }
      } finally {
        counter.restore();
      }
      statements = { request: percentile(request, 50), background: percentile(background, 50) };
    }
    return {
      database: label,
      iterations,
      provider: figures(s.provider),
      direct: figures(s.direct),
      http: figures(s.http),
      firstToken: {
        provider: figures(s.firstProvider),
        direct: figures(s.firstDirect),
        http: figures(s.firstHttp),
      },
      chat: { http: figures(s.chat) },
      stages,
      statements,
    };
  } finally {
    stopObserving?.();
    await close();
    await fake.close();
  }
}

export const overheadOnPglite = (iterations: number) => onPglite((db) => measureOverhead(db, PGLITE_LABEL, iterations));

export const overheadOnPostgres = (serverUrl: string, iterations: number) =>
  onTempPostgres(serverUrl, (db) => measureOverhead(db, POSTGRES_LABEL, iterations));

const f2 = (v: number) => v.toFixed(2);

/** The BENCHMARKS.md section for the overhead results. */
export function overheadMarkdown(results: OverheadResult[]): string {
  const rows = results.map((r) => {
    const platform = r.http.p50 - r.direct.p50;
    return `| ${r.database} | ${f2(r.provider.p50)} | ${f2(r.direct.p50)} / ${f2(r.direct.p99)} | ${f2(r.http.p50)} / ${f2(r.http.p99)} | **${f2(platform)}** | ${f2(r.http.p50 - r.provider.p50)} | ${f2(r.http.p99 / r.http.p50)}× |`;
  });
  const first = results.map(
    (r) =>
      `| ${r.database} | ${f2(r.firstToken.provider.p50)} | ${f2(r.firstToken.direct.p50)} | ${f2(r.firstToken.http.p50)} | **${f2(r.firstToken.http.p50 - r.firstToken.direct.p50)}** | ${f2(r.chat.http.p50)} | **${f2(r.chat.http.p50 - r.provider.p50)}** |`,
  );
  const stageNames = [...new Set(results.flatMap((r) => Object.keys(r.stages)))];
  const stageRows = stageNames.map(
    (stage) =>
      `| ${stage} | ${results.map((r) => (r.stages[stage] === undefined ? '—' : f2(r.stages[stage]))).join(' | ')} |`,
  );
  const sql = results.filter((r) => r.statements);
  return `## What a run costs on top of the model: \`POST /api/agents/:id/runs\`

A zero-latency fake OpenAI server on loopback (Responses API) and an agent on \`openai/gpt-4o-mini\` with a hard
monthly budget (a reservation on every run), trace and cost recording on; API key; one client at a time;
${results[0]?.iterations ?? 0} runs per side after a warm-up, the sides interleaved in blocks of 50, all in one process
(server, fake provider and clients). **Platform** = the run through Trellis − the same Mastra \`Agent\` called directly
(\`agent.generate\`); **end to end** = the run through Trellis − the provider alone (one raw HTTP call to the fake).
Medians in ms (p50 / p99 where given).

| database | provider alone | direct agent.generate | POST …/runs | platform | end to end | p99 / p50 |
|---|---|---|---|---|---|---|
${rows.join('\n')}

**Streaming and chat.** First token: time until the first text delta — of the raw provider stream, of Mastra's own
\`agent.stream\`, and of \`POST …/stream\` through Trellis (an SSE UI message stream). Chat: a whole \`POST …/chat\`
turn on one thread of an agent with memory (last 10 messages, working memory on), over the provider alone.

| database | provider first token | Mastra first token | Trellis first token | over Mastra | chat turn | chat over provider |
|---|---|---|---|---|---|---|
${first.join('\n')}

**Where a run's time goes**: median of each pipeline stage (runs/pipeline.ts) over the measured runs. \`execute\`
is Mastra and the provider; the rest is Trellis inside the handler (authentication, routing, validation and JSON
are outside the stages).

| stage | ${results.map((r) => r.database).join(' | ')} |
|---|${results.map(() => '---').join('|')}|
${stageRows.join('\n')}
${sql.map((r) => `\nSQL statements of one run (${r.database}, median of 10 runs, counted at the driver): ${r.statements?.request} while its request is open, ${r.statements?.background} after it (the run-completed job and the job queue's own statements).\n`).join('')}`;
}
