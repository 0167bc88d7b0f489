// The Traces page's right pane: the selected run's trace from GET …/runs/{runId}/trace — its figures, the error of
// a failed run, the step timeline and the tool calls — with a link to the full run page.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ArrowRight } from 'lucide-react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { ApiError } from '@/lib/api';
import type { Run } from '@/lib/types';
import { formatMs, formatNumber, formatUsd } from '@/lib/utils';
import { traceQuery } from '../agent/api';
import { ToolCallsTable } from '../agent/tool-calls-table';
import { TraceTimeline } from '../agent/trace-timeline';

const inProgress = (run: Run) => run.status === 'RUNNING' || run.status === 'QUEUED';

function TraceBody({ slug, run }: { slug: string; run: Run }) {
  const query = useQuery({ ...traceQuery(slug, run.id), enabled: !inProgress(run) });
  if (inProgress(run))
    return <EmptyState title="The trace is being recorded">Its steps appear when the run finishes.</EmptyState>;
  if (query.error instanceof ApiError && query.error.status === 404)
    return <EmptyState title="No trace">This run recorded no trace.</EmptyState>;
  if (query.error) return <ErrorNotice error={query.error} />;
  if (query.isPending)
    return (
      <div className="grid gap-3" aria-busy="true">
        <Skeleton className="h-10" />
        <Skeleton className="h-40" />
      </div>
    );
  const trace = query.data;
  return (
    <div className="grid grid-cols-1 gap-4">
      <p className="text-sm text-muted-foreground">
        {formatMs(trace.durationMs)} · {formatNumber(trace.steps.length)} {trace.steps.length === 1 ? 'step' : 'steps'}{' '}
        · {formatNumber(trace.toolCalls.length)} tool {trace.toolCalls.length === 1 ? 'call' : 'calls'} ·{' '}
        {formatNumber(run.totalTokens)} tokens · {formatUsd(trace.costUsd)}
      </p>
      {run.status === 'FAILED' && (
        <p className="rounded-lg border border-destructive/40 bg-destructive/10 p-3 text-sm whitespace-pre-wrap break-words">
          {run.errorCode && <code className="mr-2 font-mono text-xs">{run.errorCode}</code>}
          {run.error ?? 'The run failed without a message.'}
        </p>
      )}
      {trace.steps.length > 0 ? (
        <div className="rounded-lg border">
          <TraceTimeline run={trace} steps={trace.steps} />
        </div>
      ) : (
        <EmptyState title="No trace steps">This run recorded no model or tool steps.</EmptyState>
      )}
      <div className="grid gap-2">
        <h4 className="text-sm font-medium">Tool calls</h4>
        {trace.toolCalls.length > 0 ? (
          <ToolCallsTable calls={trace.toolCalls} />
        ) : (
          <p className="text-sm text-muted-foreground">The agent called no tools in this run.</p>
        )}
      </div>
    </div>
  );
}

export function TracePanel({ slug, run }: { slug: string; run: Run }) {
  return (
    <Card className="min-w-0" role="region" aria-labelledby="trace-panel-title">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div className="grid min-w-0 gap-1">
          <CardTitle className="text-base">
            <h3 id="trace-panel-title">
              Trace of run <code className="font-mono">{run.id.slice(0, 8)}</code>
            </h3>
          </CardTitle>
          <CardDescription className="truncate" title={run.inputText ?? undefined}>
            {run.inputText || '(no input)'}
          </CardDescription>
        </div>
        <Link
          to="/workspace/$agentSlug/runs/$runId"
          params={{ agentSlug: slug, runId: run.id }}
          className="inline-flex items-center gap-1 text-sm text-primary hover:underline"
        >
          Open the full run <ArrowRight className="size-3.5" aria-hidden />
        </Link>
      </CardHeader>
      <CardContent>
        <TraceBody slug={slug} run={run} />
      </CardContent>
    </Card>
  );
}
