// One CostEvent per finished run (the run-completed job, in batches, and its repair): inserted at most once — `runId`
// is unique and the insert does nothing on conflict — and, only when this call inserted it, added to the daily
// rollups in the same transaction, so a job delivered twice never counts a cost twice. A run that finished after being failed as
// INTERRUPTED has its event reconciled instead. The event carries the run's createdAt, so a
// run's cost lands on the run's UTC day in every rollup. The batch goes through the system-side stores (runs of many
// tenants, on purpose); the reconcile of one run through the tenant's CostStore (cost-store.ts).
import type { AgentRun, CostEvent, Db } from '@trellis/db';
import { sql } from 'drizzle-orm';
import { type Executor, type ServiceContext, systemContext } from '../context';
import { applyRunsToRollups, dayOf, refreshDerivedColumns } from '../rollups/apply-run';
import { recomputeRollups } from '../rollups/recompute';
import { RecordedRuns } from '../runs/recorded-runs-store';
import type { Runtime } from '../runtime';
import { SystemBudgetStore } from './budget-store';
import { type CostEventValues, CostStore, SystemCostStore } from './cost-store';
import { costForUsage } from './prices';

export const finishedRunStatuses = ['COMPLETED', 'FAILED', 'CANCELLED'] as const;

export type RunCostResult =
  | { outcome: 'recorded' | 'duplicate' | 'reconciled'; event: CostEvent; agentId: string | null }
  | { outcome: 'not-finished' | 'missing' };

const round10 = (usd: number) => Math.round(usd * 1e10) / 1e10;

/**
 * The run's prompt/completion split: as the executor priced it (in the run's metadata); for runs recorded without
 * it, at today's price scaled to the cost the run was charged, or by token share when the model has no price now.
 */
async function costSplit(ctx: ServiceContext, run: AgentRun) {
  const total = run.costUsd;
  if (total === 0) return { promptCostUsd: 0, completionCostUsd: 0 };
  const recorded = (run.metadata as { promptCostUsd?: unknown } | null)?.promptCostUsd;
  if (typeof recorded === 'number' && recorded >= 0 && recorded <= total) {
    return { promptCostUsd: recorded, completionCostUsd: round10(total - recorded) };
  }
  const now = await costForUsage(ctx, run.modelProvider ?? '', run.modelName ?? '', run);
  const tokens = run.promptTokens + run.completionTokens;
  const promptShare = now.costUsd > 0 ? now.promptCostUsd / now.costUsd : tokens > 0 ? run.promptTokens / tokens : 1;
  const promptCostUsd = round10(total * promptShare);
  return { promptCostUsd, completionCostUsd: round10(total - promptCostUsd) };
}

/** The cost event's values for a run: its model, tokens and cost, filed under the run's createdAt. */
async function eventValues(ctx: ServiceContext, run: AgentRun): Promise<CostEventValues> {
  return {
    provider: run.modelProvider ?? 'unknown',
    modelName: run.modelName ?? 'unknown',
    promptTokens: run.promptTokens,
    completionTokens: run.completionTokens,
    cachedTokens: run.cachedTokens,
    reasoningTokens: run.reasoningTokens,
    totalTokens: run.totalTokens,
    ...(await costSplit(ctx, run)),
    costUsd: run.costUsd,
    createdAt: run.createdAt,
  };
}

export interface RecordRunCostOptions {
  /**
   * The run finished for real after it had been failed as INTERRUPTED and counted: overwrite its cost event with
   * what the run now says and recompute its agent's rollups for that day (the counted outcome changed too).
   */
  reconcile?: boolean;
}

/** How long the derived rollup columns of a busy agent-day may lag its counters. */
const REFRESH_DEBOUNCE_SECONDS = 5;

/** Refreshes the ratios and percentiles of an agent-day: debounced through the job queue, or now without one. */
async function refreshSoon(db: Db, runtime: Runtime, scope: { agentId: string; date: string }) {
  if (!runtime.jobs) return refreshDerivedColumns(db, scope);
  const debounce = { key: `${scope.agentId}:${scope.date}`, seconds: REFRESH_DEBOUNCE_SECONDS };
  await runtime.jobs.send('rollup-refresh', scope, { debounce });
}

/**
 * This transaction commits without waiting for the WAL flush: what it writes is derived from the durable run and
 * is rebuilt by rollup-daily if a crash of the PostgreSQL server loses it, so runs' own commits need not queue
 * behind it.
 */
const relaxDurability = (tx: Executor) => tx.execute(sql`set local synchronous_commit = off`);

/** A finished run to count, by tenant and id. */
export interface RunToCount {
  tenantId: string;
  runId: string;
}

