// /mcp-servers: the organization's MCP servers — each with its health, Test, enable/disable, edit and remove for
// admins — a form to add one, and the deployment's catalog servers. Agents use the tools as `<server>_<tool>`.
import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent } from '@/components/ui/dialog';
import { EmptyState, ErrorNotice, Spinner } from '@/components/ui/feedback';
import { Can, RoleNote } from '@/lib/access';
import type { McpServer } from '@/lib/types';
import { mcpServersQuery } from './api';
import { CatalogTable } from './catalog-table';
import { ServerCard } from './server-card';
import { ServerForm } from './server-form';

export function McpServersPage() {
  const list = useQuery(mcpServersQuery());
  /** The server being edited, or `true` while adding one. */
  const [editing, setEditing] = useState<McpServer | true | null>(null);
  const close = () => setEditing(null);

  return (
    <main className="mx-auto grid max-w-7xl gap-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-3xl">
          <h1 className="text-2xl font-semibold">MCP servers</h1>
          <p className="text-sm text-muted-foreground">
            Tools from Model Context Protocol servers, beside the built-in ones. An agent calls a server's tool as{' '}
            <code className="font-mono">&lt;server&gt;_&lt;tool&gt;</code> once it is chosen under Configure › Tools; a
            server that is down costs a run that tool only.
          </p>
        </div>
        <Can need="manage">
          <Button onClick={() => setEditing(true)}>
            <Plus aria-hidden /> Add server
          </Button>
        </Can>
      </div>
      <RoleNote need="manage">You can see the servers but not add, test or change them</RoleNote>
      {list.isPending ? (
        <Spinner />
      ) : list.error ? (
        <ErrorNotice error={list.error} />
      ) : (
        <>
          {list.data.servers.length ? (
            <div className="grid gap-4">
              {list.data.servers.map((s) => (
                <ServerCard key={s.id} server={s} onEdit={() => setEditing(s)} />
              ))}
            </div>
          ) : (
            <EmptyState
              title="No MCP servers yet"
              action={
                <Can need="manage">
                  <Button variant="outline" onClick={() => setEditing(true)}>
                    Add the first server
                  </Button>
                </Can>
              }
            >
              Add a server by its URL (Streamable HTTP or SSE), or a command this deployment may start (stdio), then
              test it to see its tools.
            </EmptyState>
          )}
          {list.data.catalog.length > 0 && <CatalogTable catalog={list.data.catalog} />}
        </>
      )}
      <Dialog open={editing !== null} onOpenChange={(open) => !open && close()}>
        <DialogContent
          title={editing === true ? 'Add an MCP server' : `Edit ${editing?.name ?? ''}`}
          description="Credentials (environment variables, headers) are stored encrypted and never shown again."
          className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl"
        >
          {editing !== null && (
            <ServerForm
              key={editing === true ? 'new' : editing.id}
              server={editing === true ? undefined : editing}
              onDone={close}
            />
          )}
        </DialogContent>
      </Dialog>
    </main>
  );
}
