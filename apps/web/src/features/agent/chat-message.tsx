// One message of the Test chat: the user's text and images, or the agent's reply (text and tool calls inline, in order)
// followed by the run's figures (model, tokens, cost, duration), a link to the run and, once it has completed, the
// caller's thumbs, rating and comment on it (for those who may run the agent).
import { Link } from '@tanstack/react-router';
import { getToolName, isToolUIPart } from 'ai';
import { Bot, ExternalLink, ImageIcon, Loader2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Can } from '@/lib/access';
import { formatMs, formatNumber, formatUsd } from '@/lib/utils';
import { RunFeedback } from '../evaluations/run-feedback';
import { ModelBadge } from '../workspace/workspace-page';
import type { ChatMessage, RunMessageMetadata, StoredImage } from './chat-history';
import { RunStatus } from './status';
import { ToolCallCard, type ToolCallState } from './tool-call-card';

type Part = ChatMessage['parts'][number];
/** A reply still streaming, or one the stream ended with an error (before its final metadata arrived). */
export type ReplyState = 'streaming' | 'failed';

function toolState(state: string): ToolCallState {
  if (state === 'output-available') return 'done';
  if (state === 'output-error' || state === 'output-denied') return 'error';
  return 'running';
}

function MessagePart({ part }: { part: Part }) {
  if (part.type === 'text') return <p className="whitespace-pre-wrap break-words">{part.text}</p>;
  if (part.type === 'reasoning')
    return <p className="whitespace-pre-wrap break-words text-muted-foreground italic">{part.text}</p>;
  if (isToolUIPart(part))
    return (
      <ToolCallCard
        call={{
          name: getToolName(part),
          state: toolState(part.state),
          input: part.input,
          output: part.output,
          errorText: part.errorText,
        }}
      />
    );
  return null;
}

/** Model, tokens, cost and duration of the run behind a reply, with a link to it. */
function RunFigures({ slug, meta, state }: { slug: string; meta?: RunMessageMetadata; state?: ReplyState }) {
  const finished = meta?.status !== undefined;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
      {state === 'streaming' ? (
        <span className="flex items-center gap-1" role="status">
          <Loader2 className="size-3 animate-spin" aria-hidden /> Answering…
        </span>
      ) : finished ? null : state === 'failed' ? (
        <RunStatus status="FAILED" />
      ) : (
        <span>Stopped before the run finished</span>
      )}
      {meta?.status && meta.status !== 'COMPLETED' && <RunStatus status={meta.status} />}
      {meta?.model?.label ? (
        <Badge variant="warning">{meta.model.label}</Badge>
      ) : meta?.model?.name ? (
        <ModelBadge provider={meta.model.provider} name={meta.model.name} />
      ) : null}
      {finished && (
        <>
          <span className="tabular-nums" title="prompt tokens in, completion tokens out">
            {formatNumber(meta.totalTokens)} tokens ({formatNumber(meta.promptTokens)} in ·{' '}
            {formatNumber(meta.completionTokens)} out)
          </span>
          <span className="tabular-nums">{formatUsd(meta.costUsd)}</span>
          <span className="tabular-nums">{formatMs(meta.durationMs)}</span>
        </>
      )}
      {meta?.runId && (
        <Link
          to="/workspace/$agentSlug/runs/$runId"
          params={{ agentSlug: slug, runId: meta.runId }}
          className="inline-flex items-center gap-1 text-primary hover:underline"
        >
          Run details <ExternalLink className="size-3" aria-hidden />
        </Link>
      )}
    </div>
  );
}

/** A user's image: the picture itself while its data URL is at hand, else (a reloaded thread) its type and size. */
function UserImage({ part, index }: { part: Part; index: number }) {
  if (part.type === 'file' && part.mediaType.startsWith('image/'))
    return (
      <a href={part.url} target="_blank" rel="noreferrer" className="block">
        <img
          src={part.url}
          alt={part.filename ?? `Image ${index + 1}`}
          className="max-h-48 min-h-12 max-w-full min-w-12 rounded-lg border bg-muted object-contain"
        />
      </a>
    );
  if (part.type === 'data-stored-image') {
    const image = part.data as StoredImage;
    return (
      <span className="inline-flex items-center gap-1.5 rounded-md border bg-background px-2 py-1 text-xs text-muted-foreground">
        <ImageIcon className="size-3.5" aria-hidden />
        {image.mediaType}, {formatNumber(image.bytes)} bytes{image.url ? '' : ' (not kept)'}
      </span>
    );
  }
  return null;
}

function UserMessage({ message }: { message: ChatMessage }) {
  const text = message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  const images = message.parts.filter((p) => p.type === 'file' || p.type === 'data-stored-image');
  return (
    <div className="flex justify-end">
      <div className="grid max-w-[85%] justify-items-end gap-2">
        {images.length > 0 && (
          <ul className="flex flex-wrap justify-end gap-2" aria-label="Images you sent">
            {images.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a sent message's parts never change
              <li key={i}>
                <UserImage part={p} index={i} />
              </li>
            ))}
          </ul>
        )}
        {(text || !images.length) && (
          <div className="rounded-2xl rounded-br-sm bg-primary/10 px-4 py-2 whitespace-pre-wrap break-words">
            <span className="sr-only">You: </span>
            {text}
          </div>
        )}
      </div>
    </div>
  );
}

export function ChatMessageView({ message, slug, state }: { message: ChatMessage; slug: string; state?: ReplyState }) {
  if (message.role === 'user') return <UserMessage message={message} />;
  const meta = message.metadata;
  return (
    <div className="flex gap-3">
      <div
        className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground"
        aria-hidden
      >
        <Bot className="size-4" />
      </div>
      <div className="grid min-w-0 flex-1 gap-2">
        <span className="sr-only">Agent: </span>
        {message.parts.map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no id and only ever grow at the end
          <MessagePart key={i} part={part} />
        ))}
        {meta?.status === 'FAILED' && meta.error && (
          <p className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">{meta.error}</p>
        )}
        <RunFigures slug={slug} meta={meta} state={state} />
        {meta?.runId && meta.status === 'COMPLETED' && (
          <Can need="run">
            <RunFeedback slug={slug} runId={meta.runId} />
          </Can>
        )}
      </div>
    </div>
  );
}
