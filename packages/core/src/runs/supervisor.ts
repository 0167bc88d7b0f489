// The run supervisor of one process: every leaseSeconds/4 it renews the leases of the runs this process has in
// flight and fails the runs whose owner is gone (see recovery.ts), handing them to `onInterrupted`.
import type { Db } from '@trellis/db';
import type { Runtime } from '../runtime';
import { failInterruptedRuns, renewRunLeases } from './recovery';

export interface RunSupervisorOptions {
  db: Db;
  runtime: Runtime;
  leaseSeconds: number;
  onInterrupted: (runs: { id: string; tenantId: string }[]) => Promise<void>;
  onError?: (e: unknown) => void;
}

export interface RunSupervisor {
  /** One renew-and-sweep pass (also what the timer runs). */
  tick(): Promise<void>;
  stop(): void;
}

export function startRunSupervisor(options: RunSupervisorOptions): RunSupervisor {
  const { db, runtime, leaseSeconds } = options;
  let running: Promise<void> | undefined;
  const pass = async () => {
    const own = [...runtime.inFlight.keys()];
    await renewRunLeases(db, own);
    const failed = await failInterruptedRuns(db, { leaseSeconds, exclude: own });
    if (failed.length) await options.onInterrupted(failed);
  };
  const tick = () => {
    running ??= pass()
      .catch((e) => options.onError?.(e))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(tick, Math.max(250, (leaseSeconds * 1000) / 4));
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
