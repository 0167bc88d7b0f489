// /knowledge: the organization's knowledge bases — the list, the selected base's documents, ways to add documents and
// a search playground — and a form to create one. The selection lives in the URL.
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Can, RoleNote } from '@/lib/access';
import { cn, formatNumber } from '@/lib/utils';
import { knowledgeBasesQuery } from './api';
import { KnowledgeBaseDetail } from './kb-detail';
import { KnowledgeBaseForm } from './kb-form';

const route = getRouteApi('/app/knowledge');

export function KnowledgePage() {
  const { kb: selected } = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(knowledgeBasesQuery());
  const [creating, setCreating] = useState(false);
  const select = (kb: string | undefined) => navigate({ search: kb ? { kb } : {} });
  const bases = list.data?.knowledgeBases ?? [];
  const current = bases.find((b) => b.id === selected || b.slug === selected) ?? bases[0];

  return (
    <main className="mx-auto grid max-w-7xl gap-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-3xl">
          <h1 className="text-2xl font-semibold">Knowledge</h1>
          <p className="text-sm text-muted-foreground">
            Documents split into passages and indexed for search. Agents given the{' '}
            <code className="font-mono">knowledge-search</code> tool search them and cite what they used.
          </p>
        </div>
        <Can need="manage">
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden /> New knowledge base
          </Button>
        </Can>
      </div>
      <RoleNote need="manage">You can search the knowledge bases but not add or change them</RoleNote>
      {list.isPending ? (
        <Spinner />
      ) : list.error ? (
        <ErrorNotice error={list.error} />
      ) : !current ? (
        <EmptyState
          title="No knowledge bases yet"
          action={
            <Can need="manage">
              <Button variant="outline" onClick={() => setCreating(true)}>
                Create the first knowledge base
              </Button>
            </Can>
          }
        >
          A knowledge base holds documents — pasted text, web pages, uploaded files — that agents can search.
        </EmptyState>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
          <nav aria-label="Knowledge bases" className="grid grid-cols-[minmax(0,1fr)] gap-1">
            {bases.map((b) => (
              <button
                key={b.id}
                type="button"
                onClick={() => select(b.id)}
                aria-current={b.id === current.id ? 'true' : undefined}
                className={cn(
                  'grid grid-cols-[minmax(0,1fr)] gap-1 rounded-lg border p-3 text-left text-sm hover:bg-muted/60',
                  b.id === current.id && 'border-primary bg-primary/5',
                )}
              >
                <span className="truncate font-medium">{b.name}</span>
                <span className="truncate text-xs text-muted-foreground">
                  {formatNumber(b.documents)} document{b.documents === 1 ? '' : 's'} · {formatNumber(b.chunks)} passage
                  {b.chunks === 1 ? '' : 's'}
                </span>
              </button>
            ))}
          </nav>
          <KnowledgeBaseDetail
            key={current.id}
            kb={current}
            vectorSearch={list.data.vectorSearch}
            onDeleted={() => select(undefined)}
          />
        </div>
      )}
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent
          title="New knowledge base"
          description="How documents are split and embedded is fixed once it is created."
          className="max-h-[90dvh] overflow-y-auto sm:max-w-xl"
        >
          <KnowledgeBaseForm
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
