// /workspace/:agentSlug/runs/:runId: one run — who served it and when, its figures, input and output, the error
// of a failed run, its trace as a timeline and its tool calls; Cancel and Run again, a link to the run it re-ran, and
// the caller's feedback on a completed run's answer.
// A run still in progress is polled until it ends.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { ChevronLeft } from 'lucide-react';
import { NotFound } from '@/components/not-found';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Fact, Stat } from '@/components/ui/facts';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Can } from '@/lib/access';
import { ApiError } from '@/lib/api';
import type { RunDetail } from '@/lib/types';
import { formatDateTime, formatMs, formatNumber, formatUsd } from '@/lib/utils';
import { RunFeedback } from '../evaluations/run-feedback';
import { ModelBadge } from '../workspace/workspace-page';
import { useAgentSlug } from './agent-layout';
import { runQuery } from './api';
import { RunActions } from './run-actions';
import { RunTypeBadge } from './runs-page';
import { RunStatus } from './status';
import { ToolCallsTable } from './tool-calls-table';
import { TraceTimeline } from './trace-timeline';

const inProgress = (run: RunDetail | undefined) => run?.status === 'RUNNING' || run?.status === 'QUEUED';

function TextBlock({ title, text, empty }: { title: string; text: string | null; empty: string }) {
  return (
    <Card className="min-w-0">
      <CardHeader className="flex-row items-center justify-between gap-2 pb-2">
        <CardTitle className="text-sm">{title}</CardTitle>
        {text && <CopyButton text={text} label={`Copy ${title.toLowerCase()}`} />}
      </CardHeader>
      <CardContent>
        {text ? (
          <p className="max-h-96 overflow-y-auto text-sm whitespace-pre-wrap break-words">{text}</p>
        ) : (
          <p className="text-sm text-muted-foreground">{empty}</p>
        )}
      </CardContent>
    </Card>
  );
}

