// Add or edit an MCP server: name, description, the transport (stdio: command, arguments and environment; HTTP or
// SSE: URL and headers, and the private-network allowance with its warning) and the timeout. The API's refusals —
// including a stdio command the operator did not allow — show at their field.
import { AlertTriangle } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Input, Textarea } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { ApiError } from '@/lib/api';
import type { McpServer } from '@/lib/types';
import { useCreateMcpServer, useUpdateMcpServer } from './api';
import { SecretsEditor } from './secrets-editor';
import { type ServerDraft, type Transport, toCreate, toDraft, toUpdate, transports } from './server-draft';

const shown = ['name', 'description', 'transport', 'command', 'args', 'env', 'url', 'headers', 'timeoutMs'];

export function ServerForm({ server, onDone }: { server?: McpServer; onDone: () => void }) {
  const create = useCreateMcpServer();
  const update = useUpdateMcpServer(server?.id ?? '');
  const mutation = server ? update : create;
  const [draft, setDraft] = useState<ServerDraft>(() => toDraft(server));
  const set = (patch: Partial<ServerDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errors = mutation.error instanceof ApiError ? mutation.error.fieldErrors() : {};
  const unplaced = mutation.error && !shown.some((f) => errors[f]);
  const field = (name: string) => ({
    id: `mcp-${name}`,
    ...(errors[name] ? { 'aria-invalid': true, 'aria-describedby': `mcp-${name}-error` } : {}),
  });
  const stdio = draft.transport === 'stdio';

  function submit(e: FormEvent) {
    e.preventDefault();
    const done = (s: McpServer) => {
      toast.success(server ? `Saved ${s.name}` : `Added ${s.name}: test it to see its tools`);
      onDone();
    };
    if (server) {
      const changes = toUpdate(server, draft);
      if (!Object.keys(changes).length) return onDone();
      update.mutate(changes, { onSuccess: done });
    } else create.mutate(toCreate(draft), { onSuccess: done });
  }

  return (
    <form className="grid gap-4" onSubmit={submit} aria-label={server ? `Edit ${server.name}` : 'Add an MCP server'}>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field
          id="mcp-name"
          label="Name"
          hint={
            server && draft.name.trim() !== server.name ? (
              <>
                Renaming changes its tool names: agents that use <code className="font-mono">{server.name}_…</code>{' '}
                tools need the new names chosen under Configure › Tools.
              </>
            ) : (
              <>
                Agents see its tools as <code className="font-mono">{draft.name || 'name'}_tool</code>.
              </>
            )
          }
          error={errors.name}
        >
          <Input
            {...field('name')}
            required
            maxLength={40}
            pattern="[a-z][a-z0-9\-]*"
            title="lowercase letters, digits and dashes, starting with a letter"
            spellCheck={false}
            className="font-mono"
            placeholder="everything"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
        <Field id="mcp-description" label="Description (optional)" error={errors.description}>
          <Input
            {...field('description')}
            maxLength={500}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Field>
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-1.5 text-sm font-medium">Transport</legend>
        <div className="grid gap-2 text-sm sm:grid-cols-3" role="radiogroup" aria-label="Transport">
          {transports.map((t) => (
            <label
              key={t.value}
              className="flex cursor-pointer items-start gap-2 rounded-lg border p-2.5 has-checked:border-primary/50 has-checked:bg-primary/5"
            >
              <input
                type="radio"
                name="transport"
                className="mt-0.5 accent-primary"
                checked={draft.transport === t.value}
                onChange={() => set({ transport: t.value as Transport })}
                aria-describedby={`mcp-transport-${t.value}`}
              />
              <span className="grid gap-0.5">
                <span className="font-medium">{t.label}</span>
                <span id={`mcp-transport-${t.value}`} className="text-xs text-muted-foreground">
                  {t.hint}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errors.transport && (
          <p role="alert" className="text-xs text-destructive">
            {errors.transport}
          </p>
        )}
      </fieldset>

      {stdio ? (
        <>
          <Field
            id="mcp-command"
            label="Command"
            hint="An executable the operator allowed with MCP_STDIO_COMMANDS; otherwise the server refuses it."
            error={errors.command}
          >
            <Input
              {...field('command')}
              required
              spellCheck={false}
              className="font-mono"
              placeholder="npx"
              value={draft.command}
              onChange={(e) => set({ command: e.target.value })}
            />
          </Field>
          <Field id="mcp-args" label="Arguments" hint="One per line." error={errors.args}>
            <Textarea
              {...field('args')}
              rows={3}
              spellCheck={false}
              className="font-mono"
              placeholder={'-y\n@modelcontextprotocol/server-everything'}
              value={draft.args}
              onChange={(e) => set({ args: e.target.value })}
            />
          </Field>
          <SecretsEditor
            id="mcp-env"
            label="Environment variables"
            noun="variable"
            namePlaceholder="API_KEY"
            value={draft.env}
            onChange={(env) => set({ env })}
            error={errors.env}
          />
        </>
      ) : (
        <>
          <Field id="mcp-url" label="URL" error={errors.url}>
            <Input
              {...field('url')}
              required
              type="url"
              spellCheck={false}
              className="font-mono"
              placeholder="https://mcp.example.com/mcp"
              value={draft.url}
              onChange={(e) => set({ url: e.target.value })}
            />
          </Field>
          <SecretsEditor
            id="mcp-headers"
            label="Headers"
            noun="header"
            namePlaceholder="Authorization"
            value={draft.headers}
            onChange={(headers) => set({ headers })}
            error={errors.headers}
          />
          <div className="grid gap-2 rounded-lg border p-3">
            <label className="flex items-start gap-2 text-sm font-medium">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-primary"
                checked={draft.allowPrivateNetwork}
                onChange={(e) => set({ allowPrivateNetwork: e.target.checked })}
                aria-describedby="mcp-private-warning"
              />
              Allow private network addresses
            </label>
            <p
              id="mcp-private-warning"
              className={
                draft.allowPrivateNetwork
                  ? 'flex gap-2 rounded-md bg-warning/15 p-2 text-xs'
                  : 'text-xs text-muted-foreground'
              }
            >
              {draft.allowPrivateNetwork && <AlertTriangle className="size-4 shrink-0 text-warning" aria-hidden />}
              <span>
                This lets the server's URL reach addresses inside your network (localhost, 10.x, 192.168.x, cloud
                metadata). Without it, such addresses are refused at every connection.
              </span>
            </p>
          </div>
        </>
      )}

      <Field
        id="mcp-timeoutMs"
        label="Timeout (seconds)"
        hint="For connecting, listing the tools and each tool call: 1 to 300."
        error={errors.timeoutMs}
      >
        <Input
          {...field('timeoutMs')}
          className="sm:max-w-56"
          type="number"
          min={1}
          max={300}
          step="any"
          value={draft.timeout}
          onChange={(e) => set({ timeout: e.target.value })}
        />
      </Field>

      {unplaced && <ErrorNotice error={mutation.error} />}
      <div className="flex justify-end gap-2">
        <Button variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : server ? 'Save changes' : 'Add server'}
        </Button>
      </div>
    </form>
  );
}
