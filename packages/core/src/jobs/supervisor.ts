// The lease supervisor of one process: every leaseSeconds/4 it renews the leases of the runs and goals this process
// has in flight, fails the runs whose owner is gone (runs/recovery.ts, handed to `onInterrupted`) and retries or
// fails the goals whose owner is gone (goals/recovery.ts).
import type { Db } from '@trellis/db';
import { type GoalRecovery, recoverInterruptedGoals, renewGoalLeases } from '../goals/recovery';
import { startPeriodic } from '../periodic';
import { failInterruptedRuns, renewRunLeases } from '../runs/recovery';
import type { Runtime } from '../runtime';

export interface SupervisorOptions {
  db: Db;
  runtime: Runtime;
  leaseSeconds: number;
  onInterrupted: (runs: { id: string; tenantId: string; agentId: string | null }[]) => Promise<void>;
  onGoalsRecovered?: (recovery: GoalRecovery) => Promise<void>;
  onError?: (e: unknown) => void;
}

export interface Supervisor {
  /** One renew-and-sweep pass (also what the timer runs). */
  tick(): Promise<void>;
  stop(): void;
}

export function startSupervisor(options: SupervisorOptions): Supervisor {
  const { db, runtime, leaseSeconds } = options;
  const pass = async () => {
    const ownRuns = [...runtime.inFlight.keys()];
    const ownGoals = [...runtime.inFlightGoals];
    await renewRunLeases(db, ownRuns);
    await renewGoalLeases(db, ownGoals);
    const failed = await failInterruptedRuns(db, { leaseSeconds, exclude: ownRuns });
    if (failed.length) await options.onInterrupted(failed);
    const goals = await recoverInterruptedGoals(db, runtime, { leaseSeconds, exclude: ownGoals });
    if (goals.interrupted.length || goals.resent.length) await options.onGoalsRecovered?.(goals);
  };
  const periodic = startPeriodic(pass, Math.max(250, (leaseSeconds * 1000) / 4), options.onError);
  return { tick: periodic.run, stop: periodic.stop };
}
