// Ownership of executing goals after a crash, like runs (runs/recovery.ts): a goal RUNNING with no retry scheduled
// is being executed by some process, which renews its lease (updatedAt) while the goal is in its
// `runtime.inFlightGoals`. A goal whose lease is older than the lease period lost its process: the step it was on
// counts as a failed attempt ("interrupted") and the goal is retried from that step with the usual backoff — or fails
// when that step's attempts are used up. A goal waiting for a retry whose job never got sent (the process died
// between the two writes) gets it sent again. System-wide (every tenant): at start and from the supervisor.
import { type Db, type Goal, goal, goalStep } from '@trellis/db';
import { and, asc, eq, inArray, isNotNull, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { leaseExpired } from '../runs/recovery';
import type { Runtime } from '../runtime';
import { recordGoalFailure, sendRetry } from './execute';

/** Moves the leases of these goals (this process's executing goals) to now. */
export async function renewGoalLeases(db: Db, goalIds: string[]): Promise<void> {
  if (!goalIds.length) return;
  await db
    .update(goal)
    .set({ updatedAt: sql`now()` })
    .where(and(inArray(goal.id, goalIds), eq(goal.status, 'RUNNING'), isNull(goal.nextRetryAt)));
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

/** Takes an abandoned goal for recovery (one process wins): moves its lease, so no other sweep takes it too. */
async function takeAbandoned(db: Db, id: string, leaseSeconds: number): Promise<Goal | undefined> {
  const [row] = await db
    .update(goal)
    .set({ updatedAt: sql`now()` })
    .where(
      and(
        eq(goal.id, id),
        eq(goal.status, 'RUNNING'),
        isNull(goal.nextRetryAt),
        leaseExpired(goal.updatedAt, leaseSeconds),
      ),
    )
    .returning();
  return row;
}

export async function recoverInterruptedGoals(
  db: Db,
  runtime: Runtime,
  { leaseSeconds, exclude = [] }: GoalRecoveryOptions,
): Promise<GoalRecovery> {
  const candidates = await db
    .select({ id: goal.id, tenantId: goal.tenantId, attempts: goal.attempts, nextRetryAt: goal.nextRetryAt })
    .from(goal)
    .where(
      and(
        eq(goal.status, 'RUNNING'),
        exclude.length ? notInArray(goal.id, exclude) : undefined,
        or(
          and(isNull(goal.nextRetryAt), leaseExpired(goal.updatedAt, leaseSeconds)),
          // A retry due more than a lease ago that nobody claimed: its job may be lost.
          lt(goal.nextRetryAt, sql`now() - make_interval(secs => ${leaseSeconds})`),
        ),
      ),
    )
    .limit(100);

  const result: GoalRecovery = { interrupted: [], resent: [] };
  for (const c of candidates) {
    if (c.nextRetryAt) {
      // Same job id as the original send: a no-op when the job exists and is merely late.
      await sendRetry(runtime, c.tenantId, c.id, c.attempts, new Date());
      result.resent.push(c.id);
      continue;
    }
    const g = await takeAbandoned(db, c.id, leaseSeconds);
    if (!g) continue;
    const [step] = await db
      .select()
      .from(goalStep)
      .where(and(eq(goalStep.goalId, g.id), eq(goalStep.status, 'RUNNING'), isNotNull(goalStep.startedAt)))
      .orderBy(asc(goalStep.stepNumber))
      .limit(1);
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
