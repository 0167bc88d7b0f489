// `trellis worker` as its own process: on PostgreSQL it works the jobs a web process with TRELLIS_WORKER=off only
// sends (a run's cost event appears) and stops on SIGTERM; on the embedded database it refuses to start.
import { costEvent } from '@trellis/db';
import { eq } from 'drizzle-orm';
import { describe, expect, inject, it, vi } from 'vitest';
import { type Child, exited, spawnTrellis, startTrellis } from './child-process';
import { startHarness } from './harness';

const onPostgres = inject('testDbTemplate').kind === 'postgres';
const worker = ['apps/server/src/cli.ts', 'worker'];

describe('trellis worker', () => {
  it('refuses the embedded database with a clear message', async () => {
    const child = spawnTrellis(worker, { DATABASE_URL: '', DATA_DIR: '/nonexistent/trellis-worker-test' });
    expect(await exited(child.proc)).toBe(2);
    expect(child.output()).toMatch(/needs PostgreSQL \(set DATABASE_URL\)/);
  });

  it.runIf(onPostgres)('works the jobs a web process with TRELLIS_WORKER=off sends', { timeout: 120_000 }, async () => {
    const h = await startHarness({ TRELLIS_WORKER: 'off' });
    let child: Child | undefined;
    try {
      const env = {
        DATABASE_URL: h.trellis.database.url as string,
        BETTER_AUTH_SECRET: 'worker-test-secret-worker-test-secret-12',
        LOG_LEVEL: 'warn',
      };
      child = await startTrellis(worker, env, 'worker ready');
      const alice = await h.signUp();
      await alice.put('/api/agents/assistant', { modelProvider: 'demo', modelName: 'demo-1' });
      const run = (await alice.post('/api/agents/assistant/runs', { input: 'what is 2+2' })).body;
      await vi.waitFor(
        async () => {
          const events = await h.trellis.database.db.select().from(costEvent).where(eq(costEvent.runId, run.id));
          expect(events).toHaveLength(1);
        },
        { timeout: 30_000, interval: 100 },
      );
      child.proc.kill('SIGTERM');
      expect(await exited(child.proc)).toBe(0);
      expect(child.output()).toContain('stopping the worker');
    } finally {
      if (child?.proc.exitCode === null) child.proc.kill('SIGKILL');
      await h.close();
    }
  });
});
