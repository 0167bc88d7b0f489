// Blocked patterns: the row editor of one side's list (pattern, regex and case switches, action, label, remove; "Add
// pattern") with each row's messages at its fields, and a read-only list of another scope's patterns.
import { Plus, Trash2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { SelectField, TextField, useIssue } from '../agent/configure-controls';
import { controlId } from '../agent/configure-form';
import type { BlockedPattern } from './checks';
import { newPattern, type PatternAction, type PatternDraft } from './policy-draft';

const actions: { value: PatternAction; label: string }[] = [
  { value: 'flag', label: 'Flag' },
  { value: 'redact', label: 'Redact' },
  { value: 'block', label: 'Block' },
];
export const actionVariant = { flag: 'secondary', redact: 'warning', block: 'destructive' } as const;

function InlineSwitch({
  path,
  label,
  checked,
  onCheckedChange,
}: {
  path: string;
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex h-9 items-center gap-2">
      <Switch id={controlId(path)} checked={checked} onCheckedChange={onCheckedChange} />
      <Label htmlFor={controlId(path)} className="whitespace-nowrap font-normal">
        {label}
      </Label>
    </div>
  );
}

function PatternRow({
  path,
  name,
  row,
  onChange,
  onRemove,
}: {
  path: string;
  name: string;
  row: PatternDraft;
  onChange: (row: PatternDraft) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<PatternDraft>) => onChange({ ...row, ...patch });
  return (
    <fieldset className="grid gap-3 rounded-lg border p-3 md:grid-cols-[minmax(0,1fr)_10rem_8rem] lg:grid-cols-[minmax(0,1fr)_10rem_8rem_auto_auto_auto] lg:items-start">
      <legend className="sr-only">{name}</legend>
      <TextField
        path={`${path}.pattern`}
        label="Pattern"
        className="[&_input]:font-mono"
        spellCheck={false}
        placeholder={row.regex ? 'e.g. order-\\d{6}' : 'e.g. internal only'}
        value={row.pattern}
        onValueChange={(pattern) => set({ pattern })}
      />
      <TextField
        path={`${path}.label`}
        label="Label (optional)"
        placeholder="e.g. order-id"
        value={row.label}
        onValueChange={(label) => set({ label })}
      />
      <SelectField
        path={`${path}.action`}
        label="Action"
        value={row.action}
        onValueChange={(action) => set({ action: action as PatternAction })}
      >
        {actions.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </SelectField>
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2 md:col-span-2 lg:pt-5">
        <InlineSwitch
          path={`${path}.regex`}
          label="Regex (RE2)"
          checked={row.regex}
          onCheckedChange={(regex) => set({ regex })}
        />
        <InlineSwitch
          path={`${path}.caseSensitive`}
          label="Case-sensitive"
          checked={row.caseSensitive}
          onCheckedChange={(caseSensitive) => set({ caseSensitive })}
        />
      </div>
      <Button
        variant="ghost"
        size="icon"
        className="justify-self-end lg:mt-5"
        aria-label={`Remove ${name.toLowerCase()}`}
        onClick={onRemove}
      >
        <Trash2 aria-hidden />
      </Button>
    </fieldset>
  );
}

/** The editable list at `path` (a control path: its messages come from IssuesProvider). */
export function PatternEditor({
  path,
  side,
  rows,
  onChange,
}: {
  path: string;
  side: string;
  rows: PatternDraft[];
  onChange: (rows: PatternDraft[]) => void;
}) {
  const issue = useIssue(path);
  return (
    <div id={controlId(path)} tabIndex={-1} className="grid gap-2">
      {issue && (
        <p role="alert" className="text-xs text-destructive">
          {issue}
        </p>
      )}
      {rows.map((row, i) => (
        <PatternRow
          key={row.key}
          path={`${path}.${i}`}
          name={`${side} pattern ${i + 1}`}
          row={row}
          onChange={(next) => onChange(rows.map((r) => (r.key === row.key ? next : r)))}
          onRemove={() => onChange(rows.filter((r) => r.key !== row.key))}
        />
      ))}
      <Button
        variant="outline"
        size="sm"
        className="justify-self-start"
        onClick={() => onChange([...rows, newPattern()])}
      >
        <Plus aria-hidden /> Add pattern
      </Button>
    </div>
  );
}

/** A saved list, read-only: each pattern in monospace with its action, kind and label. */
export function PatternList({ patterns, empty }: { patterns: BlockedPattern[]; empty: string }) {
  if (!patterns.length) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <ul className="flex flex-wrap gap-2">
      {patterns.map((p) => (
        <li
          key={`${p.pattern}|${p.regex}|${p.caseSensitive}`}
          className="flex min-w-0 max-w-full items-center gap-1.5 rounded-md border px-2 py-1 text-xs"
        >
          <code className="min-w-0 truncate font-mono">{p.pattern}</code>
          <Badge variant={actionVariant[p.action]}>{p.action}</Badge>
          {p.regex && <Badge variant="outline">regex</Badge>}
          {p.caseSensitive && <Badge variant="outline">case</Badge>}
          {p.label && <span className="text-muted-foreground">{p.label}</span>}
        </li>
      ))}
    </ul>
  );
}
