// Configure › the side panel: what changed, the version note, Save / Discard, a summary of every validation issue
// (each a button to its field) or any other save error, and links to the page's sections.
import { Save, Undo2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorNotice } from '@/components/ui/feedback';
import { FieldChips, fieldLabel } from './agent-fields';
import { TextField } from './configure-controls';
import { focusControl, type Issue, type PayloadField } from './configure-form';

export const sections = [
  ['general', 'General'],
  ['instructions', 'Instructions'],
  ['model', 'Model'],
  ['tools', 'Tools'],
  ['memory', 'Memory'],
  ['scorers', 'Scorers'],
  ['access', 'Access & labels'],
  ['danger', 'Danger zone'],
] as const;

function jumpTo(id: string) {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  document.getElementById(`${id}-title`)?.focus({ preventScroll: true });
}

export function SavePanel({
  version,
  changed,
  issues,
  error,
  pending,
  note,
  setNote,
  onDiscard,
}: {
  version: number;
  changed: PayloadField[];
  issues: Issue[];
  /** A save error that is not about a field. */
  error: unknown;
  pending: boolean;
  note: string;
  setNote: (note: string) => void;
  onDiscard: () => void;
}) {
  const dirty = changed.length > 0;
  return (
    <aside className="grid content-start gap-4 lg:sticky lg:top-20" aria-label="Save and page sections">
      <Card>
        <CardHeader className="pb-2">
          <CardTitle>
            <span role="status">
              {dirty ? `${changed.length} unsaved change${changed.length === 1 ? '' : 's'}` : 'No unsaved changes'}
            </span>
          </CardTitle>
          <p className="text-xs text-muted-foreground">
            Current version v{version}. Saving a change writes v{version + 1}.
          </p>
        </CardHeader>
        <CardContent className="grid gap-3">
          <FieldChips fields={changed} label="Changed fields" />
          <TextField
            path="versionDescription"
            label="Version note"
            hint="Optional: describes the new version in the history."
            placeholder="e.g. Friendlier tone"
            maxLength={500}
            value={note}
            onValueChange={setNote}
          />
          <div className="flex gap-2">
            <Button type="submit" className="flex-1" disabled={!dirty || pending}>
              <Save aria-hidden /> {pending ? 'Saving…' : 'Save'}
            </Button>
            <Button variant="outline" disabled={!dirty || pending} onClick={onDiscard}>
              <Undo2 aria-hidden /> Discard
            </Button>
          </div>
          {issues.length > 0 && (
            <div role="alert" className="grid gap-1.5 rounded-lg border border-destructive/40 bg-destructive/10 p-3">
              <p className="text-sm font-medium">
                {issues.length === 1 ? '1 field needs attention' : `${issues.length} fields need attention`}
              </p>
              <ul className="grid gap-1 text-xs">
                {issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    <button
                      type="button"
                      className="text-left underline-offset-2 hover:underline"
                      onClick={() => focusControl(i.path)}
                    >
                      <span className="font-medium">{i.path ? fieldLabel(i.path) : 'Agent'}</span>
                      {i.path.includes('.') && <span className="text-muted-foreground"> ({i.path})</span>}: {i.message}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {error != null && <ErrorNotice error={error} />}
        </CardContent>
      </Card>
      <nav aria-label="Configure sections" className="hidden lg:block">
        <ul className="grid gap-0.5 text-sm">
          {sections.map(([id, label]) => (
            <li key={id}>
              <a
                href={`#${id}`}
                className="block rounded-md px-3 py-1.5 text-muted-foreground hover:bg-accent hover:text-foreground"
                onClick={(e) => {
                  e.preventDefault();
                  jumpTo(id);
                }}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
