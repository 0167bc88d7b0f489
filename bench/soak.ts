// A bounded soak: the built server (`npm start`) under a steady stream of runs and chat turns for a few minutes, its
// resident memory sampled every 15 s — once warm it should stay flat (within ±10 %). Embedded and, given PostgreSQL,
// on a throwaway database; the provider is the zero-latency fake OpenAI in this process, four clients at a time.
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeLlm } from '@trellis/testkit';
import { onTempPostgres } from './databases';
import { signUpWithKey } from './scale';
import { startServer } from './startup';

export interface SoakResult {
  database: string;
  minutes: number;
  runs: number;
  chatTurns: number;
  failures: number;
  /** RSS (MB) one minute in, at the end, and the highest sample. */
  warmMB: number;
  endMB: number;
  maxMB: number;
}

const CLIENTS = 4;
const SAMPLE_MS = 15_000;

async function soakServer(database: string, env: Record<string, string>, port: number, minutes: number) {
  const fake = await startFakeLlm({
    defaultReply: () => ({ text: 'ok', usage: { inputTokens: 50, outputTokens: 10 } }),
  });
  const server = await startServer(
    {
      ...env,
      OPENAI_API_KEY: 'sk-soak',
      OPENAI_BASE_URL: fake.openaiBaseURL,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_API_KEY_PER_MINUTE: '0',
      RATE_LIMIT_IP_PER_MINUTE: '0',
    },
    port,
  );
  try {
    const headers = await signUpWithKey(server.url);
    const post = (path: string, body: unknown, method = 'POST') =>
      fetch(`${server.url}${path}`, { method, headers, body: JSON.stringify(body) });
    const agent = { instructions: 'Answer briefly.', modelProvider: 'openai', modelName: 'gpt-4o-mini', maxTokens: 50 };
    await post('/api/agents', { name: 'Soak', slug: 'soak', ...agent, maxSteps: 1 });
    await post('/api/agents', {
      name: 'Soak chat',
      slug: 'soak-chat',
      ...agent,
      memoryEnabled: true,
      memoryConfig: { lastMessages: 10, workingMemory: { enabled: true } },
    });
    await post('/api/agents/soak/budget', { monthlyLimitUsd: 100_000, hardLimit: true }, 'PUT');

    const counts = { runs: 0, chatTurns: 0, failures: 0 };
    const deadline = Date.now() + minutes * 60_000;
    const client = async (n: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const chat = i % 2 === 1;
        const res = chat
          ? await post('/api/agents/soak-chat/chat', { input: `turn ${i}`, threadId: `soak-${n}-${i % 20}` })
          : await post('/api/agents/soak/runs', { input: `run ${i}` });
        await res.text();
        if (!res.ok) counts.failures++;
        else if (chat) counts.chatTurns++;
        else counts.runs++;
      }
    };
    const samples: number[] = [];
    const sampler = (async () => {
      while (Date.now() < deadline) {
        await sleep(SAMPLE_MS);
        samples.push(server.rssMB());
      }
    })();
    await Promise.all([...Array.from({ length: CLIENTS }, (_, n) => client(n)), sampler]);
    const warm = samples[Math.min(samples.length - 1, Math.round(60_000 / SAMPLE_MS) - 1)];
    return {
      database,
      minutes,
      ...counts,
      warmMB: warm,
      endMB: samples[samples.length - 1],
      maxMB: Math.max(...samples),
    } satisfies SoakResult;
  } finally {
    await server.stop();
    await fake.close();
  }
}

export async function measureSoak(minutes: number, dataDir: string, postgresUrl?: string): Promise<SoakResult[]> {
  const results = [await soakServer('embedded PGlite', { DATA_DIR: dataDir }, 39400, minutes)];
  if (postgresUrl) {
    await onTempPostgres(postgresUrl, async (database) => {
      const env = { DATABASE_URL: database.url ?? '', BETTER_AUTH_SECRET: 'bench-soak-secret-bench-soak-secret-0001' };
      results.push(await soakServer('PostgreSQL', env, 39401, minutes));
    });
  }
  return results;
}

export function soakMarkdown(results: SoakResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.database} | ${r.minutes} min | ${r.runs} / ${r.chatTurns} | ${r.failures} | ${r.warmMB.toFixed(0)} MB | ${r.endMB.toFixed(0)} MB | ${r.maxMB.toFixed(0)} MB | ${((r.endMB / r.warmMB - 1) * 100).toFixed(1)} % |`,
  );
  return `## Memory under a steady load (soak)

\`npm start\` under ${CLIENTS} clients sending runs (hard budget) and chat turns (memory, 20 threads per client) back to
back against the zero-latency fake provider; the server's RSS sampled every ${SAMPLE_MS / 1000} s. Flat means the end within
±10 % of the level one minute in.

| database | length | runs / chat turns | failures | RSS at 1 min | at the end | highest | end vs 1 min |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
