// /goals: goals submitted to the organization's agents — the list (newest first, live while any is in flight),
// the selected goal's plan and steps, and a form to submit a new one. The selection lives in the URL.
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Can } from '@/lib/access';
import { cn, timeAgo } from '@/lib/utils';
import { RunStatus } from '../agent/status';
import { goalsQuery } from './api';
import { GoalDetailPanel } from './goal-detail';
import { GoalForm } from './goal-form';

const route = getRouteApi('/app/goals');

export function GoalsPage() {
  const { goal: selected } = route.useSearch();
  const navigate = route.useNavigate();
  const goals = useQuery(goalsQuery());
  const [creating, setCreating] = useState(false);
  const select = (goal: string) => navigate({ search: { goal } });
  const current = selected ?? goals.data?.[0]?.id;

  return (
    <main className="mx-auto grid max-w-7xl gap-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Goals</h1>
          <p className="text-sm text-muted-foreground">
            An orchestrator agent plans each goal into steps; agents run them in order, failed steps are retried.
          </p>
        </div>
        <Can need="run">
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden /> New goal
          </Button>
        </Can>
      </div>
      {goals.isPending ? (
        <Spinner />
      ) : goals.error ? (
        <ErrorNotice error={goals.error} />
      ) : !goals.data.length ? (
        <EmptyState
          title="No goals yet"
          action={
            <Can need="run">
              <Button variant="outline" onClick={() => setCreating(true)}>
                Submit the first goal
              </Button>
            </Can>
          }
        >
          A goal is a task too big for one agent: say what you want, choose the agents that may help.
        </EmptyState>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[20rem_1fr]">
          <nav aria-label="Goals" className="grid gap-1">
            {goals.data.map((g) => (
              <button
                key={g.id}
                type="button"
                onClick={() => select(g.id)}
                aria-current={g.id === current ? 'true' : undefined}
                className={cn(
                  'grid gap-1 rounded-lg border p-3 text-left text-sm hover:bg-muted/60',
                  g.id === current && 'border-primary bg-primary/5',
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate font-medium">{g.title}</span>
                  <RunStatus status={g.status} />
                </span>
                <span className="text-xs text-muted-foreground">{timeAgo(g.createdAt)}</span>
              </button>
            ))}
          </nav>
          {current && <GoalDetailPanel goalId={current} />}
        </div>
      )}
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent title="New goal" description="Planned by the orchestrator, carried out by the agents you allow.">
          <GoalForm
            onCreated={(id) => {
              setCreating(false);
              select(id);
            }}
          />
        </DialogContent>
      </Dialog>
    </main>
  );
}
