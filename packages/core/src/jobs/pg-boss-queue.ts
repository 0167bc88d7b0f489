// The JobQueue on pg-boss, in the application's own database (schema `pgboss`): PostgreSQL through pg-boss's own
// pool, embedded PGlite through pg-boss's PGlite adapter. Creates the queues with their settings and the schedules.
import type { DatabaseHandle } from '@trellis/db';
import { fromPglite, PgBoss } from 'pg-boss';
import { type JobName, type JobPayload, jobNames, jobQueueSettings, jobSchedules, parseJobPayload } from './names';
import type { JobQueue, JobsStatus, QueueCounts, SendJobOptions, WorkerMode } from './queue';

export const PG_BOSS_SCHEMA = 'pgboss';
/** Finished jobs are kept this long, then pg-boss's retention sweep (and the cleanup job) deletes them. */
export const JOB_RETENTION_SECONDS = 7 * 24 * 3600;
/** How often pg-boss's supervisor retries the active jobs whose worker stopped beating (names.ts heartbeatSeconds)
 * or that ran past their expiry (pg-boss's default is a minute). The same pass refreshes the queue counts. */
export const JOB_MONITOR_SECONDS = 15;

export function createBoss(database: DatabaseHandle, options: { schedule: boolean }): PgBoss {
  const common = {
    schema: PG_BOSS_SCHEMA,
    schedule: options.schedule,
    useListenNotify: true,
    superviseIntervalSeconds: JOB_MONITOR_SECONDS,
    monitorIntervalSeconds: JOB_MONITOR_SECONDS,
  };
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('embedded database handle without its PGlite instance');
    return new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
  }
  if (!database.url) throw new Error('PostgreSQL database handle without its connection string');
  // The queue's own bookkeeping (send, fetch, complete) commits without waiting for the WAL flush: only a crash of
  // the PostgreSQL server itself could lose the last few hundred milliseconds of it — a job sent again by the repair
  // paths or run again by an idempotent handler — and it no longer queues behind the runs' durable commits.
  return new PgBoss({
    ...common,
    connectionString: database.url,
    max: 4,
    application_name: 'trellis-jobs',
    options: '-c synchronous_commit=off',
  });
}

/** Creates every queue (idempotent), applies its current settings and registers the cron schedules (UTC). Queues and
 * schedules already stored as wanted (every restart but the first after a change) are only read. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  const stored = new Map((await boss.getQueues(jobNames)).map((q) => [q.name, q]));
  for (const name of jobNames) {
    const { policy, ...settings } = jobQueueSettings[name];
    const options = { ...settings, retryBackoff: true, deleteAfterSeconds: JOB_RETENTION_SECONDS, notify: true };
    const queue = stored.get(name) as Record<string, unknown> | undefined;
    if (queue?.policy === policy && Object.entries(options).every(([key, value]) => queue[key] === value)) continue;
    await boss.createQueue(name, { ...options, policy });
    await boss.updateQueue(name, options);
  }
  const schedules = await boss.getSchedules();
  for (const [name, cron] of Object.entries(jobSchedules)) {
    if (schedules.some((s) => s.name === name && !s.key && s.cron === cron && s.timezone === 'UTC')) continue;
    await boss.schedule(name, cron, {}, { tz: 'UTC' });
  }
}

export class PgBossJobQueue implements JobQueue {
  running = false;
  /** Debounce keys whose current and next slots are both taken, until when (epoch ms). */
  private readonly saturated = new Map<string, number>();

  constructor(
    readonly boss: PgBoss,
    readonly backend: JobsStatus['backend'],
    readonly worker: WorkerMode,
  ) {}

  async send<N extends JobName>(name: N, payload: JobPayload<N>, options: SendJobOptions = {}) {
    const data = parseJobPayload(name, payload);
    const { debounce } = options;
    const jobOptions = {
      ...(options.id ? { id: options.id } : {}),
      ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
    };
    if (!debounce) return this.boss.send(name, data, jobOptions);
    const slotKey = `${name}:${debounce.key}`;
    if (Date.now() < (this.saturated.get(slotKey) ?? 0)) return null;
    const id = await this.boss.sendDebounced(name, data, jobOptions, debounce.seconds, debounce.key);
    if (id === null) {
      // This slot's job and the next slot's both exist: until this slot ends, a send can only be dropped, so skip
      // the round trip. One second short of the slot's end, for clock skew between this process and the database.
      const slotMs = debounce.seconds * 1000;
      this.saturated.set(slotKey, (Math.floor(Date.now() / slotMs) + 1) * slotMs - 1000);
      if (this.saturated.size > 10_000) this.saturated.clear();
    }
    return id;
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
