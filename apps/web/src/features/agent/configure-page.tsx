// /workspace/:agentSlug/configure: every setting of the agent in one form. Save sends only the changed fields and the
// server writes a new version; validation messages appear at their fields; leaving with unsaved edits asks first.
import { useQuery } from '@tanstack/react-query';
import { useBlocker } from '@tanstack/react-router';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { RoleNote, useCan } from '@/lib/access';
import type { Agent } from '@/lib/types';
import { canonicalJson } from './agent-fields';
import { useAgentSlug } from './agent-layout';
import { type AgentInput, agentKeys, agentQuery, useUpdateAgent } from './api';
import { IssuesProvider, Section, TextAreaField, TextField } from './configure-controls';
import { DangerZone } from './configure-danger';
import {
  apiIssues,
  changedFields,
  type FormState,
  focusControl,
  type Issue,
  type PayloadField,
  toForm,
  toPayload,
} from './configure-form';
import { InstructionsSection } from './configure-instructions';
import { MemorySection } from './configure-memory';
import { ModelSection } from './configure-model';
import { AccessSection, ScorersSection } from './configure-options';
import { SavePanel } from './configure-save-panel';
import { ToolsSection } from './configure-tools';
import { useSlugMove } from './slug-move';

export function ConfigurePage() {
  const slug = useAgentSlug();
  const { data: agent, error, isPending } = useQuery(agentQuery(slug));
  if (error) return <ErrorNotice error={error} />;
  if (isPending) {
    return (
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]" aria-busy="true">
        <span className="sr-only" role="status">
          Loading the configuration…
        </span>
        <div className="grid gap-6">
          <Skeleton className="h-48" />
          <Skeleton className="h-72" />
          <Skeleton className="h-56" />
        </div>
        <Skeleton className="h-64" />
      </div>
    );
  }
  return <ConfigureForm key={agent.id} agent={agent} />;
}

/** Asks before leaving the page with unsaved edits; navigations inside `bypass(fn)` are let through. */
function useLeaveGuard(dirty: boolean) {
  const state = useRef({ dirty, allowed: false });
  useEffect(() => {
    state.current.dirty = dirty;
  }, [dirty]);
  const blocker = useBlocker({
    shouldBlockFn: ({ current, next }) =>
      state.current.dirty && !state.current.allowed && current.pathname !== next.pathname,
    enableBeforeUnload: () => state.current.dirty,
    withResolver: true,
  });
  const dialog = (
    <Dialog open={blocker.status === 'blocked'} onOpenChange={(open) => !open && blocker.reset?.()}>
      <DialogContent title="Leave without saving?" description="Your unsaved changes to this agent will be lost.">
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => blocker.reset?.()}>
            Stay
          </Button>
          <Button variant="destructive" onClick={() => blocker.proceed?.()}>
            Discard and leave
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
  return {
    dialog,
    bypass: async <T,>(fn: () => Promise<T>): Promise<T> => {
      state.current.allowed = true;
      try {
        return await fn();
      } finally {
        state.current.allowed = false;
      }
    },
  };
}

