// Ownership of in-flight runs after a crash. A run in QUEUED or RUNNING is owned by the process executing it, which
// renews a lease on it — its updatedAt, moved to the database's now() — every few seconds while it is in the
// process's `runtime.inFlight`. A run whose lease is older than the lease period has no live owner: it becomes
// FAILED with errorCode INTERRUPTED. System-wide (every tenant): runs at start and from the lease supervisor (jobs/supervisor.ts).
import { agentRun } from '@trellis/db';
import { and, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../context';

const inFlightStatuses = ['QUEUED', 'RUNNING'] as const;

/** The lease in `updatedAt` is older than `leaseSeconds` (by the database's clock); 0 matches every row. */
export const leaseExpired = (updatedAt: PgColumn, leaseSeconds: number) =>
  leaseSeconds > 0 ? lt(updatedAt, sql`now() - make_interval(secs => ${leaseSeconds})`) : undefined;

/** Moves the leases of these runs (this process's in-flight runs) to now. */
export async function renewRunLeases(db: Executor, runIds: string[]): Promise<void> {
  if (!runIds.length) return;
  await db
    .update(agentRun)
    .set({ updatedAt: sql`now()` })
    .where(and(inArray(agentRun.id, runIds), inArray(agentRun.status, inFlightStatuses)));
}

export interface InterruptOptions {
  /** Fail runs whose lease is older than this; 0 fails every run in flight (a single-process embedded start). */
  leaseSeconds: number;
  /** Runs this process owns right now, never failed. */
  exclude?: string[];
}

/** Fails the in-flight runs nobody owns; returns them so their run-completed jobs can be sent. */
export async function failInterruptedRuns(
  db: Executor,
  { leaseSeconds, exclude = [] }: InterruptOptions,
): Promise<{ id: string; tenantId: string; agentId: string | null }[]> {
  return db
    .update(agentRun)
    .set({
      status: 'FAILED',
      errorCode: 'INTERRUPTED',
      error: 'The process running this run stopped before it finished',
      completedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        inArray(agentRun.status, inFlightStatuses),
        leaseExpired(agentRun.updatedAt, leaseSeconds),
        exclude.length ? notInArray(agentRun.id, exclude) : undefined,
      ),
    )
    .returning({ id: agentRun.id, tenantId: agentRun.tenantId, agentId: agentRun.agentId });
}
