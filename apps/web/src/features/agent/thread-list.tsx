// The Test page's side list of conversation threads (newest activity first) with the "New thread" button.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { MessageSquare, Plus } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { cn, formatDateTime, timeAgo } from '@/lib/utils';
import { threadsQuery } from './api';

const item = 'grid gap-0.5 rounded-md px-2.5 py-2 text-sm hover:bg-accent';
const current = 'bg-primary/10 hover:bg-primary/10';

export function ThreadList({
  slug,
  threadId,
  onNewThread,
  className,
}: {
  slug: string;
  threadId: string | undefined;
  onNewThread: () => void;
  className?: string;
}) {
  const { data: threads, error, isPending } = useQuery(threadsQuery(slug));
  const isNew = threadId !== undefined && !!threads && !threads.some((t) => t.threadId === threadId);
  return (
    <aside aria-labelledby="threads-title" className={cn('flex min-h-0 flex-col rounded-xl border bg-card', className)}>
      <div className="flex items-center justify-between gap-2 border-b p-2 pl-3">
        <h2 id="threads-title" className="text-sm font-semibold">
          Threads
        </h2>
        <Button size="sm" variant="outline" onClick={onNewThread}>
          <Plus aria-hidden /> New thread
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-1.5">
        {error ? (
          <ErrorNotice error={error} />
        ) : isPending ? (
          <div className="grid gap-1.5 p-1" aria-busy="true">
            <Skeleton className="h-11" />
            <Skeleton className="h-11" />
            <Skeleton className="h-11" />
          </div>
        ) : (
          <ul className="grid gap-0.5">
            {isNew && (
              <li>
                <p aria-current="page" className={cn(item, current, 'hover:bg-primary/10')}>
                  <span className="font-medium">New conversation</span>
                  <span className="text-xs text-muted-foreground">Send a message to start it</span>
                </p>
              </li>
            )}
            {threads.map((t) => {
              const selected = t.threadId === threadId;
              return (
                <li key={t.threadId}>
                  <Link
                    to="/workspace/$agentSlug/test"
                    params={{ agentSlug: slug }}
                    search={{ thread: t.threadId }}
                    aria-current={selected ? 'page' : undefined}
                    className={cn(item, selected && current)}
                  >
                    <span className="truncate font-medium">{t.title || 'Untitled thread'}</span>
                    <span className="flex items-center gap-1 text-xs text-muted-foreground">
                      <MessageSquare className="size-3" aria-hidden />
                      {t.runs} {t.runs === 1 ? 'run' : 'runs'} ·{' '}
                      <time dateTime={t.lastActivityAt} title={formatDateTime(t.lastActivityAt)}>
                        {timeAgo(t.lastActivityAt)}
                      </time>
                    </span>
                  </Link>
                </li>
              );
            })}
            {threads.length === 0 && !isNew && (
              <li className="p-3 text-center text-sm text-muted-foreground">No threads yet.</li>
            )}
          </ul>
        )}
      </div>
    </aside>
  );
}
