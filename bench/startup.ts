// Time from `npm start` to the ready line and a healthy /api/health — first start on an empty data directory
// (creates and migrates the database) and restarts on the same directory — and the server's RSS 3 s after ready,
// embedded and, given a PostgreSQL server, on a throwaway database. The builds are brought up to date first, so the
// samples time starting, not building.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onTempPostgres } from './databases';

interface Started {
  ms: number;
  /** RSS of the server process 3 s after it was ready, MB. */
  rssMB: number;
}

/** The server process (`node … apps/server/dist/main.js`) in `npm start`'s process group (Linux /proc). */
function serverPid(group: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (pgrp === group && argv.some((a) => a.endsWith('apps/server/dist/main.js'))) return Number(entry);
    } catch {}
  }
  return undefined;
}

const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

/** SIGTERM to the whole group; resolves once npm and the server (which may outlive npm) have exited. */
async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const server = child.pid ? serverPid(child.pid) : undefined;
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  await exited;
  while (server && existsSync(`/proc/${server}`)) await sleep(20);
}

/** `npm start` in its own process group (so stopping it reaches the server under npm); resolves once it is ready and
 * healthy, with how long that took. */
export async function startServer(env: Record<string, string>, port: number) {
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('Trellis ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const health = await fetch(`${url}/api/health`);
    if (health.status !== 200) throw new Error(`health ${health.status}`);
    const ms = performance.now() - t0;
    const pid = child.pid ? serverPid(child.pid) : undefined;
    return { url, ms, rssMB: () => (pid ? rssMB(pid) : Number.NaN), stop: () => stop(child) };
  } catch (e) {
    await stop(child);
    throw e;
  }
}

async function startOnce(env: Record<string, string>, port: number): Promise<Started> {
  const server = await startServer(env, port);
  try {
    await sleep(3000);
    return { ms: server.ms, rssMB: server.rssMB() };
  } finally {
    await server.stop();
  }
}

/** Brings the workspace UI and server builds up to date, so what is timed is starting, not building. */
export function ensureBuilds() {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { stdio: 'inherit' });
}

export async function measureStartup(samples: number, postgresUrl?: string) {
  ensureBuilds();
  const first: number[] = [];
  const restart: number[] = [];
  const rssEmbedded: number[] = [];
  for (let i = 0; i < samples; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-start-'));
    try {
      first.push((await startOnce({ DATA_DIR: dir }, 39100 + i)).ms);
      const again = await startOnce({ DATA_DIR: dir }, 39200 + i);
      restart.push(again.ms);
      rssEmbedded.push(again.rssMB);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const restartPostgres: number[] = [];
  const rssPostgres: number[] = [];
  if (postgresUrl) {
    await onTempPostgres(postgresUrl, async (database) => {
      const env = { DATABASE_URL: database.url ?? '', BETTER_AUTH_SECRET: 'bench-startup-secret-bench-startup-secret' };
      await startOnce(env, 39299); // creates pg-boss's schema: the samples are restarts
      for (let i = 0; i < samples; i++) {
        const started = await startOnce(env, 39300 + i);
        restartPostgres.push(started.ms);
        rssPostgres.push(started.rssMB);
      }
    });
  }
  return { samples, first, restart, rssEmbedded, restartPostgres, rssPostgres };
}
