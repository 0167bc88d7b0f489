// A budget at a glance: this month's spend, in-flight reservations and what remains, with a bar that turns amber at
// the alert threshold and red at the limit. Without a policy it says that nothing is ever refused.
import { Badge } from '@/components/ui/badge';
import type { Budget } from '@/lib/types';
import { cn, formatUsd } from '@/lib/utils';
import { monthLabel } from './month';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export function BudgetMeter({ budget }: { budget: Budget }) {
  const { policy } = budget;
  const used = budget.usedPct ?? 0;
  const tone = used >= 100 ? 'bg-destructive' : policy && used >= policy.alertAtPct ? 'bg-warning' : 'bg-primary';
  const label = budget.scope === 'agent' ? "Agent's budget used" : "Organization's budget used";
  return (
    <div className="grid gap-3">
      <dl className="grid grid-cols-3 gap-3">
        <Figure label={`Spent in ${monthLabel(budget.period)}`} value={formatUsd(budget.spentUsd)} />
        <Figure label="Reserved (in flight)" value={formatUsd(budget.reservedUsd)} />
        <Figure label="Remaining" value={policy ? formatUsd(budget.remainingUsd) : 'No limit'} />
      </dl>
      {policy ? (
        <div className="grid gap-1.5">
          <div
            role="progressbar"
            aria-label={label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.min(100, Math.round(used))}
            aria-valuetext={`${used.toFixed(1)}% of ${formatUsd(policy.monthlyLimitUsd)}`}
            className="h-2 overflow-hidden rounded-full bg-muted"
          >
            <div
              className={cn('h-full rounded-full transition-all', tone)}
              style={{ width: `${Math.min(100, used)}%` }}
            />
          </div>
          <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <span className="tabular-nums">
              {used.toFixed(1)}% of {formatUsd(policy.monthlyLimitUsd)}
            </span>
            <Badge variant="outline">alert at {policy.alertAtPct}%</Badge>
            {policy.hardLimit && <Badge variant="secondary">hard limit</Badge>}
            {!policy.enabled && <Badge variant="warning">disabled</Badge>}
          </div>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">No budget is set: runs are never refused for cost.</p>
      )}
    </div>
  );
}
