// What the local guardrail tier adds to a run. In process: one run's input and output checks (and the streamed answer
// through the hold-back writer) under the default organization policy and under every check on, for a typical run
// (a 400-character question, a 1,200-character answer). Over HTTP: POST …/runs on the embedded database with
// guardrails off against the same run with every check on, interleaved in blocks. And the false-positive rate of the
// strictest policy over the benign set (benign-set.ts).

import { startFakeLlm } from '@trellis/testkit';
import type { UIMessageStreamWriter } from 'ai';
import { benignSet } from '../packages/core/src/guardrails/benign-set';
import { compilePolicy } from '../packages/core/src/guardrails/checks';
import { guardedWriter } from '../packages/core/src/guardrails/guarded-writer';
import {
  defaultOrganizationPolicy,
  effectivePolicy,
  type GuardrailConfig,
} from '../packages/core/src/guardrails/policy';
import { RunGuard } from '../packages/core/src/guardrails/run-guard';
import { onPglite } from './databases';
import { signUpWithKey } from './scale';
import { startBenchServer } from './server';
import { ms, percentile } from './stats';

const QUESTION =
  'I am planning a week in Lisbon in late March with my partner. We like food markets, tiled churches and ' +
  'walking rather than taxis. Could you suggest a day-by-day plan that avoids the steepest hills where possible, ' +
  'with one day trip to Sintra, and tell me which museums close on Mondays? Our budget is moderate and we ' +
  'arrive on a Saturday afternoon, leaving the following Saturday morning. Thank you for your help!';
const ANSWER = Array.from(
  { length: 8 },
  (_, i) =>
    `Day ${i + 1}: start at the Mercado da Ribeira before the crowds, then walk along the river to the tiled ` +
    'chapels of Alfama; take tram 28 up the hill instead of climbing. ',
).join('');

/** Every check on (redact where it applies), with two blocked patterns: the heaviest policy a run can have. */
export const everyCheck: GuardrailConfig = {
  input: {
    pii: 'redact',
    injection: 'flag',
    maxLength: 100_000,
    blockedPatterns: [
      { pattern: 'project falcon', regex: false, caseSensitive: false, action: 'block' },
      { pattern: 'acct-\\d{6}', regex: true, caseSensitive: false, action: 'redact' },
    ],
  },
  output: {
    pii: 'redact',
    secrets: 'redact',
    toxicity: 'redact',
    maxLength: 100_000,
    blockedPatterns: [{ pattern: 'internal use only', regex: false, caseSensitive: false, action: 'block' }],
  },
  execution: { maxToolCalls: 20, maxDurationMs: 60_000 },
};

export interface GuardrailBench {
  inProcess: { policy: string; entry: string; p50: number; p95: number }[];
  http: { off: { p50: number; p95: number }; on: { p50: number; p95: number }; runs: number } | null;
  benign: { total: number; acted: number };
}

const compiled = (config: GuardrailConfig) =>
  compilePolicy(effectivePolicy(config, null), { organization: 1, agent: null });

/** One run's guard work: input, then output as one text or as a stream of word-sized chunks. */
function guardRun(policy: ReturnType<typeof compiled>, streamed: boolean) {
  const guard = new RunGuard(policy);
  guard.input([{ role: 'user', content: QUESTION }]);
  if (!streamed) return guard.output([ANSWER], { steps: [], calls: [] });
  const sink = { write: () => {}, merge: () => {}, onError: undefined } as unknown as UIMessageStreamWriter;
  const { writer, parts } = guardedWriter(guard, sink, new AbortController());
  writer.write({ type: 'text-start', id: 't' });
  for (const delta of ANSWER.match(/\s*\S+/g) ?? []) writer.write({ type: 'text-delta', id: 't', delta });
  writer.write({ type: 'text-end', id: 't' });
  return guard.output(parts, { steps: [], calls: [] });
}

function inProcess(iterations: number) {
  const rows: GuardrailBench['inProcess'] = [];
  for (const [name, config] of [
    ['default organization policy', defaultOrganizationPolicy],
    ['every check on', everyCheck],
  ] as const) {
    const policy = compiled(config);
    for (const streamed of [false, true]) {
      for (let i = 0; i < 200; i++) guardRun(policy, streamed); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t0 = performance.now();
        guardRun(policy, streamed);
        samples.push(performance.now() - t0);
      }
      rows.push({
        policy: name,
        entry: streamed ? 'stream (word chunks)' : 'run',
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
      });
    }
  }
  return rows;
}

