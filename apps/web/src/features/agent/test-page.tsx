// /workspace/:agentSlug/test: chat with the agent (streamed replies, tool calls inline, images attached to a message,
// each reply's tokens, cost and run) in threads with memory. The current thread is the `thread` search param; the
// side list switches threads.
import { useChat } from '@ai-sdk/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { DefaultChatTransport } from 'ai';
import { Send, Sparkles, Square } from 'lucide-react';
import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Textarea } from '@/components/ui/input';
import { Can, RoleNote } from '@/lib/access';
import { ApiError } from '@/lib/api';
import { DEMO_LABEL, DEMO_PROVIDER } from '@/lib/types';
import { useAgentSlug } from './agent-layout';
import { agentKeys, agentQuery, threadQuery } from './api';
import { AttachButton, AttachmentStrip, MAX_IMAGES, useImageAttachments } from './chat-attachments';
import { type ChatMessage, threadMessages } from './chat-history';
import { ChatMessageView, type ReplyState } from './chat-message';
import { ThreadList } from './thread-list';

/** Prompts that make the offline demo model call a tool (calculator, date-time, generate-id). */
const examples = ['What is 12.5 * 4 + 7?', 'What time is it in Tokyo?', 'Generate a new id'];

/** Chat transport errors carry the API's JSON error body as their message; show its message and request id. */
function chatError(error: Error): unknown {
  try {
    const body = JSON.parse(error.message) as { error?: { code?: string; message?: string; requestId?: string } };
    if (body.error?.message)
      return new ApiError(0, body.error.code ?? 'ERROR', body.error.message, body.error.requestId);
  } catch {}
  return error;
}

/**
 * Keeps a scroll container pinned to its bottom as it grows (after every render), unless the user scrolled up to
 * read; `pin` pins it again (on send).
 */
function useStickToBottom() {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  });
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  }, []);
  const pin = useCallback(() => {
    pinned.current = true;
  }, []);
  return { ref, onScroll, pin };
}

