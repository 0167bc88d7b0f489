// Settings › API keys of the organization: create with a scope and an expiry (the key is shown once), list and revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { ConfirmRemove } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Input, Select } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { authClient } from '@/lib/auth-client';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { apiKeysQuery, unwrap } from './api-keys';

const scopes = ['read', 'run', 'admin'] as const;

/** A key's scopes as saved in its metadata; a key from before scopes acts as admin. */
function scopesOf(metadata: unknown): string {
  const saved = (metadata as { scopes?: unknown } | null)?.scopes;
  return Array.isArray(saved) ? saved.join(', ') : 'admin';
}

export function ApiKeysSection({ organizationId }: { organizationId: string }) {
  const client = useQueryClient();
  const keysQuery = apiKeysQuery(organizationId);
  const key = keysQuery.queryKey;
  const keys = useQuery(keysQuery);
  const [created, setCreated] = useState<string>();
  const create = useMutation({
    mutationFn: ({ name, scope, days }: { name: string; scope: string; days: number }) =>
      unwrap(
        authClient.apiKey.create({
          name,
          organizationId,
          metadata: { scopes: [scope] },
          ...(days ? { expiresIn: days * 24 * 3600 } : {}),
        }),
      ),
    onSuccess: (k) => {
      setCreated(k.key);
      return client.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) => unwrap(authClient.apiKey.delete({ keyId })),
    onSuccess: () => {
      toast.success('Key revoked');
      return client.invalidateQueries({ queryKey: key });
    },
  });
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name')).trim();
    create.mutate(
      { name, scope: String(data.get('scope')), days: Number(data.get('expires')) },
      { onSuccess: () => form.reset() },
    );
  }
  const list = keys.data ?? [];
  return (
    <Card id="api-keys" className="scroll-mt-20">
      <CardHeader>
        <CardTitle>
          <h2>API keys</h2>
        </CardTitle>
        <CardDescription>
          For scripts and services: send the key in the <code>x-api-key</code> header. A key acts for this organization
          with its scope: <em>read</em> reads, <em>run</em> also runs and chats with agents, <em>admin</em> also changes
          agents and settings.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form className="flex flex-wrap items-end gap-2" onSubmit={submit}>
          <Field id="key-name" label="New key name" className="min-w-64 flex-1">
            <Input id="key-name" name="name" required maxLength={64} placeholder="e.g. CI pipeline" />
          </Field>
          <Field id="key-scope" label="Scope">
            <Select id="key-scope" name="scope" defaultValue="run">
              {scopes.map((scope) => (
                <option key={scope} value={scope}>
                  {scope}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="key-expires" label="Expires">
            <Select id="key-expires" name="expires" defaultValue="90">
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
              <option value="0">never</option>
            </Select>
          </Field>
          <Button type="submit" disabled={create.isPending}>
            <KeyRound aria-hidden /> {create.isPending ? 'Creating…' : 'Create key'}
          </Button>
        </form>
        {create.error && <ErrorNotice error={create.error} />}
        {created && (
          <div role="status" className="grid gap-2 rounded-lg border border-primary/40 bg-primary/5 p-3">
            <p className="text-sm font-medium">Copy your new key now — it will not be shown again.</p>
            <div className="flex items-center gap-2">
              <code className="flex-1 break-all rounded bg-muted px-2 py-1 text-xs" data-testid="new-api-key">
                {created}
              </code>
              <CopyButton text={created} label="Copy the new key" />
            </div>
            <Button variant="ghost" size="sm" className="justify-self-start" onClick={() => setCreated(undefined)}>
              I have saved it
            </Button>
          </div>
        )}
        {keys.error ? (
          <ErrorNotice error={keys.error} />
        ) : keys.isPending ? (
          <Spinner />
        ) : list.length === 0 ? (
          <EmptyState title="No API keys yet" />
        ) : (
          <Table aria-label="API keys">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Key</TH>
                <TH>Scope</TH>
                <TH>Created</TH>
                <TH>Expires</TH>
                <TH>Last used</TH>
                <ActionsHead />
              </TR>
            </THead>
            <TBody>
              {list.map((k) => (
                <TR key={k.id}>
                  <TD className="font-medium">{k.name ?? '(unnamed)'}</TD>
                  <TD>
                    <code className="text-xs">{k.start ?? ''}…</code>
                  </TD>
                  <TD>{scopesOf(k.metadata)}</TD>
                  <TD className="whitespace-nowrap">{formatDateTime(String(k.createdAt))}</TD>
                  <TD className="whitespace-nowrap">{k.expiresAt ? formatDateTime(String(k.expiresAt)) : 'never'}</TD>
                  <TD className="whitespace-nowrap text-muted-foreground">
                    {k.lastRequest ? timeAgo(String(k.lastRequest)) : 'never'}
                  </TD>
                  <TD>
                    <ConfirmRemove
                      label={`Revoke ${k.name ?? 'key'}`}
                      title={`Revoke “${k.name ?? 'this key'}”?`}
                      description="Programs using this key stop working immediately. This cannot be undone."
                      confirmLabel="Revoke key"
                      onConfirm={() => revoke.mutate(k.id)}
                    />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        {revoke.error && <ErrorNotice error={revoke.error} />}
      </CardContent>
    </Card>
  );
}