export function RunDetailPage() {
  const slug = useAgentSlug();
  const runId = useParams({ strict: false }).runId as string;
  const {
    data: run,
    error,
    isPending,
  } = useQuery({
    ...runQuery(slug, runId),
    refetchInterval: (q) => (inProgress(q.state.data) ? 2000 : false),
  });
  if (error instanceof ApiError && error.status === 404) return <NotFound what="run" />;

  return (
    <article aria-labelledby="run-title" className="grid gap-5">
      <div className="grid gap-2">
        <Link
          to="/workspace/$agentSlug/runs"
          params={{ agentSlug: slug }}
          className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ChevronLeft className="size-4" aria-hidden /> All runs
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="run-title" className="text-lg font-semibold">
            Run <code className="font-mono text-base">{runId.slice(0, 8)}</code>
          </h2>
          {run && (
            <>
              <RunStatus status={run.status} />
              <RunTypeBadge runType={run.runType} />
              {run.modelProvider && run.modelName && <ModelBadge provider={run.modelProvider} name={run.modelName} />}
            </>
          )}
          <CopyButton text={runId} label="Copy run id" />
          {run?.parentRunId && (
            <Link
              to="/workspace/$agentSlug/runs/$runId"
              params={{ agentSlug: slug, runId: run.parentRunId }}
              className="text-sm text-primary hover:underline"
              title={`Open the original run ${run.parentRunId}`}
            >
              rerun of <code className="font-mono">{run.parentRunId.slice(0, 8)}</code>
            </Link>
          )}
          {run && (
            <Can need="run">
              <RunActions run={run} slug={slug} />
            </Can>
          )}
        </div>
      </div>

      {error ? (
        <ErrorNotice error={error} />
      ) : isPending ? (
        <div className="grid gap-4" aria-busy="true">
          <Skeleton className="h-16" />
          <Skeleton className="h-20" />
          <Skeleton className="h-64" />
        </div>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-xl border bg-card p-4 md:grid-cols-3 xl:grid-cols-6">
            <Fact label="Model">{run.modelProvider ? `${run.modelProvider} / ${run.modelName}` : '—'}</Fact>
            <Fact label="Version">
              {run.versionId ? (
                <code className="font-mono text-xs" title={run.versionId}>
                  {run.versionId}
                </code>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Thread">
              {run.threadId ? (
                <Link
                  to="/workspace/$agentSlug/test"
                  params={{ agentSlug: slug }}
                  search={{ thread: run.threadId }}
                  className="font-mono text-xs text-primary hover:underline"
                  title={`Open thread ${run.threadId} on the Test page`}
                >
                  {run.threadId}
                </Link>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Created">
              <time dateTime={run.createdAt}>{formatDateTime(run.createdAt)}</time>
            </Fact>
            <Fact label="Started">
              {run.startedAt ? <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time> : '—'}
            </Fact>
            <Fact label="Completed">
              {run.completedAt ? <time dateTime={run.completedAt}>{formatDateTime(run.completedAt)}</time> : '—'}
            </Fact>
          </dl>

          <dl className="grid grid-cols-3 gap-3 md:grid-cols-4 lg:grid-cols-7" aria-label="Figures">
            <Stat label="Duration" value={formatMs(run.durationMs)} />
            <Stat label="Prompt tokens" value={formatNumber(run.promptTokens)} />
            <Stat label="Completion tokens" value={formatNumber(run.completionTokens)} />
            <Stat label="Cached tokens" value={formatNumber(run.cachedTokens)} />
            <Stat label="Reasoning tokens" value={formatNumber(run.reasoningTokens)} />
            <Stat label="Total tokens" value={formatNumber(run.totalTokens)} />
            <Stat label="Cost" value={formatUsd(run.costUsd)} />
          </dl>

          {run.status === 'FAILED' && (
            <div
              role="alert"
              className="grid gap-1 rounded-lg border border-destructive/40 bg-destructive/10 p-3 text-sm"
            >
              <p className="font-medium">
                The run failed{run.errorCode && <code className="ml-2 font-mono text-xs">{run.errorCode}</code>}
              </p>
              <p className="whitespace-pre-wrap break-words">{run.error ?? 'No error message was recorded.'}</p>
            </div>
          )}
          {run.status === 'CANCELLED' && (
            <p className="rounded-lg border p-3 text-sm text-muted-foreground">
              The run was cancelled{run.error ? `: ${run.error}` : '.'}
            </p>
          )}

          <div className="grid gap-4 lg:grid-cols-2">
            <TextBlock title="Input" text={run.inputText} empty="No input was recorded." />
            <TextBlock
              title="Output"
              text={run.outputText}
              empty={inProgress(run) ? 'The run is still in progress…' : 'The run produced no output.'}
            />
          </div>

          {run.status === 'COMPLETED' && (
            <Can need="run">
              <Card>
                <CardHeader className="pb-2">
                  <h3 className="text-sm font-semibold">Your feedback</h3>
                  <CardDescription>
                    Thumbs up or down, and optionally a 1–5 rating and a comment; saving again changes your verdict.
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <RunFeedback slug={slug} runId={run.id} />
                </CardContent>
              </Card>
            </Can>
          )}

          <Card>
            <CardHeader>
              <CardTitle>Trace</CardTitle>
              <CardDescription>
                Each model call and tool call on the run's time axis; open a step for its content.
              </CardDescription>
            </CardHeader>
            <CardContent>
              {run.trace && run.trace.steps.length > 0 ? (
                <div className="rounded-lg border">
                  <TraceTimeline run={run} steps={run.trace.steps} />
                </div>
              ) : (
                <EmptyState title={inProgress(run) ? 'The trace is being recorded' : 'No trace steps'}>
                  {inProgress(run)
                    ? 'Steps appear when the run finishes.'
                    : 'This run recorded no model or tool steps.'}
                </EmptyState>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Tool calls</CardTitle>
            </CardHeader>
            <CardContent>
              {run.toolCalls.length > 0 ? (
                <ToolCallsTable calls={run.toolCalls} />
              ) : (
                <p className="text-sm text-muted-foreground">The agent called no tools in this run.</p>
              )}
            </CardContent>
          </Card>
        </>
      )}
    </article>
  );
}
