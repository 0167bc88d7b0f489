// Shares the rate-limit counters of the web processes of one PostgreSQL deployment. Every second each process adds
// the hits it counted since the last sync to the shared windows (table rate_limit_hit) and, in the same statement,
// reads every window still open: it adopts each one's total over all processes and when it ends (by the database's
// clock) — also for keys it has not seen itself yet. A window that ended starts again at the first sync that adds to
// it. Windows are stored under their counter's name and a hash of the key. A failed sync is reported and leaves each
// process counting alone until the next one succeeds.
import { startPeriodic } from '@trellis/core';
import { type Db, rateLimitHit } from '@trellis/db';
import { inArray, sql } from 'drizzle-orm';
import type { WindowCounter } from './rate-limit';

export interface RateLimitSync {
  /** One exchange with the shared windows (what the timer runs). */
  sync(): Promise<void>;
  stop(): void;
}

/** Windows that ended this long ago are deleted (the longest window is 15 minutes). */
const keepEndedMs = 60_000;

export function startRateLimitSync(
  db: Db,
  counters: WindowCounter[],
  options: { intervalMs?: number; onError?: (e: unknown) => void } = {},
): RateLimitSync {
  const byName = new Map(counters.map((c) => [c.name, c]));
  let passes = 0;

  const exchange = async () => {
    const now = Date.now();
    const resets: string[] = [];
    const pending: { key: string; hits: number; windowMs: number }[] = [];
    for (const counter of counters) {
      const drained = counter.drain(now);
      resets.push(...drained.resets);
      for (const p of drained.pending) pending.push({ ...p, windowMs: counter.windowMs });
    }
    if (resets.length) await db.delete(rateLimitHit).where(inArray(rateLimitHit.key, resets));
    const keys = pending.map((p) => p.key);
    const ended = (r: string) => sql.raw(`${r}.window_start + make_interval(secs => ${r}.window_ms / 1000.0) <= now()`);
    const resetMs = (r: string) =>
      sql.raw(
        `(extract(epoch from ${r}.window_start + make_interval(secs => ${r}.window_ms / 1000.0) - now()) * 1000)::int`,
      );
    const result = await db.execute(sql`
      with added as (
        insert into rate_limit_hit as r (key, window_start, window_ms, count)
        select key, now(), window_ms, hits
        from unnest(${sql.param(keys)}::text[], ${sql.param(pending.map((p) => p.windowMs))}::int[],
                    ${sql.param(pending.map((p) => p.hits))}::int[]) as t(key, window_ms, hits)
        on conflict (key) do update set
          window_start = case when ${ended('r')} then now() else r.window_start end,
          window_ms = excluded.window_ms,
          count = case when ${ended('r')} then excluded.count else r.count + excluded.count end
        returning r.key, r.count, ${resetMs('r')} as reset_ms
      )
      select key, count, reset_ms from added
      union all
      select o.key, o.count, ${resetMs('o')} from rate_limit_hit o
      where not (${ended('o')}) and o.key <> all(${sql.param(keys)}::text[])`);
    const adoptedAt = Date.now();
    for (const row of (result as unknown as { rows: { key: string; count: number; reset_ms: number }[] }).rows) {
      const counter = byName.get(row.key.slice(0, row.key.indexOf(':')));
      counter?.adopt(row.key, { count: row.count, resetMs: Math.max(0, row.reset_ms) }, adoptedAt);
    }
    if (++passes % 60 === 0) {
      await db.execute(sql`delete from rate_limit_hit
        where window_start + make_interval(secs => (window_ms + ${keepEndedMs}) / 1000.0) < now()`);
    }
  };

  const periodic = startPeriodic(exchange, options.intervalMs ?? 1000, options.onError);
  return { sync: periodic.run, stop: periodic.stop };
}
