// Work a process repeats on a timer (lease supervision, sharing rate-limit counts): one pass at a time — a call while
// a pass runs shares it — errors reported rather than thrown, and a timer that does not keep the process alive.
export interface Periodic {
  /** One pass now (or the one in progress). */
  run(): Promise<void>;
  stop(): void;
}

export function startPeriodic(pass: () => Promise<void>, everyMs: number, onError?: (e: unknown) => void): Periodic {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= pass()
      .catch((e) => onError?.(e))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { run, stop: () => clearInterval(timer) };
}
