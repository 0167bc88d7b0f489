// What the incremental rollup paths share: a newly counted run with its cost event, and summing a batch's rows per
// rollup key (one upsert may not touch a row twice), in key order so concurrent handlers lock rows in the same order.
import type { AgentRun, CostEvent } from '@trellis/db';

/** A newly counted run and its cost event. */
export interface CountedRun {
  run: AgentRun & { agentId: string };
  event: CostEvent;
}

/** `rows` summed over `counters` per `keyOf`, sorted by key. */
export function sumByKey<R extends Record<string, unknown>>(
  rows: R[],
  keyOf: (row: R) => string,
  counters: (keyof R)[],
): R[] {
  const byKey = new Map<string, R>();
  for (const row of rows) {
    const key = keyOf(row);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...row });
    else for (const c of counters) (seen[c] as number) += row[c] as number;
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
