// Configure › Instructions: the plain instructions, the `{{…}}` template, and its preview — the server's exact
// interpolation of the saved template for sample RequestContext values (debounced), or the placeholders found.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Input } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { post } from '@/lib/api';
import type { Agent, Run } from '@/lib/types';
import { agentKeys } from './api';
import { IssuesProvider, JsonField, Section, type SectionProps, TextAreaField } from './configure-controls';

type RequestContext = NonNullable<Run['requestContext']>;
interface Resolved {
  source: 'database' | 'fallback';
  instructions: string;
}

const PLACEHOLDER = /\{\{\s*[\w.-]+\s*\}\}/g;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** Text with each `{{placeholder}}` marked, so what is left unfilled stands out. */
function Marked({ text }: { text: string }) {
  const parts = text.split(/(\{\{\s*[\w.-]+\s*\}\})/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <mark key={i} className="rounded bg-warning/25 px-0.5 text-foreground">
            {part}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

interface Sample {
  userId: string;
  userName: string;
  threadId: string;
  metadata: string;
}

function toContext(sample: Sample): { context?: RequestContext; error?: string } {
  let metadata: Record<string, unknown> | undefined;
  if (sample.metadata.trim()) {
    try {
      const parsed: unknown = JSON.parse(sample.metadata);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'Must be a JSON object' };
      metadata = parsed as Record<string, unknown>;
    } catch (e) {
      return { error: `Invalid JSON: ${(e as Error).message}` };
    }
  }
  return {
    context: {
      resource: { userId: sample.userId || undefined, userName: sample.userName || undefined },
      thread: { id: sample.threadId || undefined },
      metadata,
    },
  };
}

function TemplatePreview({ agent, draft }: { agent: Agent; draft: string }) {
  const [sample, setSample] = useState<Sample>({
    userId: 'user-42',
    userName: 'Ada',
    threadId: 'thread-1',
    metadata: '{ "plan": "pro" }',
  });
  const { context, error: metadataError } = toContext(sample);
  const contextJson = useDebounced(JSON.stringify(context ?? null), 400);
  const saved = agent.instructionsTemplate ?? agent.instructions;
  const showsSaved = draft === saved && agent.isActive;
  const resolved = useQuery({
    queryKey: [...agentKeys.one(agent.slug), 'resolve', agent.version, contextJson],
    queryFn: () =>
      post<Resolved>('/api/agents/resolve', {
        id: agent.id, // the id, like the slug, names the agent, and survives a rename in progress
        requestContext: JSON.parse(contextJson) ?? undefined,
        fallbackToSystem: false,
      }),
    enabled: showsSaved && contextJson !== 'null',
    placeholderData: keepPreviousData,
  });
  const found = useMemo(
    () => [...new Set([...draft.matchAll(PLACEHOLDER)].map((m) => m[0].replace(/\s+/g, '')))],
    [draft],
  );
  const sampleField = (key: keyof Omit<Sample, 'metadata'>, label: string) => (
    <Field id={`preview-${key}`} label={label}>
      <Input
        id={`preview-${key}`}
        value={sample[key]}
        onChange={(e) => setSample({ ...sample, [key]: e.target.value })}
      />
    </Field>
  );

  return (
    // Enter in a sample field must not submit the agent form.
    // biome-ignore lint/a11y/noStaticElementInteractions: only swallows Enter from the inputs inside
    <div
      className="grid gap-3 rounded-lg border bg-muted/40 p-3"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
      }}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">Preview</h3>
        {showsSaved ? (
          <Badge variant="secondary">server interpolation · v{agent.version}</Badge>
        ) : (
          <Badge variant="warning">{agent.isActive ? 'unsaved edits' : 'inactive agent'}</Badge>
        )}
        {resolved.isFetching && <span className="text-xs text-muted-foreground">updating…</span>}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {sampleField('userId', 'Sample userId')}
        {sampleField('userName', 'Sample userName')}
        {sampleField('threadId', 'Sample thread.id')}
      </div>
      <IssuesProvider value={metadataError ? [{ path: 'preview.metadata', message: metadataError }] : []}>
        <JsonField
          path="preview.metadata"
          label="Sample metadata (JSON)"
          rows={2}
          value={sample.metadata}
          onValueChange={(metadata) => setSample({ ...sample, metadata })}
          hint="Available as {{metadata.key}} or {{key}}."
        />
      </IssuesProvider>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        <span>Placeholders found:</span>
        {found.length ? (
          found.map((p) => (
            <code key={p} className="rounded bg-background px-1.5 py-0.5 text-foreground">
              {p}
            </code>
          ))
        ) : (
          <span>none</span>
        )}
      </div>
      {!showsSaved && (
        <p className="text-xs text-muted-foreground">
          {agent.isActive
            ? 'The server interpolates the saved template: save to see your edits filled in. Until then the placeholders are marked below.'
            : 'Only active agents resolve: activate and save the agent to see the server’s interpolation. Placeholders are marked below.'}
        </p>
      )}
      {showsSaved && resolved.error ? (
        <ErrorNotice error={resolved.error} />
      ) : showsSaved && !metadataError && !resolved.data ? (
        <Spinner label="Resolving…" className="p-2" />
      ) : (
        <output
          aria-label="Instructions preview"
          aria-live="polite"
          className="block max-h-72 overflow-auto rounded-md border bg-background p-3 font-mono text-xs whitespace-pre-wrap"
        >
          <Marked text={(showsSaved && resolved.data?.instructions) || draft} />
        </output>
      )}
    </div>
  );
}

export function InstructionsSection({ form, set, agent }: SectionProps & { agent: Agent }) {
  const draft = form.instructionsTemplate.trim() ? form.instructionsTemplate : form.instructions;
  return (
    <Section
      id="instructions"
      title="Instructions"
      description="The system prompt. A template, when set, wins over the plain instructions and fills {{placeholders}} from each run’s RequestContext."
    >
      <TextAreaField
        path="instructions"
        label="Instructions"
        rows={6}
        required
        value={form.instructions}
        onValueChange={(instructions) => set({ instructions })}
      />
      <TextAreaField
        path="instructionsTemplate"
        label="Instructions template"
        rows={6}
        placeholder="You are talking to {{userName}} (user {{userId}}) in thread {{thread.id}}…"
        hint="Placeholders: {{userId}}, {{userName}}, {{tenantId}}, {{threadId}}, {{sessionId}}, {{metadata.key}} or any RequestContext path. Unknown ones stay as written. Empty = use the instructions."
        value={form.instructionsTemplate}
        onValueChange={(instructionsTemplate) => set({ instructionsTemplate })}
      />
      <TemplatePreview agent={agent} draft={draft} />
    </Section>
  );
}
