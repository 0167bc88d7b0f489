// The search playground: a query, how many passages (k), the mode (hybrid, vector or full text — only full text
// without pgvector), an optional filter by documents and by metadata; the ranked hits with their fused score, vector
// and text ranks, citation and passage.
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ApiError } from '@/lib/api';
import type { KnowledgeHit } from '@/lib/types';
import { documentsQuery, type SearchParams, searchQuery } from './api';

const modes = [
  { value: 'hybrid', label: 'Hybrid (vector + full text)' },
  { value: 'vector', label: 'Vector only' },
  { value: 'text', label: 'Full text only' },
] as const;

const rank = (r: number | null) => (r == null ? '—' : `#${r}`);

function Hit({ hit, position }: { hit: KnowledgeHit; position: number }) {
  return (
    <li className="grid gap-2 rounded-lg border p-3" aria-label={`Hit ${position}: ${hit.citation}`}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
        <span className="font-semibold text-foreground">{position}.</span>
        <span className="min-w-0 flex-1 truncate font-medium text-sm" title={hit.citation}>
          {hit.citation}
        </span>
        <span className="flex flex-wrap gap-1.5 text-muted-foreground">
          <Badge variant="secondary" className="tabular-nums" title="Reciprocal-rank fusion score: higher is better">
            score {hit.score.toFixed(4)}
          </Badge>
          <Badge variant="outline" className="tabular-nums" title="Rank among the nearest vectors">
            vector {rank(hit.vectorRank)}
          </Badge>
          <Badge variant="outline" className="tabular-nums" title="Rank in the full-text search">
            text {rank(hit.textRank)}
          </Badge>
        </span>
      </div>
      <p className="max-h-48 overflow-y-auto text-sm whitespace-pre-wrap break-words text-muted-foreground">
        {hit.content}
      </p>
    </li>
  );
}

export function SearchPlayground({ kbId, vectorSearch }: { kbId: string; vectorSearch: boolean }) {
  const docs = useQuery(documentsQuery(kbId));
  const ready = (docs.data ?? []).filter((d) => d.status === 'READY');
  const [params, setParams] = useState<SearchParams>();
  const [picked, setPicked] = useState<string[]>([]);
  const search = useQuery({ ...searchQuery(kbId, params ?? { q: '', k: 5, mode: 'text' }), enabled: !!params });
  const errors = search.error instanceof ApiError ? search.error.fieldErrors() : {};

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const metadata = String(data.get('metadata') ?? '').trim();
    setParams({
      q: String(data.get('q')).trim(),
      k: Number(data.get('k')) || 5,
      mode: vectorSearch ? (String(data.get('mode')) as SearchParams['mode']) : 'text',
      documentIds: picked.length ? picked.join(',') : undefined,
      metadata: metadata || undefined,
    });
  }

  return (
    <div className="grid gap-4">
      {!vectorSearch && (
        <p className="rounded-lg border border-warning/50 bg-warning/10 px-3 py-2 text-sm" role="note">
          This server has no pgvector, so search is full text only: passages match by their words, not their meaning.
        </p>
      )}
      <form className="grid gap-3" onSubmit={submit} aria-label="Search the knowledge base">
        <div className="grid items-start gap-3 md:grid-cols-[minmax(0,1fr)_6rem_auto]">
          <Field id="kb-search-q" label="Query" error={errors.q}>
            <Input id="kb-search-q" name="q" required maxLength={2000} placeholder="What are you looking for?" />
          </Field>
          <Field id="kb-search-k" label="Passages (k)" error={errors.k}>
            <Input id="kb-search-k" name="k" type="number" min={1} max={50} defaultValue={5} />
          </Field>
          {vectorSearch && (
            <Field id="kb-search-mode" label="Mode" error={errors.mode}>
              <Select id="kb-search-mode" name="mode" defaultValue="hybrid">
                {modes.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </div>
        <details className="group rounded-lg border px-3 py-2 text-sm">
          <summary className="cursor-pointer text-muted-foreground hover:text-foreground">
            Filters{picked.length ? ` (${picked.length} document${picked.length === 1 ? '' : 's'})` : ''}
          </summary>
          <div className="mt-3 grid gap-3">
            <fieldset className="grid gap-1.5">
              <legend className="mb-1 text-sm font-medium">Only these documents</legend>
              {ready.length ? (
                <div className="grid max-h-40 gap-1 overflow-y-auto sm:grid-cols-2">
                  {ready.map((d) => (
                    <label key={d.id} className="flex min-w-0 items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="accent-primary"
                        checked={picked.includes(d.id)}
                        onChange={(e) =>
                          setPicked(e.target.checked ? [...picked, d.id] : picked.filter((id) => id !== d.id))
                        }
                      />
                      <span className="truncate">{d.title}</span>
                    </label>
                  ))}
                </div>
              ) : (
                <p className="text-xs text-muted-foreground">No document is ready yet.</p>
              )}
            </fieldset>
            <Field id="kb-search-metadata" label="Metadata equals (JSON)" error={errors.metadata}>
              <Input
                id="kb-search-metadata"
                name="metadata"
                className="font-mono"
                spellCheck={false}
                placeholder='{"team": "support"}'
              />
            </Field>
          </div>
        </details>
        <div className="flex justify-end">
          <Button type="submit" disabled={search.isFetching}>
            <Search aria-hidden /> Search
          </Button>
        </div>
      </form>
      {params &&
        (search.isPending ? (
          <Spinner label="Searching…" />
        ) : search.error ? (
          !Object.keys(errors).length && <ErrorNotice error={search.error} />
        ) : search.data.hits.length ? (
          <section aria-label="Search results" className="grid gap-2">
            <p className="text-xs text-muted-foreground">
              {search.data.hits.length} passage{search.data.hits.length === 1 ? '' : 's'} for “{params.q}”, ranked by{' '}
              {search.data.mode === 'hybrid'
                ? 'reciprocal-rank fusion of vector and full-text ranks'
                : search.data.mode === 'vector'
                  ? 'vector similarity'
                  : 'full-text rank'}
              .
            </p>
            <ol className="grid gap-2">
              {search.data.hits.map((h, i) => (
                <Hit key={h.chunkId} hit={h} position={i + 1} />
              ))}
            </ol>
          </section>
        ) : (
          <EmptyState title="Nothing found">No passage matches “{params.q}” with these filters.</EmptyState>
        ))}
    </div>
  );
}
