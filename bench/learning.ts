// What continuous learning costs. In process: one look of the experiment checker's statistics (the mSPRT interval,
// win rate and three guard metrics) over an experiment's runs, at the spec's 200 runs and at 10,000. Over HTTP on the
// embedded database: POST …/runs of one agent while its shadow experiment is paused (no routing) against the same
// while it runs (half the traffic routed to the candidate version, which is resolved from its saved snapshot),
// interleaved in blocks.

import { startFakeLlm } from '@trellis/testkit';
import { decide, experimentStats } from '../packages/core/src/learning/statistics';
import { onPglite } from './databases';
import { signUpWithKey } from './scale';
import { startBenchServer } from './server';
import { ms, percentile } from './stats';

export interface LearningBench {
  looks: { runs: number; p50: number; p95: number }[];
  http: { paused: { p50: number; p95: number }; running: { p50: number; p95: number }; runs: number } | null;
}

/** An arm of `n` runs with outcomes and costs spread like real ones (deterministic). */
function arm(n: number, shift: number) {
  const at = (i: number, k: number) => ((i * 7919 + k * 104729) % 1000) / 1000;
  return {
    outcomes: Array.from({ length: n }, (_, i) => (at(i, 1) < 0.1 ? 0 : Math.min(1, 0.5 + shift + at(i, 2) * 0.4))),
    costUsd: Array.from({ length: n }, (_, i) => 0.001 + at(i, 3) * 0.0005),
    latencyMs: Array.from({ length: n }, (_, i) => 800 + at(i, 4) * 400),
    blocked: Array.from({ length: n }, (_, i) => (at(i, 5) < 0.01 ? 1 : 0)),
  };
}

function looks(iterations: number) {
  const rule = { minRunsPerGroup: 20, maxRunsPerExperiment: 1_000_000, minRunsForWin: 0, timedOut: false };
  return [200, 10_000].map((runs) => {
    const b = arm(Math.round(runs * 0.9), 0);
    const c = arm(runs - b.outcomes.length, 0.05);
    const samples: number[] = [];
    for (let i = 0; i < iterations + 50; i++) {
      const t0 = performance.now();
      decide(experimentStats(b, c), rule, runs);
      if (i >= 50) samples.push(performance.now() - t0);
    }
    return { runs, p50: percentile(samples, 50), p95: percentile(samples, 95) };
  });
}

async function overHttp(runs: number): Promise<LearningBench['http']> {
  const fake = await startFakeLlm({
    defaultReply: () => ({ text: 'An answer.', usage: { inputTokens: 60, outputTokens: 20 } }),
  });
  try {
    return await onPglite(async (database) => {
      const server = await startBenchServer(database, {
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: fake.openaiBaseURL,
      });
      try {
        const headers = await signUpWithKey(server.url);
        const call = async (method: string, path: string, body?: unknown) => {
          const res = await fetch(server.url + path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
          return res.json();
        };
        const agent = await call('POST', '/api/agents', {
          name: 'Learning bench',
          instructions: 'Answer.',
          modelProvider: 'openai',
          modelName: 'gpt-4o-mini',
        });
        const path = `/api/agents/${agent.id}`;
        // An experiment that never concludes during the bench, half the traffic to the candidate.
        await call('POST', `${path}/learning/policy`, {
          candidateSplit: 0.5,
          minRunsPerGroup: 100_000,
          maxRunsPerExperiment: 1_000_000,
        });
        for (let i = 0; i < 3; i++) {
          const run = await call('POST', `${path}/runs`, { input: `question ${i}` });
          await call('POST', `${path}/runs/${run.id}/feedback`, { thumbs: 'down' });
        }
        await call('POST', `${path}/learning/sessions`);
        for (let i = 0; ; i++) {
          const { experiments } = await call('GET', `${path}/learning/experiments`);
          if (experiments[0]?.status === 'RUNNING') break;
          if (i > 300) throw new Error('the experiment did not start');
          await new Promise((r) => setTimeout(r, 100));
        }
        let thread = 0;
        const timeRuns = async (n: number) => {
          const out: number[] = [];
          for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            await call('POST', `${path}/runs`, { input: 'Which line goes to the castle?', threadId: `t${thread++}` });
            out.push(performance.now() - t0);
          }
          return out;
        };
        const pause = (paused: boolean) => call('POST', `${path}/learning/pause`, { paused });
        await timeRuns(30); // warm-up
        const paused: number[] = [];
        const running: number[] = [];
        for (let done = 0; done < runs; done += 25) {
          await pause(true);
          paused.push(...(await timeRuns(25)));
          await pause(false);
          running.push(...(await timeRuns(25)));
        }
        const f = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
        return { paused: f(paused), running: f(running), runs: paused.length };
      } finally {
        await server.close();
      }
    });
  } finally {
    await fake.close();
  }
}

export async function measureLearning(iterations: number, httpRuns: number): Promise<LearningBench> {
  return { looks: looks(iterations), http: httpRuns > 0 ? await overHttp(httpRuns) : null };
}

export function learningMarkdown(r: LearningBench): string {
  const rows = r.looks.map((l) => `| ${l.runs.toLocaleString('en')} runs | ${ms(l.p50)} | ${ms(l.p95)} |`).join('\n');
  const http = r.http
    ? `
Over HTTP, embedded database, fake OpenAI model, ${r.http.runs} runs per side interleaved in blocks of 25, each run in
its own conversation:

| experiment | p50 | p95 |
|---|---|---|
| paused (no routing) | ${ms(r.http.paused.p50)} | ${ms(r.http.paused.p95)} |
| running, 50 % to the candidate | ${ms(r.http.running.p50)} | ${ms(r.http.running.p95)} |
| difference | ${ms(r.http.running.p50 - r.http.paused.p50)} | ${ms(r.http.running.p95 - r.http.paused.p95)} |
`
    : '';
  return `## Continuous learning

One look of the experiment checker's decision (the mSPRT interval, win rate, three guard metrics and the stopping
rule) over an experiment's finished runs, 90 % baseline, in process:

| experiment size | p50 | p95 |
|---|---|---|
${rows}
${http}`;
}
