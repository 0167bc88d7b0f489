// Ownership of executing goals after a crash, like runs (runs/recovery.ts): a goal RUNNING with no retry scheduled
// is being executed by some process, which renews its lease (updatedAt) while the goal is in its
// `runtime.inFlightGoals`. A goal whose lease is older than the lease period lost its process: the step it was on
// counts as a failed attempt ("interrupted") and the goal is retried from that step with the usual backoff — or fails
// when that step's attempts are used up. A goal waiting for a retry whose job never got sent (the process died
// between the two writes) gets it sent again. System-wide (every tenant): at start and from the supervisor.
import type { Db } from '@trellis/db';
import type { Runtime } from '../runtime';
import { recordGoalFailure, sendRetry } from './execute';
import { GoalLeases, GoalStore } from './store';

/** Moves the leases of these goals (this process's executing goals) to now. */
export function renewGoalLeases(db: Db, goalIds: string[]): Promise<void> {
  return new GoalLeases(db).renew(goalIds);
}

export interface GoalRecoveryOptions {
  /** Recover goals whose lease is older than this; 0 recovers every executing goal (a single-process start). */
  leaseSeconds: number;
  /** Goals this process executes right now, never recovered. */
  exclude?: string[];
}

export interface GoalRecovery {
  /** Goals whose executing process was gone: retried or failed. */
  interrupted: { id: string; tenantId: string; outcome: 'retrying' | 'failed' }[];
  /** Goals whose overdue retry job was sent again. */
  resent: string[];
}

export async function recoverInterruptedGoals(
  db: Db,
  runtime: Runtime,
  { leaseSeconds, exclude = [] }: GoalRecoveryOptions,
): Promise<GoalRecovery> {
  const leases = new GoalLeases(db);
  const candidates = await leases.abandoned(leaseSeconds, exclude);

  const result: GoalRecovery = { interrupted: [], resent: [] };
  for (const c of candidates) {
    if (c.nextRetryAt) {
      // Same job id as the original send: a no-op when the job exists and is merely late.
      await sendRetry(runtime, c.tenantId, c.id, c.attempts, new Date());
      result.resent.push(c.id);
      continue;
    }
    const g = await leases.take(c.id, leaseSeconds);
    if (!g) continue;
    const step = await new GoalStore(db, g.tenantId).runningStep(g.id);
    const error = step
      ? `Step ${step.stepNumber} (${step.agentSlug}) was interrupted: the process running it stopped`
      : 'Planning was interrupted: the process running it stopped';
    const outcome = await recordGoalFailure(db, runtime, g, { step, error });
    if (outcome.handled && (outcome.outcome === 'retrying' || outcome.outcome === 'failed')) {
      result.interrupted.push({ id: g.id, tenantId: g.tenantId, outcome: outcome.outcome });
    }
  }
  return result;
}