function ConfigureForm({ agent }: { agent: Agent }) {
  const move = useSlugMove('configure');
  // Addressed by id, which a rename does not change.
  const update = useUpdateAgent(agent.id);
  const canManage = useCan('manage');
  /** The agent as the form was loaded; `changed` is relative to it. */
  const [base, setBase] = useState(agent);
  const [form, setForm] = useState<FormState>(() => toForm(agent));
  const [note, setNote] = useState('');
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  const load = (a: Agent) => {
    setBase(a);
    setForm(toForm(a));
  };

  const baseline = useMemo(() => toPayload(toForm(base)).payload, [base]);
  const { payload, issues: clientIssues } = useMemo(() => toPayload(form), [form]);
  const changed = useMemo(() => changedFields(baseline, payload), [baseline, payload]);
  const dirty = changed.length > 0;
  const guard = useLeaveGuard(dirty);

  // Someone else (or another tab) saved: follow along when there are no edits, otherwise offer to load it.
  const movedOn = agent.updatedAt !== base.updatedAt && !update.isPending;
  if (movedOn && !dirty) load(agent);

  // The API's messages, hiding those about a field edited since the failed save.
  const sent = update.variables as Partial<Record<PayloadField, unknown>> | undefined;
  const serverIssues = apiIssues(update.error).filter((i) => {
    const field = i.path.split('.')[0] as PayloadField;
    return !sent || !(field in sent) || canonicalJson(sent[field]) === canonicalJson(payload[field]);
  });
  const issues: Issue[] = [
    ...clientIssues,
    ...serverIssues.filter((s) => !clientIssues.some((c) => c.path === s.path)),
  ];
  const otherError = update.error && !apiIssues(update.error).length ? update.error : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (clientIssues.length) return focusControl(clientIssues[0].path);
    if (!dirty || update.isPending) return;
    const input: AgentInput = Object.fromEntries(changed.map((k) => [k, payload[k]]));
    if (note.trim()) input.versionDescription = note.trim();
    let saved: Agent;
    try {
      saved = await move({
        from: base.slug,
        to: payload.slug,
        seed: [[agentKeys.one(payload.slug), { ...agent, ...payload }]],
        write: () => update.mutateAsync(input),
        bypass: guard.bypass,
      });
    } catch (err) {
      const first = apiIssues(err)[0];
      if (first) setTimeout(() => focusControl(first.path));
      return;
    }
    load(saved);
    setNote('');
    if (saved.version === base.version) toast.info('No changes: the agent already had these settings');
    else toast.success(`Saved as version ${saved.version}`);
  }

  return (
    <form
      onSubmit={save}
      noValidate
      aria-label={`Configure ${agent.name}`}
      className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem] dark:scheme-dark"
    >
      <IssuesProvider value={issues}>
        <fieldset disabled={!canManage} className="order-2 grid min-w-0 gap-6 lg:order-none">
          <RoleNote need="manage">You can read this configuration but not change it</RoleNote>
          {movedOn && dirty && (
            <div
              role="status"
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg border bg-warning/15 p-3 text-sm"
            >
              <span>
                This agent was saved elsewhere and is now at v{agent.version}. Your edits are based on v{base.version}.
              </span>
              <Button variant="outline" size="sm" onClick={() => load(agent)}>
                Discard my edits and load v{agent.version}
              </Button>
            </div>
          )}
          <Section id="general" title="General" description="How the agent is named and addressed.">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField
                path="name"
                label="Name"
                required
                maxLength={120}
                value={form.name}
                onValueChange={(name) => set({ name })}
              />
              <TextField
                path="slug"
                label="Slug"
                required
                maxLength={63}
                spellCheck={false}
                className="[&_input]:font-mono"
                hint="Lowercase letters, digits and dashes. Changing it changes this page’s address and how runs name the agent."
                value={form.slug}
                onValueChange={(slug) => set({ slug })}
              />
            </div>
            <TextAreaField
              path="description"
              label="Description"
              rows={2}
              maxLength={2000}
              hint="Shown on the agent list."
              value={form.description}
              onValueChange={(description) => set({ description })}
            />
          </Section>
          <InstructionsSection form={form} set={set} agent={agent} />
          <ModelSection form={form} set={set} />
          <ToolsSection form={form} set={set} />
          <MemorySection form={form} set={set} />
          <ScorersSection form={form} set={set} />
          <AccessSection form={form} set={set} />
          {canManage && <DangerZone agent={agent} leave={guard.bypass} />}
        </fieldset>
        <SavePanel
          version={base.version}
          changed={changed}
          issues={issues}
          error={otherError}
          pending={update.isPending}
          note={note}
          setNote={setNote}
          onDiscard={() => load(base)}
        />
      </IssuesProvider>
      {guard.dialog}
    </form>
  );
}
