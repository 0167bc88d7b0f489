// Time from `npm start` (the same node command) to the ready line and a healthy /api/health: first start on an
// empty data directory (creates and migrates the database) and a restart on the same directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function startOnce(dataDir: string, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('Trellis ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (health.status !== 200) throw new Error(`health ${health.status}`);
    return performance.now() - t0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function measureStartup(samples: number) {
  const first: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < samples; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-start-'));
    try {
      first.push(await startOnce(dir, 39100 + i));
      restart.push(await startOnce(dir, 39200 + i));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { samples, first, restart };
}