const keyOf = (tenantId: string, runId: string) => `${tenantId}|${runId}`;

/**
 * Records the cost events of a batch of finished runs (of any tenants — a system path) and adds the newly recorded
 * ones to the rollups, in one transaction with one statement per table; idempotent per run. Settles the runs'
 * budget reservations at their actual cost: once a run finished, spend no longer counts its reservation, so settling
 * here — not on the request path — changes no budget decision. Results come in the order of `items`.
 */
export async function recordRunCosts(db: Db, runtime: Runtime, items: RunToCount[]): Promise<RunCostResult[]> {
  if (!items.length) return [];
  const tenants = [...new Set(items.map((i) => i.tenantId))];
  const results = await db.transaction(async (tx) => {
    await relaxDurability(tx);
    const store = new SystemCostStore(tx);
    const rows = await store.runs(tenants, [...new Set(items.map((i) => i.runId))]);
    const runs = new Map(rows.map((r) => [keyOf(r.tenantId, r.id), r]));
    const finished = rows.filter((r) => (finishedRunStatuses as readonly string[]).includes(r.status));
    if (!finished.length) return { runs, events: new Map<string, CostEvent>(), recorded: new Set<string>() };
    await new SystemBudgetStore(tx).settle(
      finished.map((r) => ({ tenantId: r.tenantId, runId: r.id, amountUsd: r.costUsd })),
    );
    const values = await Promise.all(
      finished.map(async (r) => ({
        tenantId: r.tenantId,
        runId: r.id,
        agentId: r.agentId,
        ...(await eventValues(systemContext(tx as unknown as Db, runtime, r.tenantId), r)),
      })),
    );
    const inserted = await store.insertEvents(values);
    const events = new Map(inserted.map((e) => [keyOf(e.tenantId, e.runId), e]));
    const recorded = new Set(events.keys());
    const counted = finished.flatMap((run) => {
      const event = events.get(keyOf(run.tenantId, run.id));
      return event && run.agentId ? [{ run: { ...run, agentId: run.agentId }, event }] : [];
    });
    await applyRunsToRollups(tx, counted);
    if (counted.length) await store.markCounted(counted.map(({ run }) => run));
    const repeated = finished.filter((r) => !recorded.has(keyOf(r.tenantId, r.id)));
    if (repeated.length) {
      const existing = await store.events(
        tenants,
        repeated.map((r) => r.id),
      );
      for (const e of existing) events.set(keyOf(e.tenantId, e.runId), e);
    }
    return { runs, events, recorded };
  });
  const outcomes = items.map((item): RunCostResult => {
    const key = keyOf(item.tenantId, item.runId);
    const run = results.runs.get(key);
    if (!run) return { outcome: 'missing' };
    const event = results.events.get(key);
    if (!event) return { outcome: 'not-finished' };
    return { outcome: results.recorded.has(key) ? 'recorded' : 'duplicate', event, agentId: run.agentId };
  });
  // Also after a duplicate: the delivery that recorded the event may have died before it sent the refresh.
  const days = new Map<string, { agentId: string; date: string }>();
  for (const r of outcomes) {
    if (!('event' in r) || !r.agentId) continue;
    const date = dayOf(r.event.createdAt);
    days.set(`${r.agentId}|${date}`, { agentId: r.agentId, date });
  }
  for (const scope of days.values()) await refreshSoon(db, runtime, scope);
  return outcomes;
}

/** Records the cost event of a finished run of this tenant and updates the rollups; idempotent. */
export async function recordRunCost(
  ctx: ServiceContext,
  runId: string,
  options: RecordRunCostOptions = {},
): Promise<RunCostResult> {
  const [result] = await recordRunCosts(ctx.db, ctx.runtime, [{ tenantId: ctx.tenantId, runId }]);
  if (!options.reconcile || result.outcome !== 'duplicate') return result;
  // A duplicate's run exists: recordRunCosts has just read it.
  const store = CostStore.of(ctx);
  const run = (await RecordedRuns.of(ctx).run(runId)) as AgentRun;
  const event = await store.updateEvent(runId, await eventValues(ctx, run));
  // The recompute takes the exclusive rollup lock in its own transaction. A crash in between is repaired by the
  // job's retry (every step is idempotent) or by rollup-daily.
  if (run.agentId) {
    const day = dayOf(run.createdAt);
    await recomputeRollups(ctx.db, { from: day, to: day, agentId: run.agentId });
    // Counted again only once the rollups hold the new cost: until then budget spend reads it from the run.
    await store.markCounted(run.id);
  }
  return { outcome: 'reconciled', event, agentId: run.agentId };
}
