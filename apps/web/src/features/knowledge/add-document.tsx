// Adds a document three ways: pasted text (plain, Markdown or HTML), a URL the server fetches, or a file upload
// (text, Markdown, HTML or PDF, at most 5 MB) with the upload's progress. Each is queued for ingest; the documents
// table then shows the ingest's own progress. Optional metadata (a JSON object) goes with each, for search filters.
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Select, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Progress } from '@/components/ui/progress';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { ApiError } from '@/lib/api';
import type { KnowledgeDocument } from '@/lib/types';
import { useAddDocument, useUploadDocument } from './api';
import { formatBytes } from './documents-table';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const accept = '.txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf';

/** The metadata field's JSON object, or an error message for the field. */
function parseMetadata(text: string): { value?: Record<string, string | number | boolean>; error?: string } {
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value };
  } catch {}
  return { error: 'Metadata must be a JSON object, e.g. {"team": "sales"}' };
}

function useFieldErrors(error: unknown, local: Record<string, string>) {
  const errors = { ...(error instanceof ApiError ? error.fieldErrors() : {}), ...local };
  const field = (prefix: string, name: string) => ({
    id: `${prefix}-${name}`,
    name,
    ...(errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${prefix}-${name}-error` } : {}),
  });
  return { errors, field };
}

function MetadataField({ prefix, error }: { prefix: string; error?: string }) {
  return (
    <Field
      id={`${prefix}-metadata`}
      label="Metadata (optional)"
      hint="A JSON object of strings, numbers or booleans; search can filter on it."
      error={error}
    >
      <Input
        id={`${prefix}-metadata`}
        name="metadata"
        className="font-mono"
        spellCheck={false}
        placeholder='{"team": "support"}'
        aria-invalid={error ? true : undefined}
      />
    </Field>
  );
}

const queued = (doc: KnowledgeDocument) => toast.success(`Queued ${doc.title} for ingest`);

function TextForm({ kbId }: { kbId: string }) {
  const add = useAddDocument(kbId);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { errors, field } = useFieldErrors(add.error, local);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const metadata = parseMetadata(String(data.get('metadata') ?? ''));
    setLocal(metadata.error ? { metadata: metadata.error } : {});
    if (metadata.error) return;
    add.mutate(
      {
        title: String(data.get('title')).trim(),
        content: String(data.get('content')),
        format: String(data.get('format')) as 'text' | 'markdown' | 'html',
        metadata: metadata.value,
      },
      {
        onSuccess: (doc) => {
          form.reset();
          queued(doc);
        },
      },
    );
  }
  return (
    <form className="grid gap-3" onSubmit={submit} aria-label="Add text">
      <div className="grid items-start gap-3 sm:grid-cols-[minmax(0,1fr)_10rem]">
        <Field id="doc-text-title" label="Title" error={errors.title}>
          <Input {...field('doc-text', 'title')} required maxLength={300} />
        </Field>
        <Field id="doc-text-format" label="Format" error={errors.format}>
          <Select {...field('doc-text', 'format')} defaultValue="text">
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </Select>
        </Field>
      </div>
      <Field id="doc-text-content" label="Content" error={errors.content}>
        <Textarea {...field('doc-text', 'content')} required rows={6} />
      </Field>
      <MetadataField prefix="doc-text" error={errors.metadata} />
      {add.error && !Object.keys(errors).length && <ErrorNotice error={add.error} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add text'}
        </Button>
      </div>
    </form>
  );
}

function UrlForm({ kbId }: { kbId: string }) {
  const add = useAddDocument(kbId);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { errors, field } = useFieldErrors(add.error, local);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const metadata = parseMetadata(String(data.get('metadata') ?? ''));
    setLocal(metadata.error ? { metadata: metadata.error } : {});
    if (metadata.error) return;
    const title = String(data.get('title')).trim();
    add.mutate(
      { url: String(data.get('url')).trim(), title: title || undefined, metadata: metadata.value },
      {
        onSuccess: (doc) => {
          form.reset();
          queued(doc);
        },
      },
    );
  }
  return (
    <form className="grid gap-3" onSubmit={submit} aria-label="Add a web page">
      <Field
        id="doc-url-url"
        label="URL"
        hint="Fetched by this server under the web-fetch rules (no private addresses)."
        error={errors.url}
      >
        <Input {...field('doc-url', 'url')} type="url" required placeholder="https://example.com/guide" />
      </Field>
      <Field id="doc-url-title" label="Title (optional)" hint="The URL when left empty." error={errors.title}>
        <Input {...field('doc-url', 'title')} maxLength={300} />
      </Field>
      <MetadataField prefix="doc-url" error={errors.metadata} />
      {add.error && !Object.keys(errors).length && <ErrorNotice error={add.error} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add web page'}
        </Button>
      </div>
    </form>
  );
}

function FileForm({ kbId }: { kbId: string }) {
  const upload = useUploadDocument(kbId);
  const [sent, setSent] = useState(0);
  const [local, setLocal] = useState<Record<string, string>>({});
  const { errors, field } = useFieldErrors(upload.error, local);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const file = data.get('file');
    const metadataText = String(data.get('metadata') ?? '');
    const metadata = parseMetadata(metadataText);
    const problems: Record<string, string> = {};
    if (!(file instanceof File) || !file.name) problems.file = 'Choose a file';
    else if (file.size > MAX_UPLOAD_BYTES)
      problems.file = `${file.name} is ${formatBytes(file.size)}: files may be at most 5 MB`;
    if (metadata.error) problems.metadata = metadata.error;
    setLocal(problems);
    if (Object.keys(problems).length || !(file instanceof File)) return;
    upload.reset();
    setSent(0);
    const title = String(data.get('title')).trim();
    upload.mutate(
      { file, title: title || undefined, metadata: metadataText.trim() || undefined, onProgress: setSent },
      {
        onSuccess: (doc) => {
          form.reset();
          queued(doc);
        },
      },
    );
  }
  return (
    <form className="grid gap-3" onSubmit={submit} aria-label="Upload a file">
      <Field
        id="doc-file-file"
        label="File"
        hint="Text, Markdown, HTML or PDF, at most 5 MB. A PDF's text is read; scanned pages have none."
        error={errors.file}
      >
        <Input
          {...field('doc-file', 'file')}
          type="file"
          accept={accept}
          required
          className="h-auto file:mr-3 file:rounded file:border-0 file:bg-secondary file:px-2 file:py-1 file:text-sm"
          onChange={() => setLocal({})}
        />
      </Field>
      <Field id="doc-file-title" label="Title (optional)" hint="The file name when left empty." error={errors.title}>
        <Input {...field('doc-file', 'title')} maxLength={300} />
      </Field>
      <MetadataField prefix="doc-file" error={errors.metadata} />
      {upload.isPending && (
        <div className="grid gap-1" role="status">
          <span className="text-xs text-muted-foreground">Uploading… {Math.round(sent * 100)}%</span>
          <Progress value={sent} label="Upload" />
        </div>
      )}
      {upload.error && !Object.keys(errors).length && <ErrorNotice error={upload.error} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload file'}
        </Button>
      </div>
    </form>
  );
}

export function AddDocument({ kbId }: { kbId: string }) {
  return (
    <Tabs defaultValue="file">
      <TabsList aria-label="How to add a document">
        <TabsTrigger value="file">Upload a file</TabsTrigger>
        <TabsTrigger value="text">Paste text</TabsTrigger>
        <TabsTrigger value="url">From a URL</TabsTrigger>
      </TabsList>
      <TabsContent value="file">
        <FileForm kbId={kbId} />
      </TabsContent>
      <TabsContent value="text">
        <TextForm kbId={kbId} />
      </TabsContent>
      <TabsContent value="url">
        <UrlForm kbId={kbId} />
      </TabsContent>
    </Tabs>
  );
}
