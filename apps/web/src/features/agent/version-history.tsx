// The version history table: newest first, each with its note, author, time and changed fields, two radio columns to
// pick the versions to compare, and "Roll back" (confirmed first) on every version but the current one.
import { History } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ActionsHead, Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { AgentVersion } from '@/lib/types';
import { useUserName } from '@/lib/user-name';
import { cn, formatDateTime, timeAgo } from '@/lib/utils';
import { FieldChips } from './agent-fields';

/** Who wrote a version: you, a member of the organization by name, or the system / an API key. */
function useAuthor() {
  const userName = useUserName();
  return (userId: string | null) => (userId ? (userName(userId) ?? 'a former member') : 'system / API key');
}

export function RollbackButton({
  version,
  current,
  pending,
  onConfirm,
}: {
  version: number;
  current: number;
  pending: boolean;
  onConfirm: (version: number) => void;
}) {
  return (
    <ConfirmDialog
      title={`Roll back to v${version}?`}
      description={`A new version v${current + 1}, equal to v${version}, will be created and become current. Nothing is deleted: v${current} and the rest of the history stay.`}
      confirmLabel={`Roll back to v${version}`}
      onConfirm={() => onConfirm(version)}
      trigger={
        <Button variant="outline" size="sm" disabled={pending}>
          <History aria-hidden /> Roll back to v{version}
        </Button>
      }
    />
  );
}

export function VersionHistory({
  versions,
  left,
  right,
  onPick,
  rollbackPending,
  onRollback,
  canRollBack,
}: {
  versions: AgentVersion[];
  left: number;
  right: number;
  onPick: (side: 'left' | 'right', version: number) => void;
  rollbackPending: boolean;
  onRollback: (version: number) => void;
  /** Whether the user may roll back (admins and owners). */
  canRollBack: boolean;
}) {
  const author = useAuthor();
  const current = versions[0].version;
  const radio = (side: 'left' | 'right', v: number) => (
    <input
      type="radio"
      name={`compare-${side}`}
      className="size-4 accent-primary"
      checked={(side === 'left' ? left : right) === v}
      onChange={() => onPick(side, v)}
      aria-label={`Compare v${v} on the ${side}`}
    />
  );
  return (
    <Table aria-label="Version history">
      <THead>
        <TR>
          <TH className="w-0 text-center" title="Left side of the comparison">
            Left
          </TH>
          <TH className="w-0 text-center" title="Right side of the comparison">
            Right
          </TH>
          <TH className="w-0">Version</TH>
          <TH>Changes</TH>
          <TH className="w-0">Author</TH>
          <TH className="w-0">When</TH>
          <ActionsHead />
        </TR>
      </THead>
      <TBody>
        {versions.map((v) => (
          <TR key={v.id} className={cn((v.version === left || v.version === right) && 'bg-primary/5')}>
            <TD className="text-center">{radio('left', v.version)}</TD>
            <TD className="text-center">{radio('right', v.version)}</TD>
            <TD className="whitespace-nowrap font-medium tabular-nums">
              v{v.version} {v.version === current && <Badge className="ml-1">current</Badge>}
            </TD>
            <TD className="min-w-64">
              <div className="grid gap-1.5">
                <span className={cn(!v.description && 'text-muted-foreground italic')}>
                  {v.description || 'No description'}
                </span>
                <FieldChips
                  label={`Fields changed in v${v.version}`}
                  max={6}
                  fields={(v.changesJson ?? []).map((c) => c.field)}
                />
              </div>
            </TD>
            <TD className="whitespace-nowrap">{author(v.createdBy)}</TD>
            <TD className="whitespace-nowrap text-muted-foreground">
              <time dateTime={v.createdAt} title={formatDateTime(v.createdAt)}>
                {timeAgo(v.createdAt)}
              </time>
            </TD>
            <TD className="text-right">
              {v.version !== current && canRollBack && (
                <RollbackButton
                  version={v.version}
                  current={current}
                  pending={rollbackPending}
                  onConfirm={onRollback}
                />
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
