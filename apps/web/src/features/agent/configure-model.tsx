// Configure › Model: provider and model from the catalog (unconfigured providers disabled with the variable to set,
// prices per 1M tokens), sampling limits, and the further model options (modelConfig).
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle } from 'lucide-react';
import { ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { DEMO_LABEL, DEMO_PROVIDER, type ProviderInfo } from '@/lib/types';
import { modelsQuery } from './api';
import { ChipsField, JsonField, Section, type SectionProps, TextField, useIssue } from './configure-controls';
import { controlId, modelConfigNumbers } from './configure-form';

type Model = ProviderInfo['models'][number];

const usd = (n: number) => `$${n < 1 ? n.toFixed(3).replace(/0$/, '') : n.toFixed(2)}`;
const isFree = (m: Model) => m.price?.inputPerMTokUsd === 0 && m.price.outputPerMTokUsd === 0;
/** The price per 1M tokens, in words for the hint or short for the option label. */
function price(m: Model | undefined, short = false): string | undefined {
  if (!m?.price) return undefined;
  if (isFree(m)) return short ? 'free' : 'Free: runs offline, no tokens billed';
  const { inputPerMTokUsd: input, outputPerMTokUsd: output } = m.price;
  return short ? `${usd(input)} / ${usd(output)}` : `${usd(input)} in · ${usd(output)} out per 1M tokens`;
}
const providerLabel = (p: ProviderInfo) => (p.id === DEMO_PROVIDER ? DEMO_LABEL : p.label);

function ModelPicker({ form, set }: SectionProps) {
  const { data: providers, error, isPending } = useQuery(modelsQuery());
  const providerError = useIssue('modelProvider');
  const modelError = useIssue('modelName');
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <Skeleton className="h-16" />;
  const provider = providers.find((p) => p.id === form.modelProvider);
  const models = provider?.models ?? [];
  const model = models.find((m) => m.id === form.modelName);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id={controlId('modelProvider')}
        className="content-start"
        label="Provider"
        error={providerError}
        hint={
          provider && !provider.configured ? (
            <span className="inline-flex items-center gap-1">
              <AlertTriangle className="size-3 text-destructive" aria-hidden /> Not configured on this server: set{' '}
              <code>{provider.configureWith}</code>
            </span>
          ) : undefined
        }
      >
        <Select
          id={controlId('modelProvider')}
          value={form.modelProvider}
          aria-invalid={providerError ? true : undefined}
          onChange={(e) => {
            const next = providers.find((p) => p.id === e.target.value);
            set({ modelProvider: e.target.value, modelName: next?.models[0]?.id ?? '' });
          }}
        >
          {!provider && <option value={form.modelProvider}>{form.modelProvider} (unknown)</option>}
          {providers.map((p) => (
            <option key={p.id} value={p.id} disabled={!p.configured}>
              {providerLabel(p)}
              {!p.configured && p.configureWith ? ` — set ${p.configureWith}` : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id={controlId('modelName')}
        className="content-start"
        label="Model"
        error={modelError}
        hint={price(model) ?? (model ? 'No catalog price' : undefined)}
      >
        <Select
          id={controlId('modelName')}
          value={form.modelName}
          aria-invalid={modelError ? true : undefined}
          onChange={(e) => set({ modelName: e.target.value })}
        >
          {!model && <option value={form.modelName}>{form.modelName || '(choose a model)'}</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name === m.id ? m.id : `${m.name} (${m.id})`}
              {m.price ? ` — ${price(m, true)}` : ''}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

function ModelOptions({ form, set }: SectionProps) {
  const mc = form.modelConfig;
  const setMc = (patch: Partial<typeof mc>) => set({ modelConfig: { ...mc, ...patch } });
  return (
    <fieldset className="grid gap-4 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">Model options</legend>
      <div className="grid gap-4 sm:grid-cols-3">
        {modelConfigNumbers.map((o) => (
          <TextField
            key={o.key}
            path={`modelConfig.${o.key}`}
            label={o.label}
            hint={o.hint}
            type="number"
            inputMode="decimal"
            step={o.step}
            min={'min' in o ? o.min : undefined}
            max={'max' in o ? o.max : undefined}
            placeholder="default"
            value={mc[o.key]}
            onValueChange={(v) => setMc({ [o.key]: v })}
          />
        ))}
      </div>
      <ChipsField
        path="modelConfig.stopSequences"
        label="Stop sequences"
        hint="Generation stops at any of these. Press Enter to add one."
        placeholder="e.g. END"
        splitOnComma={false}
        values={mc.stopSequences}
        onChange={(stopSequences) => setMc({ stopSequences })}
      />
      <JsonField
        path="modelConfig.providerOptions"
        label="Provider options (JSON)"
        hint='Passed to the AI SDK, keyed by provider: { "openai": { "reasoningEffort": "low" } }'
        placeholder="{}"
        value={mc.providerOptions}
        onValueChange={(providerOptions) => setMc({ providerOptions })}
      />
    </fieldset>
  );
}

export function ModelSection({ form, set }: SectionProps) {
  return (
    <Section id="model" title="Model" description="Which model answers, and how it samples.">
      <ModelPicker form={form} set={set} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          path="temperature"
          label="Temperature"
          hint="0–2. Empty = provider default."
          type="number"
          inputMode="decimal"
          min={0}
          max={2}
          step={0.1}
          placeholder="default"
          value={form.temperature}
          onValueChange={(temperature) => set({ temperature })}
        />
        <TextField
          path="maxTokens"
          label="Max tokens"
          hint="Per response. Empty = no limit."
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder="no limit"
          value={form.maxTokens}
          onValueChange={(maxTokens) => set({ maxTokens })}
        />
        <TextField
          path="maxSteps"
          label="Max steps"
          hint="Tool-call loop limit per run, 1–50."
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          step={1}
          required
          value={form.maxSteps}
          onValueChange={(maxSteps) => set({ maxSteps })}
        />
      </div>
      <ModelOptions form={form} set={set} />
      <JsonField
        path="outputSchema"
        label="Output schema (JSON Schema)"
        hint='Structured output: every answer must be JSON matching this object schema, or the run fails with OUTPUT_SCHEMA_MISMATCH. A run may send its own outputSchema. Empty = free text. Example: { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] }'
        placeholder="free text"
        value={form.outputSchema}
        onValueChange={(outputSchema) => set({ outputSchema })}
      />
    </Section>
  );
}
