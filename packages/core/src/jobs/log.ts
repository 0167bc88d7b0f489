// The job system's log lines on the console, filtered by LOG_LEVEL (silent in tests): one line per failed or
// unimplemented job, never job payloads.
import type { Env } from '../config';

export interface JobLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const order = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** Lines prefixed `[area]`: the job system's own, or another part of the server's (`database`). */
export function jobLog(level: Env['LOG_LEVEL'], area = 'jobs'): JobLog {
  const at = order.indexOf(level);
  const on = (l: (typeof order)[number]) => order.indexOf(l) >= at;
  return {
    info: (m) => on('info') && console.log(`[${area}] ${m}`),
    warn: (m) => on('warn') && console.warn(`[${area}] ${m}`),
    error: (m, e) =>
      on('error') && console.error(`[${area}] ${m}${e ? `: ${e instanceof Error ? e.message : e}` : ''}`),
  };
}
