// Creates a knowledge base: its name (and slug), description, embedding model (the offline one by default; a
// provider's needs its dimensions), how documents are split into passages, and the vector search width. Only filled
// fields are sent; the API's refusals show at their field.
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ApiError } from '@/lib/api';
import type { KnowledgeBaseInput } from '@/lib/types';
import { useCreateKnowledgeBase } from './api';

export const OFFLINE_EMBEDDER = 'offline/universal-sentence-encoder-lite';
const shown = ['name', 'slug', 'description', 'embeddingModel', 'dimensions', 'chunkSize', 'chunkOverlap', 'efSearch'];

function inputOf(data: FormData): KnowledgeBaseInput {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const number = (name: string) => (text(name) ? Number(text(name)) : undefined);
  const embeddingModel = text('embeddingModel') || OFFLINE_EMBEDDER;
  return {
    name: text('name'),
    slug: text('slug') || undefined,
    description: text('description') || undefined,
    embeddingModel,
    dimensions: embeddingModel === OFFLINE_EMBEDDER ? undefined : number('dimensions'),
    chunkSize: number('chunkSize'),
    chunkOverlap: number('chunkOverlap'),
    efSearch: number('efSearch'),
  };
}

export function KnowledgeBaseForm({ onCreated }: { onCreated: (id: string) => void }) {
  const create = useCreateKnowledgeBase();
  const [model, setModel] = useState(OFFLINE_EMBEDDER);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const field = (name: string) => ({
    id: `kb-${name}`,
    name,
    ...(errors[name] ? { 'aria-invalid': true, 'aria-describedby': `kb-${name}-error` } : {}),
  });
  const offline = model.trim() === OFFLINE_EMBEDDER || !model.trim();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    create.mutate(inputOf(new FormData(e.currentTarget)), {
      onSuccess: (kb) => {
        toast.success(`Created ${kb.name}: add documents to it`);
        onCreated(kb.id);
      },
    });
  }

  return (
    <form className="grid gap-4" onSubmit={submit} aria-label="New knowledge base">
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field id="kb-name" label="Name" error={errors.name}>
          <Input {...field('name')} required maxLength={120} placeholder="Product handbook" />
        </Field>
        <Field id="kb-slug" label="Slug (optional)" hint="From the name when left empty." error={errors.slug}>
          <Input {...field('slug')} maxLength={63} className="font-mono" placeholder="product-handbook" />
        </Field>
      </div>
      <Field id="kb-description" label="Description (optional)" error={errors.description}>
        <Textarea {...field('description')} rows={2} maxLength={2000} />
      </Field>
      <div className="grid items-start gap-4 sm:grid-cols-[minmax(0,1fr)_8rem]">
        <Field
          id="kb-embeddingModel"
          label="Embedding model"
          hint={
            offline
              ? 'Runs on this server, no provider needed (512 dimensions).'
              : 'provider/model of a provider configured on this server, with its dimensions (e.g. 1536 for openai/text-embedding-3-small).'
          }
          error={errors.embeddingModel}
        >
          <Input
            {...field('embeddingModel')}
            className="font-mono"
            spellCheck={false}
            list="kb-embedding-models"
            value={model}
            onChange={(e) => setModel(e.target.value)}
          />
          <datalist id="kb-embedding-models">
            <option value={OFFLINE_EMBEDDER} />
            <option value="openai/text-embedding-3-small" />
            <option value="openai/text-embedding-3-large" />
          </datalist>
        </Field>
        <Field id="kb-dimensions" label="Dimensions" error={errors.dimensions}>
          <Input
            {...field('dimensions')}
            type="number"
            min={8}
            max={2000}
            required={!offline}
            disabled={offline}
            placeholder={offline ? '512' : '1536'}
          />
        </Field>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1.5 text-sm font-medium">Passages and search</legend>
        <div className="grid items-start gap-4 sm:grid-cols-3">
          <Field id="kb-chunkSize" label="Passage size" hint="Characters (100–8000)." error={errors.chunkSize}>
            <Input {...field('chunkSize')} type="number" min={100} max={8000} defaultValue={800} />
          </Field>
          <Field id="kb-chunkOverlap" label="Overlap" hint="Characters shared." error={errors.chunkOverlap}>
            <Input {...field('chunkOverlap')} type="number" min={0} max={2000} defaultValue={100} />
          </Field>
          <Field id="kb-efSearch" label="Search width" hint="HNSW ef_search (10–1000)." error={errors.efSearch}>
            <Input {...field('efSearch')} type="number" min={10} max={1000} defaultValue={100} />
          </Field>
        </div>
      </fieldset>
      {create.error && !shown.some((f) => errors[f]) && <ErrorNotice error={create.error} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create knowledge base'}
        </Button>
      </div>
    </form>
  );
}