async function overHttp(runs: number): Promise<GuardrailBench['http']> {
  const fake = await startFakeLlm({
    defaultReply: () => ({ text: ANSWER, usage: { inputTokens: 90, outputTokens: 280 } }),
  });
  try {
    return await onPglite(async (database) => {
      const server = await startBenchServer(database, {
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: fake.openaiBaseURL,
      });
      try {
        const headers = await signUpWithKey(server.url);
        const call = (method: string, path: string, body: unknown) =>
          fetch(server.url + path, { method, headers, body: JSON.stringify(body) });
        const agent = await (
          await call('POST', '/api/agents', {
            name: 'Guarded bench',
            instructions: 'Answer.',
            modelProvider: 'openai',
            modelName: 'gpt-4o-mini',
          })
        ).json();
        const setPolicy = async (configJson: GuardrailConfig) => {
          const res = await call('PUT', '/api/guardrails', { configJson });
          if (res.status !== 200) throw new Error(`policy: ${res.status} ${await res.text()}`);
        };
        const timeRuns = async (n: number) => {
          const out: number[] = [];
          for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            const res = await call('POST', `/api/agents/${agent.id}/runs`, { input: QUESTION });
            if (res.status !== 201) throw new Error(`run: ${res.status}`);
            await res.arrayBuffer();
            out.push(performance.now() - t0);
          }
          return out;
        };
        const off: number[] = [];
        const on: number[] = [];
        await setPolicy({});
        await timeRuns(30); // warm-up
        const block = 25;
        for (let done = 0; done < runs; done += block) {
          await setPolicy({});
          off.push(...(await timeRuns(block)));
          await setPolicy(everyCheck);
          on.push(...(await timeRuns(block)));
        }
        const f = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
        return { off: f(off), on: f(on), runs: off.length };
      } finally {
        await server.close();
      }
    });
  } finally {
    await fake.close();
  }
}

function benignRate(): GuardrailBench['benign'] {
  const policy = compiled({
    input: { pii: 'block', injection: 'block' },
    output: { pii: 'block', secrets: 'block', toxicity: 'block' },
  });
  const acted = benignSet.filter((text) => {
    const guard = new RunGuard(policy);
    guard.input([{ role: 'user', content: text }]);
    guard.output([text], { steps: [], calls: [] });
    return guard.events().length > 0;
  }).length;
  return { total: benignSet.length, acted };
}

export async function measureGuardrails(iterations: number, httpRuns: number): Promise<GuardrailBench> {
  return {
    inProcess: inProcess(iterations),
    http: httpRuns > 0 ? await overHttp(httpRuns) : null,
    benign: benignRate(),
  };
}

export function guardrailsMarkdown(b: GuardrailBench): string {
  const rows = b.inProcess.map((r) => `| ${r.policy} | ${r.entry} | ${ms(r.p50)} | ${ms(r.p95)} |`).join('\n');
  const http = b.http
    ? `
Over HTTP (embedded database, ${b.http.runs} runs per side, interleaved in blocks of 25; the fake provider answers the
same 1,200 characters at once): guardrails off ${ms(b.http.off.p50)} p50 / ${ms(b.http.off.p95)} p95; every check on
${ms(b.http.on.p50)} / ${ms(b.http.on.p95)} — **added ${ms(b.http.on.p50 - b.http.off.p50)} p50, ${ms(b.http.on.p95 - b.http.off.p95)} p95**
(the difference of two noisy distributions: the in-process figures above are the tier's own cost).
`
    : '';
  return `## Guardrails: the local rule tier

What the always-on rule tier adds to one run: its input checks (a 400-character question) and output checks (a
1,200-character answer, as one text or streamed in word-sized chunks through the hold-back writer), in process,
guardrails off being 0. Target: ≤ 0.5 ms p50 and ≤ 2 ms p95 added per run.

| policy | entry | p50 | p95 |
|---|---|---|---|
${rows}
${http}
False positives of the strictest policy (every check on, blocking) over the benign set — messages that use the trigger
words, numbers shaped like cards and phones, key-like strings, words containing rude ones: **${b.benign.acted} of
${b.benign.total} (${((100 * b.benign.acted) / b.benign.total).toFixed(1)} %)** acted on. Target ≤ 1 %.
`;
}
