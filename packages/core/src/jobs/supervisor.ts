// The lease supervisor of one process: every leaseSeconds/4 it renews the leases of the runs, goals and workflow
// runs this process has in flight, fails the runs whose owner is gone (runs/recovery.ts, handed to `onInterrupted`),
// retries or fails the goals whose owner is gone (goals/recovery.ts) and resumes such workflow runs
// (workflows/recovery.ts).
import type { Db } from '@trellis/db';
import { type GoalRecovery, recoverInterruptedGoals, renewGoalLeases } from '../goals/recovery';
import { startPeriodic } from '../periodic';
import { failInterruptedRuns, renewRunLeases } from '../runs/recovery';
import type { Runtime } from '../runtime';
import { recoverInterruptedWorkflows, renewWorkflowLeases } from '../workflows/recovery';

export interface SupervisorOptions {
  db: Db;
  runtime: Runtime;
  leaseSeconds: number;
  onInterrupted: (runs: { id: string; tenantId: string; agentId: string | null }[]) => Promise<void>;
  onGoalsRecovered?: (recovery: GoalRecovery) => Promise<void>;
  onWorkflowsResumed?: (runs: { id: string; tenantId: string }[]) => Promise<void>;
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
    const ownWorkflows = [...runtime.inFlightWorkflows];
    await renewWorkflowLeases(db, ownWorkflows);
    const failed = await failInterruptedRuns(db, { leaseSeconds, exclude: ownRuns });
    if (failed.length) await options.onInterrupted(failed);
    const goals = await recoverInterruptedGoals(db, runtime, { leaseSeconds, exclude: ownGoals });
    if (goals.interrupted.length || goals.resent.length) await options.onGoalsRecovered?.(goals);
    const workflows = await recoverInterruptedWorkflows(db, runtime, { leaseSeconds, exclude: ownWorkflows });
    if (workflows.length) await options.onWorkflowsResumed?.(workflows);
  };
  const periodic = startPeriodic(pass, Math.max(250, (leaseSeconds * 1000) / 4), options.onError);
  return { tick: periodic.run, stop: periodic.stop };
}
