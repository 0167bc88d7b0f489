// A budget policy — an agent's, or the organization's when no slug is given: the meter, then the form (monthly limit,
// alert percentage, hard limit, enabled). Errors, ours or the API's, show at their field; removal is confirmed.
import { useQuery } from '@tanstack/react-query';
import { Save, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Can, RoleNote } from '@/lib/access';
import type { Budget, BudgetInput } from '@/lib/types';
import { IssuesProvider, SwitchField, TextField } from '../agent/configure-controls';
import { apiIssues, focusControl, type Issue } from '../agent/configure-form';
import { budgetQuery, useDeleteBudget, usePutBudget } from './api';
import { BudgetMeter } from './budget-meter';

interface Draft {
  limit: string;
  alertAt: string;
  hardLimit: boolean;
  enabled: boolean;
}

const draftOf = (policy: Budget['policy']): Draft => ({
  limit: policy ? String(policy.monthlyLimitUsd) : '',
  alertAt: String(policy?.alertAtPct ?? 80),
  hardLimit: policy?.hardLimit ?? false,
  enabled: policy?.enabled ?? true,
});

/** The API body for a draft, or the messages of the fields that are wrong (paths are the API's field names). */
function toInput(d: Draft): { input?: BudgetInput; issues: Issue[] } {
  const issues: Issue[] = [];
  const limit = Number(d.limit);
  if (!d.limit.trim()) issues.push({ path: 'monthlyLimitUsd', message: 'Enter a monthly limit in USD.' });
  else if (!Number.isFinite(limit) || limit < 0)
    issues.push({ path: 'monthlyLimitUsd', message: 'The limit must be a number of USD, 0 or more.' });
  const alertAt = Number(d.alertAt);
  if (!Number.isInteger(alertAt) || alertAt < 1 || alertAt > 100)
    issues.push({ path: 'alertAtPct', message: 'Alert at a whole percentage from 1 to 100.' });
  if (issues.length) return { issues };
  return {
    issues,
    input: { monthlyLimitUsd: limit, alertAtPct: alertAt, hardLimit: d.hardLimit, enabled: d.enabled },
  };
}

function BudgetForm({ slug, budget, prefix }: { slug: string | undefined; budget: Budget; prefix: string }) {
  const [draft, setDraft] = useState(() => draftOf(budget.policy));
  const [issues, setIssues] = useState<Issue[]>([]);
  const save = usePutBudget(slug);
  const remove = useDeleteBudget(slug);
  const whose = slug ? "the agent's" : "the organization's";
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const show = (found: Issue[]) => {
    const scoped = found.map((i) => ({ ...i, path: `${prefix}.${i.path}` }));
    setIssues(scoped);
    if (scoped[0]) focusControl(scoped[0].path);
    return scoped.length > 0;
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const { input, issues: found } = toInput(draft);
    if (!input) return show(found);
    show([]);
    save.mutate(input, {
      onSuccess: () => toast.success(`Saved ${whose} budget`),
      onError: (error) => show(apiIssues(error)),
    });
  }

  const fieldErrorShown = issues.length > 0;
  return (
    <IssuesProvider value={issues}>
      <form
        className="grid gap-4"
        onSubmit={submit}
        noValidate
        aria-label={slug ? 'Agent budget' : 'Organization budget'}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            path={`${prefix}.monthlyLimitUsd`}
            label="Monthly limit (USD)"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            placeholder="e.g. 50"
            value={draft.limit}
            onValueChange={(limit) => set({ limit })}
          />
          <TextField
            path={`${prefix}.alertAtPct`}
            label="Alert at (% of the limit)"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            step={1}
            value={draft.alertAt}
            onValueChange={(alertAt) => set({ alertAt })}
          />
        </div>
        <SwitchField
          path={`${prefix}.hardLimit`}
          label="Hard limit"
          description="Refuse runs that could take the month's spend past the limit (402 BUDGET_EXCEEDED). Off: alerts only."
          checked={draft.hardLimit}
          onCheckedChange={(hardLimit) => set({ hardLimit })}
        />
        <SwitchField
          path={`${prefix}.enabled`}
          label="Enabled"
          description="A disabled policy neither alerts nor refuses runs."
          checked={draft.enabled}
          onCheckedChange={(enabled) => set({ enabled })}
        />
        {save.error && !fieldErrorShown && <ErrorNotice error={save.error} />}
        {remove.error && <ErrorNotice error={remove.error} />}
        <div className="flex flex-wrap justify-end gap-2">
          {budget.policy && (
            <ConfirmDialog
              destructive
              title={`Remove ${whose} budget?`}
              description="Runs are no longer refused or alerted on for cost. This month's spend stays recorded."
              confirmLabel="Remove budget"
              onConfirm={() => remove.mutate(undefined, { onSuccess: () => toast.success(`Removed ${whose} budget`) })}
              trigger={
                <Button variant="outline" disabled={remove.isPending}>
                  <Trash2 aria-hidden /> Remove budget
                </Button>
              }
            />
          )}
          <Button type="submit" disabled={save.isPending}>
            <Save aria-hidden /> {save.isPending ? 'Saving…' : 'Save budget'}
          </Button>
        </div>
      </form>
    </IssuesProvider>
  );
}

/** The meter and form of a budget; `slug` undefined is the organization's. `prefix` keeps control ids unique. */
export function BudgetPolicyEditor({ slug, prefix }: { slug: string | undefined; prefix: string }) {
  const budget = useQuery(budgetQuery(slug));
  if (budget.error) return <ErrorNotice error={budget.error} />;
  if (budget.isPending) return <Skeleton className="h-64" />;
  return (
    <div className="grid gap-5">
      <BudgetMeter budget={budget.data} />
      {/* A saved or removed policy starts the form again from what the server now holds. */}
      <Can need="manage" fallback={<RoleNote need="manage">You can see this budget but not change it</RoleNote>}>
        <BudgetForm key={budget.data.policy?.updatedAt ?? 'none'} slug={slug} budget={budget.data} prefix={prefix} />
      </Can>
    </div>
  );
}
