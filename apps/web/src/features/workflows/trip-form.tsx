// The form that starts the trip planner: where (and from where), when (dates or a number of nights), how many
// travellers, the budget and the interests. Only filled fields are sent; the API's validation errors show at their
// field.
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ApiError } from '@/lib/api';
import type { TripInput } from '@/lib/types';
import { useStartWorkflowRun } from './api';

/** The form's values as the API takes them: empty fields left out, numbers as numbers, interests as a list. */
function tripOf(data: FormData): TripInput {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const number = (name: string) => (text(name) ? Number(text(name)) : undefined);
  const optional = (name: string) => text(name) || undefined;
  return {
    destination: text('destination'),
    origin: optional('origin'),
    startDate: optional('startDate'),
    endDate: optional('endDate'),
    nights: number('nights'),
    travellers: number('travellers'),
    budget: number('budget'),
    currency: optional('currency'),
    interests: text('interests')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    notes: optional('notes'),
  };
}

export function TripForm({ workflowId, onStarted }: { workflowId: string; onStarted: (runId: string) => void }) {
  const start = useStartWorkflowRun(workflowId);
  const [datesOrNights, setDatesOrNights] = useState<'dates' | 'nights'>('dates');
  const errors = start.error instanceof ApiError ? start.error.fieldErrors('input') : {};
  const field = (name: string) => ({
    id: `trip-${name}`,
    name,
    ...(errors[name] ? { 'aria-invalid': true, 'aria-describedby': `trip-${name}-error` } : {}),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const trip = tripOf(new FormData(form));
    start.mutate(trip, {
      onSuccess: ({ workflowRunId }) => {
        form.reset();
        toast.success(`Planning a trip to ${trip.destination}`);
        onStarted(workflowRunId);
      },
    });
  }

  return (
    <form className="grid gap-4" onSubmit={submit} aria-label="Plan a trip">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="trip-destination" label="Destination" error={errors.destination}>
          <Input {...field('destination')} required maxLength={200} placeholder="Lisbon" />
        </Field>
        <Field id="trip-origin" label="Leaving from" hint="Optional: for the transport step." error={errors.origin}>
          <Input {...field('origin')} maxLength={200} placeholder="Paris" />
        </Field>
      </div>
      <fieldset className="grid gap-2">
        <legend className="text-sm font-medium">When</legend>
        <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Dates or nights">
          {(['dates', 'nights'] as const).map((choice) => (
            <label key={choice} className="flex items-center gap-2">
              <input
                type="radio"
                name="when"
                checked={datesOrNights === choice}
                onChange={() => setDatesOrNights(choice)}
              />
              {choice === 'dates' ? 'Dates' : 'Number of nights'}
            </label>
          ))}
        </div>
        {datesOrNights === 'dates' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="trip-startDate" label="From" error={errors.startDate}>
              <Input {...field('startDate')} type="date" />
            </Field>
            <Field id="trip-endDate" label="To" error={errors.endDate}>
              <Input {...field('endDate')} type="date" />
            </Field>
          </div>
        ) : (
          <Field id="trip-nights" label="Nights" error={errors.nights} className="sm:max-w-40">
            <Input {...field('nights')} type="number" min={1} max={60} defaultValue={3} />
          </Field>
        )}
        {datesOrNights === 'dates' && errors.nights && (
          <p role="alert" className="text-xs text-destructive">
            {errors.nights}
          </p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="trip-travellers" label="Travellers" error={errors.travellers}>
          <Input {...field('travellers')} type="number" min={1} max={20} defaultValue={2} />
        </Field>
        <Field id="trip-budget" label="Budget (whole trip)" error={errors.budget}>
          <Input {...field('budget')} type="number" min={1} step="any" placeholder="2000" />
        </Field>
        <Field id="trip-currency" label="Currency" error={errors.currency}>
          <Input {...field('currency')} maxLength={3} defaultValue="EUR" className="uppercase" />
        </Field>
      </div>
      <Field
        id="trip-interests"
        label="Interests"
        hint="Separated by commas, e.g. food, history, beaches."
        error={errors.interests}
      >
        <Input {...field('interests')} placeholder="food, history" />
      </Field>
      <Field id="trip-notes" label="Notes" error={errors.notes}>
        <Textarea {...field('notes')} rows={2} maxLength={2000} placeholder="Anything the agents should know" />
      </Field>
      {start.error && !Object.keys(errors).length && <ErrorNotice error={start.error} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Plan trip'}
        </Button>
      </div>
    </form>
  );
}
