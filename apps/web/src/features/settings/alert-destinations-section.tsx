// Settings › Alert destinations: where the organization's alerts are delivered — a webhook (signed when given a
// secret, which is write-only) or a Slack incoming webhook. Listed, added, and removed after confirmation.
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmRemove } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { ApiError } from '@/lib/api';
import type { AlertDestination } from '@/lib/types';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { Section } from '../agent/configure-controls';
import { destinationsQuery, useCreateDestination, useDeleteDestination } from '../alerts/api';

const kinds: { value: AlertDestination['kind']; label: string; placeholder: string }[] = [
  { value: 'webhook', label: 'Webhook', placeholder: 'https://example.com/trellis-alerts' },
  { value: 'slack', label: 'Slack', placeholder: 'https://hooks.slack.com/services/…' },
];

function AddDestinationForm() {
  const [kind, setKind] = useState<AlertDestination['kind']>('webhook');
  const create = useCreateDestination();
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  /** ARIA wiring of a control whose API field has an error (Field renders it as `<id>-error`). */
  const invalid = (field: string, id: string) =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const secret = kind === 'webhook' ? String(data.get('secret') ?? '') : '';
    create.mutate(
      { kind, url: String(data.get('url')).trim(), ...(secret ? { secret } : {}) },
      {
        onSuccess: (d) => {
          form.reset();
          toast.success(`Alerts now also go to ${d.url}`);
        },
      },
    );
  }

  return (
    <form className="grid gap-3 rounded-lg border p-4" onSubmit={submit} aria-label="Add an alert destination">
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <Field id="destination-kind" label="Kind" error={errors.kind}>
          <Select
            id="destination-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as AlertDestination['kind'])}
          >
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="destination-url" label="URL" error={errors.url}>
          <Input
            id="destination-url"
            name="url"
            type="url"
            required
            maxLength={2000}
            placeholder={kinds.find((k) => k.value === kind)?.placeholder}
            {...invalid('url', 'destination-url')}
          />
        </Field>
      </div>
      {kind === 'webhook' && (
        <Field
          id="destination-secret"
          label="Signing secret (optional)"
          error={errors.secret}
          hint="At least 16 characters. Write-only: stored encrypted and never shown again. Each delivery is signed in the x-trellis-signature header (HMAC-SHA256)."
        >
          <Input
            id="destination-secret"
            name="secret"
            type="password"
            autoComplete="new-password"
            minLength={16}
            maxLength={200}
            {...invalid('secret', 'destination-secret')}
          />
        </Field>
      )}
      {create.error && !Object.keys(errors).length && <ErrorNotice error={create.error} />}
      <Button type="submit" className="justify-self-end" disabled={create.isPending}>
        <Plus aria-hidden /> {create.isPending ? 'Adding…' : 'Add destination'}
      </Button>
    </form>
  );
}

function DestinationRow({ destination: d }: { destination: AlertDestination }) {
  const remove = useDeleteDestination();
  return (
    <TR>
      <TD>
        <Badge variant="outline">{d.kind}</Badge>
      </TD>
      <TD className="max-w-0 w-full">
        <span className="block truncate font-mono text-xs" title={d.url}>
          {d.url}
        </span>
        {remove.error && <ErrorNotice error={remove.error} className="mt-2" />}
      </TD>
      <TD>
        <div className="flex gap-1">
          {d.signed && <Badge variant="secondary">signed</Badge>}
          {!d.enabled && <Badge variant="warning">disabled</Badge>}
        </div>
      </TD>
      <TD className="whitespace-nowrap text-muted-foreground">
        <time dateTime={d.createdAt} title={formatDateTime(d.createdAt)}>
          {timeAgo(d.createdAt)}
        </time>
      </TD>
      <TD>
        <ConfirmRemove
          label={`Remove ${d.kind} destination ${d.url}`}
          title="Remove this destination?"
          description={`Alerts will no longer be sent to ${d.url}.`}
          confirmLabel="Remove destination"
          onConfirm={() => remove.mutate(d.id, { onSuccess: () => toast.success('Destination removed') })}
        />
      </TD>
    </TR>
  );
}

export function AlertDestinationsSection() {
  const destinations = useQuery(destinationsQuery());
  return (
    <Section
      id="alert-destinations"
      title="Alert destinations"
      description="Every new alert (budget thresholds and others) is sent to each destination: a webhook gets a JSON POST, Slack an incoming-webhook message."
    >
      {destinations.error ? (
        <ErrorNotice error={destinations.error} />
      ) : destinations.isPending ? (
        <Spinner />
      ) : destinations.data.length === 0 ? (
        <EmptyState title="No destinations yet">Alerts are only shown in Trellis until you add one.</EmptyState>
      ) : (
        <Table aria-label="Alert destinations">
          <THead>
            <TR>
              <TH>Kind</TH>
              <TH>URL</TH>
              <TH>
                <span className="sr-only">Status</span>
              </TH>
              <TH>Added</TH>
              <ActionsHead />
            </TR>
          </THead>
          <TBody>
            {destinations.data.map((d) => (
              <DestinationRow key={d.id} destination={d} />
            ))}
          </TBody>
        </Table>
      )}
      <AddDestinationForm />
    </Section>
  );
}
