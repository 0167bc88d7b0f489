// The "Add test case" form: name, question, expected output and how to match it (a scorer and threshold, or a JSON
// Schema, where the mode needs one), tags and pinned. Errors, the client's or the API's, show at their field.
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { scorersQuery } from '../agent/api';
import {
  IssuesProvider,
  JsonField,
  SelectField,
  SwitchField,
  TextAreaField,
  TextField,
} from '../agent/configure-controls';
import { apiIssues, focusControl, type Issue } from '../agent/configure-form';
import { useCreateTestCase } from './api';
import { type CaseDraft, emptyDraft, matchModeLabels, matchModes, toInput } from './case-draft';

/** Field paths are the API's under this prefix, so that their ids do not clash with other forms. */
const P = 'testCase';
const at = (path: string) => `${P}.${path}`;
/** The paths the form has a control for; a message about anything else shows above the buttons. */
const fields = new Set(
  [
    'name',
    'matchMode',
    'inputText',
    'expectedOutput',
    'matchConfig.scorer',
    'matchConfig.threshold',
    'matchConfig.schema',
    'tags',
    'pinned',
  ].map(at),
);

export function TestCaseForm({ slug, onDone }: { slug: string; onDone: () => void }) {
  const { data: scorers = [] } = useQuery(scorersQuery());
  const [draft, setDraft] = useState<CaseDraft>(() => emptyDraft());
  const [issues, setIssues] = useState<Issue[]>([]);
  const create = useCreateTestCase(slug);
  const set = (patch: Partial<CaseDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const scorer = draft.scorer || scorers[0]?.id || '';

  /** Shows messages (paths as the API names them) at their fields, and focuses the first. */
  const show = (found: Issue[]) => {
    const scoped = found.map((i) => ({ ...i, path: at(i.path) }));
    setIssues(scoped);
    if (scoped[0]) focusControl(scoped[0].path);
  };
  const atNoField = issues.length === 0 || issues.some((i) => !fields.has(i.path));

  function submit(e: FormEvent) {
    e.preventDefault();
    const { input, issues: found } = toInput({ ...draft, scorer });
    create.reset();
    if (!input) return show(found);
    show([]);
    create.mutate(input, {
      onSuccess: (made) => {
        toast.success(`Added the test case “${made.name}”`);
        onDone();
      },
      onError: (error) => show(apiIssues(error)),
    });
  }

  return (
    <IssuesProvider value={issues}>
      <form className="grid gap-4 rounded-lg border p-4" onSubmit={submit} noValidate aria-label="Add test case">
        <div className="grid gap-4 md:grid-cols-2">
          <TextField path={at('name')} label="Name" value={draft.name} onValueChange={(name) => set({ name })} />
          <SelectField
            path={at('matchMode')}
            label="Match mode"
            value={draft.matchMode}
            onValueChange={(v) => set({ matchMode: v as CaseDraft['matchMode'] })}
          >
            {matchModes.map((m) => (
              <option key={m} value={m}>
                {matchModeLabels[m]}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField
          path={at('inputText')}
          label="Question"
          rows={2}
          value={draft.inputText}
          onValueChange={(inputText) => set({ inputText })}
        />
        {draft.matchMode !== 'json-schema' && (
          <TextAreaField
            path={at('expectedOutput')}
            label="Expected output"
            hint={
              draft.matchMode === 'regex'
                ? 'An RE2 pattern the answer must match somewhere, e.g. (?i)order \\d{5}'
                : draft.matchMode === 'scorer'
                  ? 'Optional: kept with the case (the scorer judges the answer alone)'
                  : draft.matchMode === 'llm-judge'
                    ? 'The reference answer the judge compares with (or give criteria below)'
                    : undefined
            }
            rows={2}
            className={draft.matchMode === 'regex' ? '[&_textarea]:font-mono' : undefined}
            value={draft.expectedOutput}
            onValueChange={(expectedOutput) => set({ expectedOutput })}
          />
        )}
        {draft.matchMode === 'scorer' && (
          <div className="grid gap-4 md:grid-cols-2">
            <SelectField
              path={at('matchConfig.scorer')}
              label="Scorer"
              value={scorer}
              onValueChange={(v) => set({ scorer: v })}
            >
              {scorers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
            <TextField
              path={at('matchConfig.threshold')}
              label="Threshold"
              hint="The least quality (0–1, higher is better) that passes"
              inputMode="decimal"
              value={draft.threshold}
              onValueChange={(threshold) => set({ threshold })}
            />
          </div>
        )}
        {draft.matchMode === 'llm-judge' && (
          <TextAreaField
            path={at('matchConfig.criteria')}
            label="Criteria"
            hint="Optional: what the judge checks besides the expected answer, e.g. names the refund deadline"
            rows={2}
            value={draft.criteria}
            onValueChange={(criteria) => set({ criteria })}
          />
        )}
        {draft.matchMode === 'json-schema' && (
          <JsonField
            path={at('matchConfig.schema')}
            label="JSON Schema"
            hint="The answer (or its first fenced code block) must be JSON matching this schema"
            rows={5}
            placeholder='{"type": "object", "required": ["city"]}'
            value={draft.schema}
            onValueChange={(schema) => set({ schema })}
          />
        )}
        <div className="grid items-start gap-4 md:grid-cols-2">
          <TextField
            path={at('tags')}
            label="Tags"
            hint="Comma-separated, e.g. smoke, billing"
            value={draft.tags}
            onValueChange={(tags) => set({ tags })}
          />
          <SwitchField
            path={at('pinned')}
            label="Pinned"
            description="A pinned case that regresses is called out when suite runs are compared."
            checked={draft.pinned}
            onCheckedChange={(pinned) => set({ pinned })}
          />
        </div>
        {create.error && atNoField && <ErrorNotice error={create.error} />}
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            <Plus aria-hidden />
            {create.isPending ? 'Adding…' : 'Add test case'}
          </Button>
        </div>
      </form>
    </IssuesProvider>
  );
}
