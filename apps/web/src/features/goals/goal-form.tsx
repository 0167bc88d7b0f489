// The form that submits a goal: what to achieve, the orchestrator that plans it, the agents its steps may use and
// how often a failing step is tried. API validation errors show at their field.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Select, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ApiError } from '@/lib/api';
import { agentsQuery } from '../agent/api';
import { useCreateGoal } from './api';

export function GoalForm({ onCreated }: { onCreated: (id: string) => void }) {
  const agents = useQuery(agentsQuery({ active: 'true' }));
  const create = useCreateGoal();
  const [chosen, setChosen] = useState<string[]>([]);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const described = (field: string, id: string) =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    create.mutate(
      {
        title: String(data.get('title')).trim(),
        input: String(data.get('input')).trim(),
        orchestrator: String(data.get('orchestrator')),
        agents: chosen,
        maxAttempts: Number(data.get('maxAttempts')),
      },
      {
        onSuccess: (goal) => {
          form.reset();
          setChosen([]);
          toast.success(`Goal “${goal.title}” queued`);
          onCreated(goal.id);
        },
      },
    );
  }

  const list = agents.data ?? [];
  return (
    <form className="grid gap-4" onSubmit={submit} aria-label="New goal">
      <Field id="goal-title" label="Title" error={errors.title}>
        <Input id="goal-title" name="title" required maxLength={500} {...described('title', 'goal-title')} />
      </Field>
      <Field
        id="goal-input"
        label="What should be achieved"
        hint="The orchestrator plans this into steps; each step's output is handed to the next."
        error={errors.input}
      >
        <Textarea id="goal-input" name="input" required rows={4} {...described('input', 'goal-input')} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-[1fr_9rem]">
        <Field id="goal-orchestrator" label="Orchestrator" error={errors.orchestrator}>
          <Select
            id="goal-orchestrator"
            name="orchestrator"
            defaultValue="assistant"
            {...described('orchestrator', 'goal-orchestrator')}
          >
            {list.map((a) => (
              <option key={a.id} value={a.slug}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="goal-attempts" label="Attempts per step" error={errors.maxAttempts}>
          <Input
            id="goal-attempts"
            name="maxAttempts"
            type="number"
            min={1}
            max={10}
            defaultValue={3}
            {...described('maxAttempts', 'goal-attempts')}
          />
        </Field>
      </div>
      <fieldset className="grid gap-2" aria-describedby={errors.agents ? 'goal-agents-error' : undefined}>
        <legend className="text-sm font-medium">Agents its steps may use</legend>
        <div className="flex max-h-48 flex-wrap gap-2 overflow-auto">
          {list.map((a) => {
            const on = chosen.includes(a.slug);
            return (
              <label
                key={a.id}
                className="flex cursor-pointer items-center gap-2 rounded-md border px-2 py-1 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/10"
              >
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => setChosen(on ? chosen.filter((s) => s !== a.slug) : [...chosen, a.slug])}
                />
                {a.name}
              </label>
            );
          })}
        </div>
        {errors.agents && (
          <p id="goal-agents-error" role="alert" className="text-xs text-destructive">
            {errors.agents}
          </p>
        )}
      </fieldset>
      {create.error && !Object.keys(errors).length && <ErrorNotice error={create.error} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={create.isPending || agents.isPending}>
          {create.isPending ? 'Submitting…' : 'Run goal'}
        </Button>
      </div>
    </form>
  );
}
