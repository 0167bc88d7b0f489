// Configure › Scorers (checkboxes from the scorer catalog) and Access & labels (active, public, tags, metadata).
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { scorersQuery } from './api';
import {
  CheckRow,
  ChipsField,
  JsonField,
  Section,
  type SectionProps,
  SwitchField,
  TextField,
  useIssue,
} from './configure-controls';
import { controlId } from './configure-form';

export function ScorersSection({ form, set }: SectionProps) {
  const { data: scorers, error, isPending } = useQuery(scorersQuery());
  const issue = useIssue('scorers');
  const known = new Set(scorers?.map((s) => s.id));
  const unknown = scorers ? form.scorers.filter((id) => !known.has(id)) : [];
  const toggle = (id: string, on: boolean) =>
    set({ scorers: on ? [...form.scorers, id] : form.scorers.filter((s) => s !== id) });
  return (
    <Section
      id="scorers"
      title="Scorers"
      description="The scorers every completed run of this agent is scored by (0–1; code-based methods, or a judge model for relevancy and toxicity where the server sets one), on the share of runs set below. Scores show on the Evaluations page."
    >
      <fieldset
        id={controlId('scorers')}
        tabIndex={-1}
        className="grid gap-2 sm:grid-cols-2"
        aria-describedby={issue ? 'scorers-issue' : undefined}
      >
        <legend className="sr-only">Scorers</legend>
        {issue && (
          <p id="scorers-issue" role="alert" className="text-xs text-destructive sm:col-span-2">
            {issue}
          </p>
        )}
        {error ? (
          <ErrorNotice error={error} className="sm:col-span-2" />
        ) : isPending ? (
          <Skeleton className="h-24 sm:col-span-2" />
        ) : (
          <>
            {scorers.map((s) => (
              <CheckRow
                key={s.id}
                id={`scorer-${s.id}`}
                checked={form.scorers.includes(s.id)}
                onCheckedChange={(on) => toggle(s.id, on)}
                title={s.name}
                description={`${s.description} · ${s.higherIsBetter ? 'higher' : 'lower'} is better`}
              />
            ))}
            {unknown.map((id) => (
              <CheckRow
                key={id}
                id={`scorer-${id}`}
                checked
                onCheckedChange={() => toggle(id, false)}
                title={<code>{id}</code>}
                description="Not in this server’s scorer catalog. Uncheck to remove it."
              />
            ))}
          </>
        )}
      </fieldset>
      <TextField
        path="scorerSampleRate"
        label="Share of runs scored"
        hint="0–1, chosen by run id (every scorer scores the same runs). Empty = the server's EVAL_SAMPLE_RATE."
        type="number"
        inputMode="decimal"
        min={0}
        max={1}
        step={0.05}
        placeholder="server default"
        value={form.scorerSampleRate}
        onValueChange={(scorerSampleRate) => set({ scorerSampleRate })}
      />
    </Section>
  );
}

export function AccessSection({ form, set }: SectionProps) {
  return (
    <Section id="access" title="Access & labels">
      <div className="grid gap-3 sm:grid-cols-2">
        <SwitchField
          path="isActive"
          label="Active"
          description="Only active agents resolve for runs."
          checked={form.isActive}
          onCheckedChange={(isActive) => set({ isActive })}
        />
        <SwitchField
          path="isPublic"
          label="Public"
          description="A flag for integrations and listings; it does not change who can run the agent."
          checked={form.isPublic}
          onCheckedChange={(isPublic) => set({ isPublic })}
        />
      </div>
      <ChipsField
        path="tags"
        label="Tags"
        hint="Press Enter or comma to add a tag."
        placeholder="Add a tag"
        values={form.tags}
        onChange={(tags) => set({ tags })}
      />
      <JsonField
        path="metadata"
        label="Metadata (JSON)"
        hint="Free-form data kept with the agent. Empty = none."
        placeholder='{ "team": "support" }'
        value={form.metadata}
        onValueChange={(metadata) => set({ metadata })}
      />
    </Section>
  );
}
