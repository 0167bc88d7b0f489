// Job throughput: finished runs recorded through the run-completed job (pg-boss send → worker → cost event, rollups
// and the budget-check job it sends) against calling the same handler in a loop in one process (the baseline).

import { createRuntime, jobLog, loadConfig, recordRunCost, startJobSystem, systemContext } from '@trellis/core';
import { agent, agentRun, costEvent, type DatabaseHandle, organization } from '@trellis/db';
import { eq, sql } from 'drizzle-orm';
import { onPglite, onTempPostgres, PGLITE_LABEL, POSTGRES_LABEL } from './databases';

export interface JobsResult {
  database: string;
  jobs: number;
  /** Handler called directly, one run after another. */
  directPerSecond: number;
  /** send() of every job, from the first to the last. */
  sendPerSecond: number;
  /** From the first send until every cost event exists. */
  endToEndPerSecond: number;
  concurrency: number;
}

async function seedRuns(database: DatabaseHandle, n: number) {
  const tenantId = crypto.randomUUID();
  await database.db.insert(organization).values({ id: tenantId, name: 'Bench', slug: `bench-${tenantId}` });
  const [a] = await database.db
    .insert(agent)
    .values({ tenantId, slug: 'bench', name: 'Bench', instructions: 'x', modelProvider: 'openai', modelName: 'gpt-4o' })
    .returning();
  const rows = Array.from({ length: n }, (_, i) => ({
    tenantId,
    agentId: a.id,
    agentSlug: 'bench',
    status: 'COMPLETED' as const,
    modelProvider: 'openai',
    modelName: 'gpt-4o',
    promptTokens: 1000 + i,
    completionTokens: 100,
    totalTokens: 1100 + i,
    costUsd: 0.0035,
    durationMs: 200 + (i % 50),
  }));
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await database.db
      .insert(agentRun)
      .values(rows.slice(i, i + 500))
      .returning({ id: agentRun.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return { tenantId, ids };
}

export async function measureJobs(database: DatabaseHandle, label: string, n: number): Promise<JobsResult> {
  const config = loadConfig({ LOG_LEVEL: 'silent', TRELLIS_RUN_LEASE_SECONDS: '3600' });
  const runtime = createRuntime(config);
  const jobs = await startJobSystem({ database, runtime, worker: 'inline', leaseSeconds: 3600, log: jobLog('silent') });
  try {
    const direct = await seedRuns(database, n);
    const t0 = performance.now();
    for (const id of direct.ids) await recordRunCost(systemContext(database.db, runtime, direct.tenantId), id);
    const directMs = performance.now() - t0;

    const queued = await seedRuns(database, n);
    const t1 = performance.now();
    for (const runId of queued.ids) await jobs.queue.send('run-completed', { runId, tenantId: queued.tenantId });
    const sendMs = performance.now() - t1;
    for (;;) {
      const [{ done }] = await database.db
        .select({ done: sql<number>`count(*)::int` })
        .from(costEvent)
        .where(eq(costEvent.tenantId, queued.tenantId));
      if (done >= n) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const endMs = performance.now() - t1;
    return {
      database: label,
      jobs: n,
      directPerSecond: (n / directMs) * 1000,
      sendPerSecond: (n / sendMs) * 1000,
      endToEndPerSecond: (n / endMs) * 1000,
      concurrency: database.kind === 'pglite' ? 1 : 4,
    };
  } finally {
    await jobs.stop();
  }
}

export const jobsOnPglite = (n: number) => onPglite((db) => measureJobs(db, PGLITE_LABEL, n));

export const jobsOnPostgres = (serverUrl: string, n: number) =>
  onTempPostgres(serverUrl, (db) => measureJobs(db, POSTGRES_LABEL, n));

const perSecond = (v: number) => `${v.toFixed(0)}/s`;

export function jobsMarkdown(results: JobsResult[]) {
  const row = (r: JobsResult) =>
    `| ${r.database} | ${r.jobs} | ${perSecond(r.directPerSecond)} | ${perSecond(r.sendPerSecond)} | ${perSecond(r.endToEndPerSecond)} (×${(r.endToEndPerSecond / r.directPerSecond).toFixed(2)}) | ${r.concurrency} |`;
  return `## Job throughput: run-completed

Finished runs (inserted directly) recorded by the run-completed job: cost event, five daily rollups incremented,
the run's budgets checked, and the agent-day's ratios and percentiles refreshed by a debounced job (at most once per
5 s). Baseline: the cost-recording service called in a loop in this process, no queue, no budget check. End to end:
from the first \`send\` until every cost event exists, pg-boss in-process — one worker per queue fetching batches of
up to 10 back to back and handling a batch's jobs that many at a time, LISTEN/NOTIFY on. All runs belong to one
agent and day.

| database | jobs | direct (baseline) | send | end to end (ratio) | jobs handled at once |
|---|---|---|---|---|---|
${results.map(row).join('\n')}
`;
}
