// Rate limits: one-minute windows per client address on every /api call (health excepted) and per API key once the
// key is known, answered with 429 RATE_LIMITED and Retry-After. A window starts at its key's first hit. Each process
// counts at once in memory; on PostgreSQL the counts are also shared by every web process of the deployment
// (rate-limit-sync.ts), so a key's limit holds across them to within about a second of each one's traffic.
import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HttpError } from './errors';
import type { AppEnv } from './openapi';

interface Window {
  /** When the window ends, by this process's clock. */
  endsAt: number;
  /** Hits counted in it: the shared count last read plus this process's hits since. */
  count: number;
  /** This process's hits not yet added to the shared count. */
  unsynced: number;
}

/** A window's hits this process has not shared yet, taken by a sync; `key` is the window's stored key. */
export interface PendingHits {
  key: string;
  hits: number;
}

/**
 * Counts hits per key in windows of `windowMs`; forgets windows that ended. Windows are kept under their stored key
 * — the counter's name and a hash of the key, never the address or key itself — which is also how the shared store
 * knows them, so a process can adopt the window of a key it has not seen yet.
 */
export class WindowCounter {
  readonly #windows = new Map<string, Window>();
  readonly #resets = new Set<string>();

  constructor(
    /** Names the counter in the shared store, so two counters never share a key. */
    readonly name: string,
    readonly windowMs: number,
  ) {}

  /** `<name>:<hash>`: what the windows are kept under, here and in the shared store. */
  storedKey(key: string): string {
    return `${this.name}:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
  }

  #current(storedKey: string, now: number): Window | undefined {
    const window = this.#windows.get(storedKey);
    return window && window.endsAt > now ? window : undefined;
  }

  /** Counts one hit: the hits of the key's current window so far, and when it ends. */
  hit(key: string, now = Date.now()): { count: number; resetMs: number } {
    const stored = this.storedKey(key);
    let window = this.#current(stored, now);
    if (!window) {
      if (this.#windows.size > 100_000) this.#prune(now);
      window = { endsAt: now + this.windowMs, count: 0, unsynced: 0 };
      this.#windows.set(stored, window);
    }
    window.count++;
    window.unsynced++;
    return { count: window.count, resetMs: window.endsAt - now };
  }

  /** Hits so far in the key's current window, and when it ends. */
  peek(key: string, now = Date.now()): { count: number; resetMs: number } {
    const window = this.#current(this.storedKey(key), now);
    return window ? { count: window.count, resetMs: window.endsAt - now } : { count: 0, resetMs: 0 };
  }

  /** Forgets the key's window, here and (at the next sync) in the shared store. */
  reset(key: string) {
    const stored = this.storedKey(key);
    this.#windows.delete(stored);
    this.#resets.add(stored);
  }

  /** For a sync: the stored keys reset since the last one, and the hits not yet shared (now counted as shared). */
  drain(now = Date.now()): { resets: string[]; pending: PendingHits[] } {
    const resets = [...this.#resets];
    this.#resets.clear();
    const pending: PendingHits[] = [];
    for (const [key, window] of this.#windows) {
      if (window.endsAt <= now || !window.unsynced) continue;
      pending.push({ key, hits: window.unsynced });
      window.unsynced = 0;
    }
    return { resets, pending };
  }

  /** After a sync: a window as the shared store has it (its count over every process, and how long it lasts). */
  adopt(storedKey: string, shared: { count: number; resetMs: number }, now = Date.now()) {
    const window = this.#current(storedKey, now);
    if (window) {
      window.count = shared.count + window.unsynced;
      window.endsAt = now + shared.resetMs;
    } else {
      this.#windows.set(storedKey, { endsAt: now + shared.resetMs, count: shared.count, unsynced: 0 });
    }
  }

  #prune(now: number) {
    for (const [key, w] of this.#windows) if (w.endsAt <= now && !w.unsynced) this.#windows.delete(key);
  }
}

const minute = 60_000;

/** The counters of one process: requests per address and per API key, failed sign-ins (15-minute windows). */
export function createRateLimitCounters() {
  return {
    address: new WindowCounter('address', minute),
    apiKey: new WindowCounter('api-key', minute),
    signInFailures: new WindowCounter('sign-in-failures', 15 * minute),
  };
}
export type RateLimitCounters = ReturnType<typeof createRateLimitCounters>;

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

/** Per client address, before authentication. */
export function limitPerAddress(counter: WindowCounter, perMinute: number, trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!perMinute || c.req.path === '/api/health') return next();
    const { count, resetMs } = counter.hit(clientAddress(c, trustProxy));
    if (count > perMinute) throw tooMany(resetMs, 'from this address');
    return next();
  });
}

/** Per API key, after authentication (sessions are limited by address only). */
export function limitPerApiKey(counter: WindowCounter, perMinute: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { actor } = c.var.ctx;
    if (!perMinute || actor.type !== 'apiKey') return next();
    const { count, resetMs } = counter.hit(actor.id);
    if (count > perMinute) throw tooMany(resetMs, 'with this API key');
    return next();
  });
}
