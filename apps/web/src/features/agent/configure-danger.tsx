// Configure › Danger zone: deleting the agent (confirmed first; its runs are kept). The page moves to the agent list
// first, so nothing on it asks for the deleted agent; the outcome (or the error) is a toast there.
import { useNavigate } from '@tanstack/react-router';
import { Trash2 } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import type { Agent } from '@/lib/types';
import { useDeleteAgent } from './api';
import { Section } from './configure-controls';

export function DangerZone({
  agent,
  leave,
}: {
  agent: Agent;
  /** Runs a navigation away from the page without the unsaved-changes prompt. */
  leave: (go: () => Promise<void>) => Promise<void>;
}) {
  const remove = useDeleteAgent(agent.id);
  const navigate = useNavigate();
  async function confirm() {
    await leave(() => navigate({ to: '/workspace' }));
    const done = remove.mutateAsync();
    toast.promise(done, {
      loading: `Deleting ${agent.name}…`,
      success: `Deleted ${agent.name}`,
      error: (e: Error) => `Could not delete ${agent.name}: ${e.message}`,
    });
    await done.catch(() => {}); // reported by the toast above
  }
  return (
    <Section id="danger" title="Danger zone" className="border-destructive/50">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="grid gap-1">
          <p className="text-sm font-medium">Delete this agent</p>
          <p className="text-sm text-muted-foreground">
            Removes the agent, its tools and its version history. Its runs stay in the records.
          </p>
        </div>
        <ConfirmDialog
          destructive
          title={`Delete “${agent.name}”?`}
          description={`The agent ${agent.slug} and its ${agent.version} version${agent.version === 1 ? '' : 's'} will be deleted. This cannot be undone.`}
          confirmLabel="Delete agent"
          onConfirm={() => confirm().catch((e: Error) => toast.error(e.message))}
          trigger={
            <Button variant="destructive">
              <Trash2 aria-hidden /> Delete agent
            </Button>
          }
        />
      </div>
    </Section>
  );
}
