// The job queue as the domain sees it: send a validated job, read the queue's health. The pg-boss implementation
// lives in pg-boss-queue.ts; services receive this interface through `ctx.runtime.jobs`.
import { v5 as uuidv5 } from 'uuid';
import type { JobName, JobPayload } from './names';

export interface SendJobOptions {
  /**
   * Job id (a UUID). A second send with the same id is a no-op that returns null, so derive it from what the job is
   * about (see `jobId`) to make a send idempotent.
   */
  id?: string;
  /** Do not start before this moment (or this many seconds from now). */
  startAfter?: Date | number;
  /**
   * At most one job per `key` per `seconds`-long slot: the first send of a slot runs at once, later ones in the same
   * slot become one job at the start of the next slot (so the last send is always followed by a run).
   */
  debounce?: { key: string; seconds: number };
}

export type WorkerMode = 'inline' | 'off' | 'process';

export interface QueueCounts {
  name: JobName;
  /** Waiting to run (created or retry, including deferred ones). */
  queued: number;
  active: number;
  /** Failed for good and still retained. */
  failed: number;
}

export interface JobsStatus {
  backend: 'pglite' | 'postgres';
  /** inline: this process works the queues; process: this is a `trellis worker`; off: another process must. */
  worker: WorkerMode;
  /** True while this process's pg-boss is started and (unless worker is off) its handlers are registered. */
  running: boolean;
  totals: { queued: number; active: number; failed: number };
  queues: QueueCounts[];
}

export interface JobQueue {
  /** Validates the payload against the job's schema and enqueues it; resolves to the job id, or null when deduped. */
  send<N extends JobName>(name: N, payload: JobPayload<N>, options?: SendJobOptions): Promise<string | null>;
  status(): Promise<JobsStatus>;
}

const NAMESPACE = '0b7f6a52-3c1d-4e0a-9a55-6f1f3d1c7e21';

/** A deterministic job id for `name` about `key` (e.g. a run id): the same pair always gives the same UUID. */
export const jobId = (name: JobName, key: string) => uuidv5(`${name}:${key}`, NAMESPACE);

/** Logs a send that failed where the caller must not fail (the rollup-daily repair backfills what it missed). */
export const logSendFailure = (name: JobName) => (e: unknown) => {
  console.error(`[jobs] could not send ${name}: ${e instanceof Error ? e.message : String(e)}`);
  return null;
};
