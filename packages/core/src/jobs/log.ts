// The job system's log lines on the console, filtered by LOG_LEVEL (silent in tests): one line per failed or
// unimplemented job, never job payloads.
import type { Env } from '../config';

export interface JobLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const order = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export function jobLog(level: Env['LOG_LEVEL']): JobLog {
  const at = order.indexOf(level);
  const on = (l: (typeof order)[number]) => order.indexOf(l) >= at;
  return {
    info: (m) => on('info') && console.log(`[jobs] ${m}`),
    warn: (m) => on('warn') && console.warn(`[jobs] ${m}`),
    error: (m, e) => on('error') && console.error(`[jobs] ${m}${e ? `: ${e instanceof Error ? e.message : e}` : ''}`),
  };
}
