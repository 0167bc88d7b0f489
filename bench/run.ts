// `npm run bench`: runs every benchmark and writes BENCHMARKS.md with the figures and their conditions.
// BENCH_ITERATIONS (default 500) sets the runs per side, BENCH_JOBS (default 1000) the run-completed jobs,
// BENCH_SCALE_RUNS (default 1,000,000) the synthetic runs of the read benchmark, BENCH_SOAK_MINUTES (default 10; 0
// skips it) the length of the soak per database, BENCH_GUARD_ITERATIONS (default 2000) the in-process guardrail runs,
// BENCH_KB_CHUNKS (default 100,000) the chunks of the knowledge-search benchmark;
// PostgreSQL is measured when BENCH_DATABASE_URL or the local server at 127.0.0.1:5432 is reachable.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { onTempPostgres } from './databases';
import { guardrailsMarkdown, measureGuardrails } from './guardrails';
import { integrationsMarkdown, measureIntegrations } from './integrations';
import { type JobsResult, jobsMarkdown, jobsOnPglite, jobsOnPostgres } from './jobs';
import { learningMarkdown, measureLearning } from './learning';
import { type OverheadResult, overheadMarkdown, overheadOnPglite, overheadOnPostgres } from './run-overhead';
import { readsAtScale, scaleMarkdown, throughput } from './scale';
import { measureSoak, type SoakResult, soakMarkdown } from './soak';
import { ensureBuilds, measureStartup } from './startup';
import { ms } from './stats';
import { measureUi, uiMarkdown } from './ui';

process.env.MASTRA_TELEMETRY_DISABLED = '1';
const iterations = Number(process.env.BENCH_ITERATIONS ?? 500);
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(url: string) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const overhead: OverheadResult[] = [];
console.log(`run overhead, ${iterations} runs per side…`);
overhead.push(await overheadOnPglite(iterations));
if (await postgresReachable(pgUrl)) overhead.push(await overheadOnPostgres(pgUrl, iterations));
const jobCount = Number(process.env.BENCH_JOBS ?? 1000);
console.log(`job throughput, ${jobCount} run-completed jobs…`);
const jobs: JobsResult[] = [await jobsOnPglite(jobCount)];
if (await postgresReachable(pgUrl)) jobs.push(await jobsOnPostgres(pgUrl, jobCount));
const scaleRuns = Number(process.env.BENCH_SCALE_RUNS ?? 1_000_000);
const pgUp = await postgresReachable(pgUrl);
console.log(`reads at scale (${scaleRuns} runs) and sustained throughput…`);
const reads = pgUp ? await onTempPostgres(pgUrl, (db) => readsAtScale(db, scaleRuns)) : null;
const loads = [];
if (pgUp) for (const clients of [8, 50]) loads.push(await onTempPostgres(pgUrl, (db) => throughput(db, clients, 15)));
console.log('startup…');
const startup = await measureStartup(3, (await postgresReachable(pgUrl)) ? pgUrl : undefined);
const soakMinutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
let soaks: SoakResult[] = [];
if (soakMinutes > 0) {
  console.log(`soak, ${soakMinutes} minutes per database…`);
  ensureBuilds();
  const dir = mkdtempSync(join(tmpdir(), 'trellis-soak-'));
  try {
    soaks = await measureSoak(soakMinutes, dir, (await postgresReachable(pgUrl)) ? pgUrl : undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('guardrails…');
const guardrails = await measureGuardrails(
  Number(process.env.BENCH_GUARD_ITERATIONS ?? 2000),
  Math.min(iterations, 300),
);
console.log('continuous learning…');
const learning = await measureLearning(2000, Math.min(iterations, 300));
console.log('integrations…');
const integrations = await measureIntegrations();
console.log('workspace UI…');
const ui = await measureUi();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const md = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB.
Figures vary with the machine; the ratios against a baseline measured in the same run are what to compare.

${overheadMarkdown(overhead)}
${guardrailsMarkdown(guardrails)}
${learningMarkdown(learning)}
${integrationsMarkdown(integrations)}
## Time from start to ready

\`npm start\` (its build checks, then \`node apps/server/dist/main.js\`; the builds are current) until it prints its
ready line and \`/api/health\` answers 200. First start: empty data directory (loads the build's embedded database
template, generates the auth secret). Restart: same directory, or the same PostgreSQL database. Idle RSS: the
server process 3 s after a restart was ready. ${startup.samples} samples each.

| | median | samples |
|---|---|---|
| first start, embedded | ${ms(median(startup.first))} | ${startup.first.map((v) => v.toFixed(0)).join(', ')} ms |
| restart, embedded | ${ms(median(startup.restart))} | ${startup.restart.map((v) => v.toFixed(0)).join(', ')} ms |
| idle RSS, embedded | ${median(startup.rssEmbedded).toFixed(0)} MB | ${startup.rssEmbedded.map((v) => v.toFixed(0)).join(', ')} MB |
${
  startup.restartPostgres.length
    ? `| restart, PostgreSQL | ${ms(median(startup.restartPostgres))} | ${startup.restartPostgres.map((v) => v.toFixed(0)).join(', ')} ms |
| idle RSS, PostgreSQL | ${median(startup.rssPostgres).toFixed(0)} MB | ${startup.rssPostgres.map((v) => v.toFixed(0)).join(', ')} MB |
`
    : ''
}
${soaks.length ? soakMarkdown(soaks) : ''}
${jobsMarkdown(jobs)}
${scaleMarkdown(reads, loads)}
${uiMarkdown(ui)}
${readFileSync(new URL('./history.md', import.meta.url), 'utf8')}`;
writeFileSync('BENCHMARKS.md', md);
console.log(md);
process.exit(0);
