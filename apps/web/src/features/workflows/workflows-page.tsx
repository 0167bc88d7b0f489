// /workflows: the code-defined workflows (today the trip planner) — the workflow with its step graph, its runs (newest
// first, live while any is in flight), the selected run's view, and a form to start one. The selection lives in the URL.
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Plane } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Can } from '@/lib/access';
import type { Workflow } from '@/lib/types';
import { cn, timeAgo } from '@/lib/utils';
import { RunStatus } from '../agent/status';
import { workflowRunsQuery, workflowsQuery } from './api';
import { destinationOf, tripDetails, WorkflowRunPanel } from './run-view';
import { StepGraph } from './step-graph';
import { TripForm } from './trip-form';

const route = getRouteApi('/app/workflows');

function WorkflowCard({ workflow }: { workflow: Workflow }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{workflow.name}</CardTitle>
        <CardDescription>{workflow.description}</CardDescription>
      </CardHeader>
      <CardContent>
        <StepGraph workflow={workflow} compact />
      </CardContent>
    </Card>
  );
}

function WorkflowRuns({ workflow, selected, onStart }: { workflow: Workflow; selected?: string; onStart: () => void }) {
  const navigate = route.useNavigate();
  const runs = useQuery(workflowRunsQuery(workflow.id));
  const select = (run: string) => navigate({ search: { workflow: workflow.id, run } });
  const current = selected ?? runs.data?.[0]?.id;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
        {runs.isPending ? (
          <Spinner />
        ) : runs.error ? (
          <ErrorNotice error={runs.error} />
        ) : runs.data.length ? (
          <nav aria-label="Workflow runs" className="grid grid-cols-[minmax(0,1fr)] gap-1">
            {runs.data.map((r) => (
              <button
                key={r.id}
                type="button"
                onClick={() => select(r.id)}
                aria-current={r.id === current ? 'true' : undefined}
                className={cn(
                  'grid grid-cols-[minmax(0,1fr)] gap-1 rounded-lg border p-3 text-left text-sm hover:bg-muted/60',
                  r.id === current && 'border-primary bg-primary/5',
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate font-medium">{destinationOf(r.inputJson)}</span>
                  <RunStatus status={r.status} />
                </span>
                <span className="truncate text-xs text-muted-foreground">
                  {tripDetails(r.inputJson)} · {timeAgo(r.createdAt)}
                </span>
              </button>
            ))}
          </nav>
        ) : null}
        <WorkflowCard workflow={workflow} />
      </div>
      {current ? (
        <WorkflowRunPanel workflow={workflow} runId={current} />
      ) : (
        !runs.isPending && (
          <EmptyState
            title="No trips planned yet"
            action={
              <Can need="run">
                <Button variant="outline" onClick={onStart}>
                  Plan the first trip
                </Button>
              </Can>
            }
          >
            Say where and when: the destination agent researches it, three agents find lodging, activities and transport
            at once, then the route, the day-by-day itinerary and the budget follow — each step a recorded run of its
            agent.
          </EmptyState>
        )
      )}
    </div>
  );
}

export function WorkflowsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const workflows = useQuery(workflowsQuery());
  const workflow = workflows.data?.find((w) => w.id === search.workflow) ?? workflows.data?.[0];
  const [starting, setStarting] = useState(false);

  return (
    <main className="mx-auto grid max-w-7xl gap-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Workflows</h1>
          <p className="text-sm text-muted-foreground">
            Fixed graphs of agent steps, run in the background: each step is a recorded run of its agent, with its cost,
            budget and guardrails.
          </p>
        </div>
        {workflow && (
          <Can need="run">
            <Button onClick={() => setStarting(true)}>
              <Plane aria-hidden /> Plan a trip
            </Button>
          </Can>
        )}
      </div>
      {workflows.isPending ? (
        <Spinner />
      ) : workflows.error ? (
        <ErrorNotice error={workflows.error} />
      ) : workflow ? (
        <>
          <WorkflowRuns key={workflow.id} workflow={workflow} selected={search.run} onStart={() => setStarting(true)} />
          <Dialog open={starting} onOpenChange={setStarting}>
            <DialogContent title="Plan a trip" description={workflow.description}>
              <TripForm
                workflowId={workflow.id}
                onStarted={(run) => {
                  setStarting(false);
                  navigate({ search: { workflow: workflow.id, run } });
                }}
              />
            </DialogContent>
          </Dialog>
        </>
      ) : (
        <EmptyState title="No workflows" />
      )}
    </main>
  );
}
