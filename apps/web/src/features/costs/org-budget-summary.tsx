// The organization's budget, read-only beside an agent's: its meter and a link to change it in Settings.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { budgetQuery } from './api';
import { BudgetMeter } from './budget-meter';

export function OrgBudgetSummary() {
  const budget = useQuery(budgetQuery(undefined));
  if (budget.error) return <ErrorNotice error={budget.error} />;
  if (budget.isPending) return <Skeleton className="h-24" />;
  return (
    <div className="grid gap-3">
      <BudgetMeter budget={budget.data} />
      <p className="text-sm">
        <Link to="/settings" hash="organization-budget" className="text-primary underline-offset-4 hover:underline">
          {budget.data.policy ? 'Change the organization budget in Settings' : 'Set an organization budget in Settings'}
        </Link>
      </p>
    </div>
  );
}
