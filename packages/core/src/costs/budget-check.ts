// The budget-check job's service: after a run's cost is known, compare month-to-date spend with the agent's and the
// organization's budget policies and raise COST alerts — WARNING at the policy's alert percentage, CRITICAL at 100%
// — at most once per threshold per period (the alert's dedupe key), so retries and repeats never storm.

import { raiseAlert } from '../alerts/service';
import type { ServiceContext } from '../context';
import type { TrellisError } from '../errors';
import type { JobPayload } from '../jobs/names';
import { enabledPoliciesFor, spendOf } from './budget';
import { BudgetStore } from './budget-store';

export interface BudgetCheckResult {
  checked: boolean;
  /** Alerts raised by this check (repeats of an existing threshold are not counted). */
  raised: string[];
}

/**
 * Idempotent: a threshold already alerted in the period is skipped by its dedupe key. After a run the policies come
 * from the process's cache (`cachedPolicies`); when a policy was just saved they are read from the database.
 */
export async function checkBudget(
  ctx: ServiceContext,
  payload: JobPayload<'budget-check'>,
  options: { cachedPolicies?: boolean } = {},
): Promise<BudgetCheckResult> {
  const raised: string[] = [];
  const scopes: (string | null)[] = payload.agentId ? [payload.agentId, null] : [null];
  // The policies first, in one read: the month's spend is only summed for a scope that has one.
  const policies = options.cachedPolicies
    ? await enabledPoliciesFor(ctx, payload.agentId)
    : await BudgetStore.of(ctx).policies(payload.agentId);
  for (const agentId of scopes) {
    const policy = policies.find((p) => p.agentId === agentId);
    if (!policy?.enabled || policy.monthlyLimitUsd <= 0) continue;
    const spend = await spendOf(ctx.db, ctx.tenantId, agentId, ctx.clock());
    const budget = { ...spend, scope: agentId ? 'agent' : 'tenant' };
    const pct = (budget.spentUsd / policy.monthlyLimitUsd) * 100;
    const who = agentId ? 'This agent' : 'The organization';
    const thresholds = [
      { at: policy.alertAtPct, severity: 'WARNING' as const },
      { at: 100, severity: 'CRITICAL' as const },
    ].filter((t, i, all) => pct >= t.at && all.findIndex((o) => o.at === t.at) === i);
    for (const t of thresholds) {
      const alert = await raiseAlert(ctx, {
        agentId,
        severity: t.severity,
        source: 'COST',
        message: `${who} has used ${pct.toFixed(1)}% of its $${policy.monthlyLimitUsd} budget for ${budget.period} ($${budget.spentUsd.toFixed(4)} spent)`,
        dedupeKey: `budget:${budget.scope}:${agentId ?? 'org'}:${budget.period}:${t.at}`,
        metadata: {
          scope: budget.scope,
          period: budget.period,
          thresholdPct: t.at,
          spentUsd: budget.spentUsd,
          limitUsd: policy.monthlyLimitUsd,
          runId: payload.runId,
        },
      });
      if (alert) raised.push(alert.id);
    }
  }
  return { checked: true, raised };
}

/** A run refused by a hard limit raises one CRITICAL alert per scope and period (the first refusal). */
export async function alertRefusal(ctx: ServiceContext, agentId: string | null, refusal: TrellisError) {
  const d = refusal.details as { scope: 'agent' | 'tenant'; period: string; limitUsd: number; spentUsd: number };
  const scopeAgent = d.scope === 'agent' ? agentId : null;
  await raiseAlert(ctx, {
    agentId: scopeAgent,
    severity: 'CRITICAL',
    source: 'COST',
    message: `${d.scope === 'agent' ? 'This agent' : 'The organization'} reached its hard budget of $${d.limitUsd} for ${d.period}: runs are being refused`,
    dedupeKey: `budget:${d.scope}:${scopeAgent ?? 'org'}:${d.period}:refused`,
    metadata: { ...d },
  });
}
