// Rate limits: fixed one-minute windows counted in this process — per client address on every /api call (health
// excepted) and per API key once the key is known — answered with 429 RATE_LIMITED and Retry-After. With several
// web processes each counts its own share, so the effective limit is the limit times the number of processes.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HttpError } from './errors';
import type { AppEnv } from './openapi';

/** Counts hits per key in fixed windows; forgets windows that ended. */
export class WindowCounter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(readonly windowMs: number) {}

  /** Counts one hit: the hits of the key's current window so far, and when it ends. */
  hit(key: string, now = Date.now()): { count: number; resetMs: number } {
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.#windows.size > 100_000) this.#prune(now);
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count++;
    return { count: window.count, resetMs: window.start + this.windowMs - now };
  }

  /** Hits so far in the key's current window, and when it ends. */
  peek(key: string, now = Date.now()): { count: number; resetMs: number } {
    const window = this.#windows.get(key);
    if (!window || now - window.start >= this.windowMs) return { count: 0, resetMs: 0 };
    return { count: window.count, resetMs: window.start + this.windowMs - now };
  }

  reset(key: string) {
    this.#windows.delete(key);
  }

  #prune(now: number) {
    for (const [key, w] of this.#windows) if (now - w.start >= this.windowMs) this.#windows.delete(key);
  }
}

/** The client's address: the socket's, or X-Forwarded-For's first entry behind a trusted proxy. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function tooMany(resetMs: number, what: string): HttpError {
  const seconds = Math.max(1, Math.ceil(resetMs / 1000));
  return new HttpError(
    429,
    'RATE_LIMITED',
    `Too many requests ${what}: try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

const minute = 60_000;

/** Per client address, before authentication. */
export function limitPerAddress(perMinute: number, trustProxy: boolean) {
  const counter = new WindowCounter(minute);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!perMinute || c.req.path === '/api/health') return next();
    const { count, resetMs } = counter.hit(clientAddress(c, trustProxy));
    if (count > perMinute) throw tooMany(resetMs, 'from this address');
    return next();
  });
}

/** Per API key, after authentication (sessions are limited by address only). */
export function limitPerApiKey(perMinute: number) {
  const counter = new WindowCounter(minute);
  return createMiddleware<AppEnv>(async (c, next) => {
    const { actor } = c.var.ctx;
    if (!perMinute || actor.type !== 'apiKey') return next();
    const { count, resetMs } = counter.hit(actor.id);
    if (count > perMinute) throw tooMany(resetMs, 'with this API key');
    return next();
  });
}