function ChatPanel({
  slug,
  threadId,
  initialMessages,
  demo,
  onSend,
}: {
  slug: string;
  threadId: string;
  initialMessages: ChatMessage[];
  demo: boolean;
  /** Called as a message is sent, before the request. */
  onSend: () => void;
}) {
  const client = useQueryClient();
  const [transport] = useState(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: `/api/agents/${encodeURIComponent(slug)}/chat`,
        // The server takes earlier turns from the thread's memory: send only the newest message, not the history.
        prepareSendMessagesRequest: ({ id, messages }) => ({
          body: { id, messages: messages.slice(-1), threadId, runType: 'TEST' },
        }),
      }),
  );
  const { messages, sendMessage, status, stop, error } = useChat<ChatMessage>({
    id: threadId,
    messages: initialMessages,
    transport,
    onFinish: () => {
      for (const queryKey of [
        agentKeys.threads(slug),
        agentKeys.thread(slug, threadId),
        agentKeys.overview(slug),
        [...agentKeys.one(slug), 'runs'],
      ])
        client.invalidateQueries({ queryKey });
    },
  });
  const busy = status === 'submitted' || status === 'streaming';
  const [draft, setDraft] = useState('');
  const attachments = useImageAttachments();
  const [stopped, setStopped] = useState(false);
  // The Textarea takes no ref: the form finds it by name to give it the focus back after a reply.
  const form = useRef<HTMLFormElement>(null);
  const scroll = useStickToBottom();
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy) (form.current?.elements.namedItem('message') as HTMLTextAreaElement | null)?.focus();
    wasBusy.current = busy;
  }, [busy]);

  function send(text: string) {
    const trimmed = text.trim();
    const files = attachments.parts;
    if ((!trimmed && !files.length) || busy) return;
    scroll.pin();
    setStopped(false);
    onSend();
    sendMessage(trimmed ? { text: trimmed, files } : { files });
    setDraft('');
    attachments.clear();
  }
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    send(draft);
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send(draft);
    }
  }
  const last = messages.at(-1);
  const lastReply: ReplyState | undefined =
    last?.role !== 'assistant' ? undefined : busy ? 'streaming' : error ? 'failed' : undefined;

  return (
    <section aria-label="Chat" className="flex min-h-0 flex-1 flex-col rounded-xl border bg-card">
      <div
        ref={scroll.ref}
        onScroll={scroll.onScroll}
        role="log"
        aria-label="Conversation"
        aria-busy={busy}
        className="min-h-0 flex-1 overflow-y-auto p-4"
      >
        {messages.length === 0 ? (
          <div className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
            <Sparkles className="size-8 text-muted-foreground" aria-hidden />
            <p className="font-medium">Try the agent</p>
            <p className="max-w-md text-sm text-muted-foreground">
              Each message is a recorded test run; the thread keeps the conversation in memory.
              {demo && ` The agent runs on the ${DEMO_LABEL} model, which calls a tool when a message asks for one.`}
            </p>
            <ul className="flex flex-wrap justify-center gap-2" aria-label="Example prompts">
              {examples.map((text) => (
                <li key={text}>
                  <Button variant="outline" size="sm" onClick={() => send(text)}>
                    {text}
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <div className="grid gap-5">
            {messages.map((m) => (
              <ChatMessageView key={m.id} message={m} slug={slug} state={m === last ? lastReply : undefined} />
            ))}
            {stopped && !busy && last?.role === 'user' && (
              <p className="text-center text-xs text-muted-foreground">Stopped before the agent answered.</p>
            )}
            {status === 'submitted' && last?.role === 'user' && (
              <ChatMessageView
                message={{ id: 'pending', role: 'assistant', parts: [] }}
                slug={slug}
                state="streaming"
              />
            )}
          </div>
        )}
        {error && <ErrorNotice error={chatError(error)} className="mt-4" />}
      </div>
      <form ref={form} onSubmit={onSubmit} className="grid gap-2 border-t p-3">
        <AttachmentStrip images={attachments.images} onRemove={attachments.remove} />
        {attachments.problem && (
          <p role="alert" className="text-xs text-destructive">
            {attachments.problem}
          </p>
        )}
        <div className="flex items-end gap-2">
          <AttachButton onFiles={attachments.add} disabled={busy} full={attachments.images.length >= MAX_IMAGES} />
          <Textarea
            name="message"
            aria-label="Message"
            placeholder={
              busy ? 'The agent is answering…' : 'Message the agent (Enter to send, Shift+Enter for a new line)'
            }
            rows={2}
            className="max-h-48 min-h-0 resize-none"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={(e) => {
              const images = [...e.clipboardData.files].filter((f) => f.type.startsWith('image/'));
              if (images.length) {
                e.preventDefault();
                attachments.add(images);
              }
            }}
            disabled={busy}
          />
          {busy ? (
            <Button
              variant="outline"
              onClick={() => {
                setStopped(true);
                stop();
              }}
            >
              <Square aria-hidden /> Stop
            </Button>
          ) : (
            <Button type="submit" disabled={!draft.trim() && !attachments.images.length}>
              <Send aria-hidden /> Send
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}

export function TestPage() {
  const slug = useAgentSlug();
  const { thread } = useSearch({ from: '/app/workspace/$agentSlug/test' });
  const navigate = useNavigate({ from: '/workspace/$agentSlug/test' });
  const client = useQueryClient();
  const agent = useQuery(agentQuery(slug));
  // Without a `thread` param the page holds a new, empty thread; its id goes into the URL with its first message.
  const [draftId, setDraftId] = useState(() => crypto.randomUUID());
  const threadId = thread ?? draftId;
  const history = useQuery({ ...threadQuery(slug, threadId), enabled: thread !== undefined });
  const initialMessages = useMemo(
    () => (thread !== undefined && history.data ? threadMessages(history.data) : []),
    [thread, history.data],
  );
  const demo = agent.data?.modelProvider === DEMO_PROVIDER;

  function newThread() {
    setDraftId(crypto.randomUUID());
    navigate({ search: {} });
  }
  function onSend() {
    if (thread !== undefined) return;
    // The thread has no runs yet: seed its (empty) history so the chat stays mounted while the URL changes.
    client.setQueryData(threadQuery(slug, threadId).queryKey, []);
    navigate({ search: { thread: threadId }, replace: true });
  }

  return (
    <div className="grid gap-4 md:h-[calc(100dvh-15.5rem)] md:min-h-[32rem] md:grid-cols-[15rem_minmax(0,1fr)] lg:grid-cols-[17rem_minmax(0,1fr)]">
      <h2 className="sr-only">Test</h2>
      <ThreadList slug={slug} threadId={threadId} onNewThread={newThread} className="max-md:max-h-64" />
      <div className="flex min-h-[28rem] flex-col gap-2 md:min-h-0">
        <div className="flex min-h-6 flex-wrap items-center gap-2 text-xs text-muted-foreground">
          {demo && <Badge variant="warning">{DEMO_LABEL}</Badge>}
          <span>
            Test runs in thread <code className="font-mono">{threadId.slice(0, 8)}</code>
          </span>
        </div>
        {history.error ? (
          <ErrorNotice error={history.error} />
        ) : thread !== undefined && history.isPending ? (
          <Skeleton className="flex-1" />
        ) : (
          <Can
            need="run"
            fallback={<RoleNote need="run">You can read this agent’s threads but not chat with it</RoleNote>}
          >
            <ChatPanel
              key={threadId}
              slug={slug}
              threadId={threadId}
              initialMessages={initialMessages}
              demo={demo}
              onSend={onSend}
            />
          </Can>
        )}
      </div>
    </div>
  );
}
