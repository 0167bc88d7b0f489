// One knowledge base: its settings (edit name, description and search width; delete, for admins), its documents,
// the ways to add one, and the search playground.
import { Pencil } from 'lucide-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { ConfirmRemove, Dialog, DialogContent } from '@/components/ui/dialog';
import { Fact } from '@/components/ui/facts';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Can } from '@/lib/access';
import { ApiError } from '@/lib/api';
import type { KnowledgeBase } from '@/lib/types';
import { formatNumber } from '@/lib/utils';
import { AddDocument } from './add-document';
import { useDeleteKnowledgeBase, useUpdateKnowledgeBase } from './api';
import { DocumentsTable } from './documents-table';
import { SearchPlayground } from './search-playground';

function EditForm({ kb, onDone }: { kb: KnowledgeBase; onDone: () => void }) {
  const update = useUpdateKnowledgeBase(kb.id);
  const errors = update.error instanceof ApiError ? update.error.fieldErrors() : {};
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    update.mutate(
      {
        name: String(data.get('name')).trim(),
        description: String(data.get('description')).trim() || null,
        efSearch: Number(data.get('efSearch')),
      },
      {
        onSuccess: (saved) => {
          toast.success(`Saved ${saved.name}`);
          onDone();
        },
      },
    );
  }
  return (
    <form className="grid gap-4" onSubmit={submit} aria-label={`Edit ${kb.name}`}>
      <Field id="kb-edit-name" label="Name" error={errors.name}>
        <Input id="kb-edit-name" name="name" required maxLength={120} defaultValue={kb.name} />
      </Field>
      <Field id="kb-edit-description" label="Description" error={errors.description}>
        <Textarea
          id="kb-edit-description"
          name="description"
          rows={2}
          maxLength={2000}
          defaultValue={kb.description ?? ''}
        />
      </Field>
      <Field
        id="kb-edit-efSearch"
        label="Search width (HNSW ef_search)"
        hint="Wider finds more of the true nearest passages, a little slower: 10–1000."
        error={errors.efSearch}
        className="sm:max-w-64"
      >
        <Input id="kb-edit-efSearch" name="efSearch" type="number" min={10} max={1000} defaultValue={kb.efSearch} />
      </Field>
      {update.error && !Object.keys(errors).length && <ErrorNotice error={update.error} />}
      <div className="flex justify-end gap-2">
        <Button variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card role="region" aria-labelledby={`${id}-title`}>
      <CardHeader>
        <h3 id={`${id}-title`} className="font-semibold leading-tight">
          {title}
        </h3>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function KnowledgeBaseDetail({
  kb,
  vectorSearch,
  onDeleted,
}: {
  kb: KnowledgeBase;
  vectorSearch: boolean;
  onDeleted: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteKnowledgeBase(kb.id);
  return (
    <section className="grid min-w-0 gap-6" aria-label={`Knowledge base ${kb.name}`}>
      <Card>
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid min-w-0 gap-1">
            <h2 className="text-lg font-semibold leading-tight">{kb.name}</h2>
            {kb.description && <CardDescription>{kb.description}</CardDescription>}
          </div>
          <Can need="manage">
            <div className="flex items-center gap-1">
              <Button variant="ghost" size="icon" aria-label={`Edit ${kb.name}`} onClick={() => setEditing(true)}>
                <Pencil aria-hidden />
              </Button>
              <ConfirmRemove
                label={`Delete ${kb.name}`}
                title={`Delete ${kb.name}?`}
                description="Its documents, passages and vectors are deleted; agents searching it find nothing from it any more."
                confirmLabel="Delete knowledge base"
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      toast.success(`Deleted ${kb.name}`);
                      onDeleted();
                    },
                    onError: (e) => toast.error(e.message),
                  })
                }
              />
            </div>
          </Can>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
            <div className="col-span-2">
              <Fact label="Embedding model">
                <span title={kb.embeddingModel} className="font-mono text-xs">
                  {kb.embeddingModel}
                </span>
              </Fact>
            </div>
            <Fact label="Dimensions">{formatNumber(kb.dimensions)}</Fact>
            <Fact label="Search width">{formatNumber(kb.efSearch)}</Fact>
            <Fact label="Slug">
              <code className="font-mono text-xs" title={kb.slug}>
                {kb.slug}
              </code>
            </Fact>
            <Fact label="Passage size / overlap">
              {formatNumber(kb.chunkSize)} / {formatNumber(kb.chunkOverlap)} chars
            </Fact>
            <Fact label="Documents">{formatNumber(kb.documents)}</Fact>
            <Fact label="Passages">{formatNumber(kb.chunks)}</Fact>
          </dl>
        </CardContent>
      </Card>
      <Section id="kb-documents" title="Documents">
        <DocumentsTable kbId={kb.id} />
      </Section>
      <Can need="manage">
        <Section
          id="kb-add"
          title="Add a document"
          description="It is queued, split into passages and embedded in the background; its progress shows above."
        >
          <AddDocument kbId={kb.id} />
        </Section>
      </Can>
      <Section
        id="kb-search"
        title="Search playground"
        description="Try what an agent's knowledge-search would find here."
      >
        <SearchPlayground kbId={kb.id} vectorSearch={vectorSearch} />
      </Section>
      <Dialog open={editing} onOpenChange={setEditing}>
        <DialogContent
          title={`Edit ${kb.name}`}
          description="The embedding model and passages stay as they were created."
        >
          <EditForm kb={kb} onDone={() => setEditing(false)} />
        </DialogContent>
      </Dialog>
    </section>
  );
}
