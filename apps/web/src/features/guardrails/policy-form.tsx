// One scope's guardrail policy as a form — the agent's own or the organization's — over the tables of checks: the
// client's checks, then the save (a new version); errors, ours or the API's, show at their field, and a message about
// no field shows above the Save button. A user who may not change the policy sees the tables without controls.
import { Save, Undo2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Can, useCan } from '@/lib/access';
import type { Guardrails } from '@/lib/types';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { IssuesProvider } from '../agent/configure-controls';
import { apiIssues, focusControl, type Issue } from '../agent/configure-form';
import { type PolicyScope, usePutGuardrails } from './api';
import { checkGroups } from './checks';
import { type Draft, draftOf, fieldPaths, toConfig } from './policy-draft';
import { PolicyTable, type PolicyTableProps } from './policy-table';

export function PolicyForm({ slug, scope, guardrails }: { slug: string; scope: PolicyScope; guardrails: Guardrails }) {
  const own = scope === 'agent' ? (guardrails.policy?.configJson ?? null) : guardrails.organization.configJson;
  const [initial] = useState(() => draftOf(own, scope));
  const [draft, setDraft] = useState<Draft>(initial);
  const [issues, setIssues] = useState<Issue[]>([]);
  const save = usePutGuardrails(slug, scope);
  const editable = useCan('manage');
  const prefix = `${scope}Guardrails`;
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const known = fieldPaths(draft);
  const atNoField = issues.some((i) => !known.has(i.path.slice(prefix.length + 1)));

  /** Shows messages (paths as the API names them) at their fields, and focuses the first. */
  const show = (found: Issue[]) => {
    const scoped = found.map((i) => ({ ...i, path: `${prefix}.${i.path}` }));
    setIssues(scoped);
    if (scoped[0]) focusControl(scoped[0].path);
  };
  const clear = () => {
    show([]);
    save.reset();
  };
  const onValue: PolicyTableProps['onValue'] = (path, value) =>
    setDraft({ ...draft, values: { ...draft.values, [path]: value } });
  const onPatterns: PolicyTableProps['onPatterns'] = (path, rows) => {
    // Removing a row moves the rows after it up: their messages no longer point at the right row.
    if (rows.length < draft.patterns[path].length) clear();
    setDraft({ ...draft, patterns: { ...draft.patterns, [path]: rows } });
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const { config, issues: found } = toConfig(draft);
    if (!config) {
      save.reset();
      return show(found);
    }
    show([]);
    save.mutate(config, {
      onSuccess: (saved) => {
        const whose = scope === 'agent' ? "this agent's" : "the organization's";
        const version = (scope === 'agent' ? saved.policy : saved.organization)?.version;
        toast.success(`Saved ${whose} guardrails as version ${version}`);
      },
      onError: (error) => show(apiIssues(error)),
    });
  }

  return (
    <IssuesProvider value={issues}>
      <form
        className="grid gap-6"
        onSubmit={submit}
        noValidate
        aria-label={scope === 'agent' ? 'Agent guardrails' : 'Organization guardrails'}
      >
        {checkGroups.map((group) => (
          <PolicyTable
            key={group.id}
            group={group}
            scope={scope}
            guardrails={guardrails}
            draft={editable ? draft : undefined}
            prefix={prefix}
            onValue={onValue}
            onPatterns={onPatterns}
          />
        ))}
        {save.error && (!issues.length || atNoField) && <ErrorNotice error={save.error} />}
        <Can need="manage">
          <div className="flex flex-wrap items-center justify-end gap-2">
            {dirty && <span className="mr-auto text-sm text-muted-foreground">Unsaved changes</span>}
            {dirty && (
              <Button
                variant="outline"
                onClick={() => {
                  setDraft(initial);
                  clear();
                }}
              >
                <Undo2 aria-hidden /> Discard changes
              </Button>
            )}
            <Button type="submit" disabled={save.isPending}>
              <Save aria-hidden />
              {save.isPending ? 'Saving…' : `Save ${scope === 'agent' ? 'agent' : 'organization'} policy`}
            </Button>
          </div>
        </Can>
      </form>
    </IssuesProvider>
  );
}

/** "Version 3, saved by you 2 minutes ago", or what a scope with nothing saved means. */
export function SavedVersion({
  version,
  by,
  at,
  none,
}: {
  version: number | undefined;
  by: string;
  at: string | null | undefined;
  none: string;
}) {
  if (!version) return <p className="text-sm text-muted-foreground">{none}</p>;
  return (
    <p className="text-sm text-muted-foreground">
      <span className="font-medium text-foreground">Version {version}</span>, saved by {by}
      {at && (
        <>
          {' '}
          <time dateTime={at} title={formatDateTime(at)}>
            {timeAgo(at)}
          </time>
        </>
      )}
    </p>
  );
}
