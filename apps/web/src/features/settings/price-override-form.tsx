// Settings › Price overrides › the form that adds or updates one model's price (USD per million tokens): provider,
// model (with the catalog price as a hint), input and output prices, and optional cached-input and reasoning ones.
import { useQuery } from '@tanstack/react-query';
import { Save } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import type { PriceOverride, PriceOverrideInput } from '@/lib/types';
import { DEMO_PROVIDER } from '@/lib/types';
import { modelsQuery } from '../agent/api';
import { IssuesProvider, TextField } from '../agent/configure-controls';
import { apiIssues, focusControl, type Issue } from '../agent/configure-form';
import { usePutPrice } from '../costs/api';

export interface PriceDraft {
  provider: string;
  modelName: string;
  input: string;
  output: string;
  cached: string;
  reasoning: string;
}
export const emptyPriceDraft: PriceDraft = {
  provider: 'openai',
  modelName: '',
  input: '',
  output: '',
  cached: '',
  reasoning: '',
};
const text = (n: number | null) => (n == null ? '' : String(n));
/** A price per million tokens exactly as set (prices like $0.075 must not round). */
export const perM = (n: number | null | undefined) => (n == null ? '—' : `$${n}`);
export const priceDraftOf = (o: PriceOverride): PriceDraft => ({
  provider: o.provider,
  modelName: o.modelName,
  input: text(o.inputPerMTokUsd),
  output: text(o.outputPerMTokUsd),
  cached: text(o.cachedInputPerMTokUsd),
  reasoning: text(o.reasoningPerMTokUsd),
});

/** The API body, or the issues of the wrong fields (paths under `price.`, the API's names). */
function toInput(d: PriceDraft): { input?: PriceOverrideInput; issues: Issue[] } {
  const issues: Issue[] = [];
  const price = (value: string, field: string, required: boolean) => {
    if (!value.trim()) {
      if (required) issues.push({ path: `price.${field}`, message: 'Enter a price per million tokens.' });
      return null;
    }
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      issues.push({ path: `price.${field}`, message: 'A price is a number, 0 or more.' });
    return n;
  };
  if (!d.modelName.trim()) issues.push({ path: 'price.modelName', message: 'Enter the model name.' });
  const input = {
    provider: d.provider as PriceOverrideInput['provider'],
    modelName: d.modelName.trim(),
    inputPerMTokUsd: price(d.input, 'inputPerMTokUsd', true) ?? 0,
    outputPerMTokUsd: price(d.output, 'outputPerMTokUsd', true) ?? 0,
    cachedInputPerMTokUsd: price(d.cached, 'cachedInputPerMTokUsd', false),
    reasoningPerMTokUsd: price(d.reasoning, 'reasoningPerMTokUsd', false),
  };
  return issues.length ? { issues } : { issues, input };
}

export function PriceForm({ draft, setDraft }: { draft: PriceDraft; setDraft: (d: PriceDraft) => void }) {
  const { data: providers } = useQuery(modelsQuery());
  const [issues, setIssues] = useState<Issue[]>([]);
  const save = usePutPrice();
  const set = (patch: Partial<PriceDraft>) => setDraft({ ...draft, ...patch });
  const models = providers?.find((p) => p.id === draft.provider)?.models ?? [];
  const catalog = models.find((m) => m.id === draft.modelName)?.price;
  const show = (found: Issue[]) => {
    setIssues(found);
    if (found[0]) focusControl(found[0].path);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const { input, issues: found } = toInput(draft);
    if (!input) return show(found);
    show([]);
    save.mutate(input, {
      onSuccess: (o) => {
        toast.success(`Saved the price of ${o.modelName}`);
        setDraft({ ...emptyPriceDraft, provider: draft.provider });
      },
      onError: (error) => show(apiIssues(error).map((i) => ({ ...i, path: `price.${i.path}` }))),
    });
  }

  return (
    <IssuesProvider value={issues}>
      <form
        className="grid gap-3 rounded-lg border p-4"
        onSubmit={submit}
        noValidate
        aria-label="Add or update a price"
      >
        <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
          <Field id="price-provider" label="Provider" className="content-start">
            <Select id="price-provider" value={draft.provider} onChange={(e) => set({ provider: e.target.value })}>
              {(providers ?? [])
                .filter((p) => p.id !== DEMO_PROVIDER)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
            </Select>
          </Field>
          <TextField
            path="price.modelName"
            label="Model"
            list="price-models"
            placeholder="e.g. gpt-4o-mini"
            hint={
              catalog
                ? `Catalog: ${perM(catalog.inputPerMTokUsd)} input, ${perM(catalog.outputPerMTokUsd)} output per million tokens`
                : 'Any model name the provider accepts.'
            }
            value={draft.modelName}
            onValueChange={(modelName) => set({ modelName })}
          />
          <datalist id="price-models">
            {models.map((m) => (
              <option key={m.id} value={m.id} />
            ))}
          </datalist>
        </div>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {(
            [
              ['input', 'inputPerMTokUsd', 'Input $/M tokens'],
              ['output', 'outputPerMTokUsd', 'Output $/M tokens'],
              ['cached', 'cachedInputPerMTokUsd', 'Cached input $/M'],
              ['reasoning', 'reasoningPerMTokUsd', 'Reasoning $/M'],
            ] as const
          ).map(([key, field, label]) => (
            <TextField
              key={key}
              path={`price.${field}`}
              label={label}
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              placeholder={key === 'cached' ? 'as input' : key === 'reasoning' ? 'as output' : undefined}
              value={draft[key]}
              onValueChange={(value) => set({ [key]: value })}
            />
          ))}
        </div>
        {save.error && !issues.length && <ErrorNotice error={save.error} />}
        <Button type="submit" className="justify-self-end" disabled={save.isPending}>
          <Save aria-hidden /> {save.isPending ? 'Saving…' : 'Save price'}
        </Button>
      </form>
    </IssuesProvider>
  );
}
