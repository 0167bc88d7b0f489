// Changes every process must hear about: definitions it caches (agents, prices, budget, guardrail and learning
// policies with running experiments, API keys) and runs
// cancelled elsewhere. A writer announces a change inside its transaction with pg_notify, so every process — this
// one included, through its listener (listener.ts) — hears it only once the change is committed; the writer also
// applies it locally at once, so its own next request never reads a stale copy.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../context';

export const CHANGES_CHANNEL = 'trellis_changes';

export const changeSchema = z.discriminatedUnion('kind', [
  /** A tenant's definitions of this kind changed; without a tenant, every tenant's (e.g. an API key was revoked). */
  z.object({
    kind: z.enum(['agents', 'prices', 'budgets', 'guardrails', 'learning', 'apiKeys', 'mcp']),
    tenantId: z.string().optional(),
  }),
  /** These runs were cancelled: the process executing any of them aborts it. */
  z.object({ kind: z.literal('cancel'), runIds: z.array(z.string()) }),
]);
export type Change = z.output<typeof changeSchema>;

/** What applies a change in this process (the runtime's caches and in-flight runs). */
export type ChangeSink = (change: Change) => void;

/**
 * Announces `change` to every process once `tx` commits (nothing is heard if it rolls back), and applies it in
 * this process now. pg_notify payloads are limited to 8,000 bytes: a cancel of many runs is split.
 */
export async function announce(tx: Executor, apply: ChangeSink, change: Change): Promise<void> {
  apply(change);
  for (const part of split(change)) {
    await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(part)})`);
  }
}

const CANCEL_BATCH = 100;

function split(change: Change): Change[] {
  if (change.kind !== 'cancel' || change.runIds.length <= CANCEL_BATCH) return [change];
  const parts: Change[] = [];
  for (let i = 0; i < change.runIds.length; i += CANCEL_BATCH)
    parts.push({ kind: 'cancel', runIds: change.runIds.slice(i, i + CANCEL_BATCH) });
  return parts;
}

/** Parses a notification payload; anything malformed is ignored (null). */
export function parseChange(payload: string | undefined): Change | null {
  if (!payload) return null;
  try {
    const parsed = changeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
