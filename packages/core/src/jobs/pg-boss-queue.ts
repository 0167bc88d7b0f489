// The JobQueue on pg-boss, in the application's own database (schema `pgboss`): PostgreSQL through pg-boss's own
// pool, embedded PGlite through pg-boss's PGlite adapter. Creates the queues with their settings and the schedules.
import type { DatabaseHandle } from '@trellis/db';
import { fromPglite, PgBoss } from 'pg-boss';
import { type JobName, type JobPayload, jobNames, jobQueueSettings, jobSchedules, parseJobPayload } from './names';
import type { JobQueue, JobsStatus, QueueCounts, SendJobOptions, WorkerMode } from './queue';

export const PG_BOSS_SCHEMA = 'pgboss';
/** Finished jobs are kept this long, then pg-boss's retention sweep (and the cleanup job) deletes them. */
export const JOB_RETENTION_SECONDS = 7 * 24 * 3600;

export function createBoss(database: DatabaseHandle, options: { schedule: boolean }): PgBoss {
  const common = { schema: PG_BOSS_SCHEMA, schedule: options.schedule, useListenNotify: true };
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('embedded database handle without its PGlite instance');
    return new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
  }
  if (!database.url) throw new Error('PostgreSQL database handle without its connection string');
  return new PgBoss({ ...common, connectionString: database.url, max: 4, application_name: 'trellis-jobs' });
}

/** Creates every queue (idempotent), applies its current settings and registers the cron schedules (UTC). */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const name of jobNames) {
    const { policy, pollSeconds: _worker, ...settings } = jobQueueSettings[name];
    const options = { ...settings, retryBackoff: true, deleteAfterSeconds: JOB_RETENTION_SECONDS, notify: true };
    await boss.createQueue(name, { ...options, policy });
    await boss.updateQueue(name, options);
  }
  for (const [name, cron] of Object.entries(jobSchedules)) await boss.schedule(name, cron, {}, { tz: 'UTC' });
}

export class PgBossJobQueue implements JobQueue {
  running = false;

  constructor(
    readonly boss: PgBoss,
    readonly backend: JobsStatus['backend'],
    readonly worker: WorkerMode,
  ) {}

  async send<N extends JobName>(name: N, payload: JobPayload<N>, options: SendJobOptions = {}) {
    const data = parseJobPayload(name, payload);
    return this.boss.send(name, data, {
      ...(options.id ? { id: options.id } : {}),
      ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
    });
  }

  async status(): Promise<JobsStatus> {
    const queues: QueueCounts[] = [];
    for (const name of jobNames) {
      const [stats] = await this.boss.getQueueStats(name, { force: true });
      queues.push({
        name,
        queued: stats?.queuedCount ?? 0,
        active: stats?.activeCount ?? 0,
        failed: stats?.failedCount ?? 0,
      });
    }
    const sum = (k: 'queued' | 'active' | 'failed') => queues.reduce((n, q) => n + q[k], 0);
    return {
      backend: this.backend,
      worker: this.worker,
      running: this.running,
      totals: { queued: sum('queued'), active: sum('active'), failed: sum('failed') },
      queues,
    };
  }
}

/** The cleanup job: runs pg-boss's retention sweep on every queue now (finished jobs past retention go). */
export async function cleanupJobs(boss: PgBoss): Promise<{ queues: number }> {
  for (const name of jobNames) await boss.supervise(name);
  return { queues: jobNames.length };
}
