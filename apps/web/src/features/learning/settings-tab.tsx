// The Settings tab: the agent's learning policy as a form — learning on or off, the signal thresholds, the experiment
// split and stopping rule, auto-promotion — each field with the server's default beside it, and the fixed statistics.
// Save sends the changed fields; a value the API refuses shows at its field, other refusals above the Save button.
import { useQuery } from '@tanstack/react-query';
import { Save, Undo2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { RoleNote, useCan } from '@/lib/access';
import type { LearningPolicy, LearningPolicyInput } from '@/lib/types';
import { formatPercent } from '@/lib/utils';
import { IssuesProvider, Section, SwitchField, TextField } from '../agent/configure-controls';
import { apiIssues, focusControl, type Issue } from '../agent/configure-form';
import { policyQuery, useSavePolicy } from './api';
import { guardInfo } from './experiment-stats';

type Defaults = LearningPolicy['defaults'];
type NumberKey = {
  [K in keyof Required<LearningPolicyInput>]: Required<LearningPolicyInput>[K] extends number ? K : never;
}[keyof LearningPolicyInput];
type SwitchKey = 'enabled' | 'autoPromotionEnabled';

interface NumberField {
  key: NumberKey;
  label: string;
  integer?: boolean;
  /** The allowed range, said in the hint and checked by the API. */
  range: string;
  default: (d: Defaults) => number;
}

const thresholdFields: NumberField[] = [
  {
    key: 'signalCount',
    label: 'Signals that start a session',
    integer: true,
    range: '1 or more',
    default: (d) => d.signalThresholds.signalCount,
  },
  {
    key: 'signalWindowMinutes',
    label: 'Within (minutes)',
    integer: true,
    range: '1 to 10080',
    default: (d) => d.signalThresholds.signalWindowMinutes,
  },
  {
    key: 'lowScoreThreshold',
    label: 'Low-score threshold',
    range: '0 to 1; a scorer result below it is a signal',
    default: (d) => d.signalThresholds.lowScoreThreshold,
  },
];
const experimentFields: NumberField[] = [
  {
    key: 'candidateSplit',
    label: 'Share of traffic to the candidate',
    range: 'above 0, at most 0.5',
    default: (d) => d.trafficSplit.defaultCandidateSplit,
  },
  {
    key: 'minRunsPerGroup',
    label: 'Minimum scored runs per arm',
    integer: true,
    range: '5 or more',
    default: (d) => d.trafficSplit.minRunsPerGroup,
  },
  {
    key: 'maxRunsPerExperiment',
    label: 'Maximum runs per experiment',
    integer: true,
    range: 'at least twice the minimum per arm',
    default: (d) => d.trafficSplit.maxRunsPerExperiment,
  },
  {
    key: 'maxExperimentDurationHours',
    label: 'Maximum duration (hours)',
    integer: true,
    range: '1 to 2160',
    default: (d) => d.trafficSplit.maxExperimentDurationHours,
  },
];
const autoPromotionFields: NumberField[] = [
  {
    key: 'minWinRate',
    label: 'Minimum win rate',
    range: '0.5 to 1',
    default: (d) => d.autoPromotion.minWinRate,
  },
  {
    key: 'minConfidenceScore',
    label: 'Minimum confidence',
    range: '0 to 1',
    default: (d) => d.autoPromotion.minConfidenceScore,
  },
  {
    key: 'minRunsBeforeAutoPromotion',
    label: 'Minimum runs in all before auto-promotion',
    integer: true,
    range: '0 or more',
    default: (d) => d.autoPromotion.minRunsBeforeAutoPromotion,
  },
];
const numberFields = [...thresholdFields, ...experimentFields, ...autoPromotionFields];

type Draft = Record<NumberKey, string> & Record<SwitchKey, boolean>;
const draftOf = (p: LearningPolicy): Draft => ({
  ...(Object.fromEntries(numberFields.map((f) => [f.key, String(p[f.key])])) as Record<NumberKey, string>),
  enabled: p.enabled,
  autoPromotionEnabled: p.autoPromotionEnabled,
});

const prefix = 'learningPolicy';
const pathOf = (key: string) => `${prefix}.${key}`;

/** The changed fields as the API's body, or the messages of the fields that are not numbers. */
function toInput(draft: Draft, policy: LearningPolicy): { input?: LearningPolicyInput; issues: Issue[] } {
  const issues: Issue[] = [];
  const input: Record<string, number | boolean> = {};
  for (const f of numberFields) {
    const text = draft[f.key].trim();
    const n = Number(text);
    if (!text || !Number.isFinite(n)) issues.push({ path: pathOf(f.key), message: 'Enter a number.' });
    else if (f.integer && !Number.isInteger(n)) issues.push({ path: pathOf(f.key), message: 'Enter a whole number.' });
    else if (n !== policy[f.key]) input[f.key] = n;
  }
  for (const key of ['enabled', 'autoPromotionEnabled'] as const)
    if (draft[key] !== policy[key]) input[key] = draft[key];
  return issues.length ? { issues } : { input, issues };
}

function Fields({
  fields,
  draft,
  defaults,
  onValue,
}: {
  fields: NumberField[];
  draft: Draft;
  defaults: Defaults;
  onValue: (key: NumberKey, value: string) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {fields.map((f) => (
        <TextField
          key={f.key}
          path={pathOf(f.key)}
          label={f.label}
          hint={
            <>
              Default <span className="font-medium text-foreground tabular-nums">{f.default(defaults)}</span> ·{' '}
              {f.range}
            </>
          }
          type="number"
          inputMode={f.integer ? 'numeric' : 'decimal'}
          step={f.integer ? 1 : 'any'}
          value={draft[f.key]}
          onValueChange={(v) => onValue(f.key, v)}
        />
      ))}
    </div>
  );
}

/** A guard's tolerated increase in words: the larger of its relative and absolute margins, as the server sets them. */
function toleranceOf(name: string, margin: { relative?: number; absolute?: number }) {
  const info = guardInfo[name as keyof typeof guardInfo];
  const parts = [
    margin.relative ? `${formatPercent(margin.relative)} of the baseline` : null,
    margin.absolute && info ? info.format(margin.absolute) : null,
  ].filter(Boolean);
  return `${info?.label ?? name}: up to ${parts.join(' or ') || 'no increase'}${parts.length > 1 ? ', whichever is larger' : ''}`;
}

/** The statistics of the decision, fixed by the server (shown so the rule can be read, not changed). */
function Statistics({ defaults: d }: { defaults: Defaults }) {
  const { alpha, tau } = d.statistics;
  const guards = d.statistics.guards as Record<string, { relative?: number; absolute?: number }>;
  return (
    <ul className="grid gap-1 text-sm text-muted-foreground">
      <li>
        Sequential test (mSPRT) on each run's score with α = {alpha} and mixture τ = {tau}: its{' '}
        {Math.round((1 - alpha) * 100)} % interval stays valid however often it is checked, and a candidate wins only
        when the whole interval lies above zero.
      </li>
      <li>
        Guards — how much worse than the baseline the candidate may be; confidently past that, the experiment stops and
        the baseline is kept:
        <ul className="ml-5 list-disc">
          {Object.entries(guards).map(([name, margin]) => (
            <li key={name}>{toleranceOf(name, margin)}</li>
          ))}
        </ul>
      </li>
      <li>
        Schedules (UTC): sessions from collected signals every 6 hours (
        <code className="text-xs">{d.schedules.backstop}</code>
        ), experiments checked after their runs and every 15 minutes (
        <code className="text-xs">{d.schedules.checker}</code>
        ).
      </li>
    </ul>
  );
}

function PolicyForm({ slug, policy }: { slug: string; policy: LearningPolicy }) {
  const [initial] = useState(() => draftOf(policy));
  const [draft, setDraft] = useState(initial);
  const [issues, setIssues] = useState<Issue[]>([]);
  const save = useSavePolicy(slug);
  const editable = useCan('manage');
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const onValue = (key: NumberKey, value: string) => set({ [key]: value } as Partial<Draft>);
  const show = (found: Issue[]) => {
    setIssues(found);
    if (found[0]) focusControl(found[0].path);
  };
  const known = new Set([...numberFields.map((f) => pathOf(f.key)), pathOf('enabled'), pathOf('autoPromotionEnabled')]);
  const atNoField = !issues.length || issues.some((i) => !known.has(i.path));

  function submit(e: FormEvent) {
    e.preventDefault();
    const { input, issues: found } = toInput(draft, policy);
    if (!input) {
      save.reset();
      return show(found);
    }
    show([]);
    // The promise, not mutate's callbacks: a save remounts this form (its key is the saved policy) before they run.
    save.mutateAsync(input).then(
      (saved) =>
        toast.success(saved.enabled ? 'Saved the learning policy: learning is on' : 'Saved the learning policy'),
      (error) => show(apiIssues(error).map((i) => ({ ...i, path: pathOf(i.path) }))),
    );
  }

  return (
    <IssuesProvider value={issues}>
      <form className="grid gap-6" onSubmit={submit} noValidate aria-label="Learning policy">
        <fieldset disabled={!editable} className="grid gap-6">
          <Section
            id="learning-enabled"
            title="Learning"
            description={
              policy.saved
                ? 'This agent has its own learning policy.'
                : 'This agent runs on the defaults: nothing saved yet.'
            }
          >
            <SwitchField
              path={pathOf('enabled')}
              label="Learning enabled"
              description="On: this agent's live runs are watched for signals (low scores, failures, negative feedback, guardrail blocks, latency and cost spikes), and sessions start by themselves when enough signals gather within the window (the threshold trigger) or, for any left over, every 6 hours. Off: no signals are collected and nothing starts by itself; you can still start a session by hand, which looks through the recent runs. Pausing (above) stops everything while keeping this setting."
              checked={draft.enabled}
              onCheckedChange={(enabled) => set({ enabled })}
            />
          </Section>
          <Section
            id="learning-thresholds"
            title="Signal thresholds"
            description="The threshold trigger: this many signals within the window start a session."
          >
            <Fields fields={thresholdFields} draft={draft} defaults={policy.defaults} onValue={onValue} />
          </Section>
          <Section
            id="learning-experiments"
            title="Experiments"
            description="A proposal that passes its test-suite gate is tried on a share of live traffic. No decision before each arm has its minimum runs; at the run or time cap without a clear winner it ends inconclusive."
          >
            <Fields fields={experimentFields} draft={draft} defaults={policy.defaults} onValue={onValue} />
          </Section>
          <Section
            id="learning-auto-promotion"
            title="Auto-promotion"
            description="Applies to LOW risk proposals only (instruction changes). MEDIUM (tools) and HIGH (model, memory, guardrails) risk proposals always wait for a person's approval."
          >
            <SwitchField
              path={pathOf('autoPromotionEnabled')}
              label="Promote LOW risk winners automatically"
              description={`When a LOW risk candidate wins its experiment and clears the thresholds below, it becomes the agent's new version without a person (default ${policy.defaults.autoPromotion.enabled ? 'on' : 'off'}). Off: every winner waits for approval.`}
              checked={draft.autoPromotionEnabled}
              onCheckedChange={(autoPromotionEnabled) => set({ autoPromotionEnabled })}
            />
            <Fields fields={autoPromotionFields} draft={draft} defaults={policy.defaults} onValue={onValue} />
          </Section>
          <Section id="learning-statistics" title="How experiments are decided" description="Fixed by the server.">
            <Statistics defaults={policy.defaults} />
          </Section>
        </fieldset>
        {save.error && atNoField && <ErrorNotice error={save.error} />}
        {editable && (
          <div className="flex flex-wrap items-center justify-end gap-2">
            {dirty && <span className="mr-auto text-sm text-muted-foreground">Unsaved changes</span>}
            {dirty && (
              <Button
                variant="outline"
                onClick={() => {
                  setDraft(initial);
                  show([]);
                  save.reset();
                }}
              >
                <Undo2 aria-hidden /> Discard changes
              </Button>
            )}
            <Button type="submit" disabled={save.isPending || !dirty}>
              <Save aria-hidden /> {save.isPending ? 'Saving…' : 'Save policy'}
            </Button>
          </div>
        )}
      </form>
    </IssuesProvider>
  );
}

export function SettingsTab({ slug }: { slug: string }) {
  const { data: policy, error } = useQuery(policyQuery(slug));
  if (error) return <ErrorNotice error={error} />;
  if (!policy) return <Skeleton className="h-96" />;
  return (
    <div className="grid gap-4">
      <RoleNote need="manage">You can see the learning policy but not change it</RoleNote>
      {/* A save (or a pause elsewhere) starts the form again from what the server now holds. */}
      <PolicyForm key={JSON.stringify(draftOf(policy))} slug={slug} policy={policy} />
    </div>
  );
}
