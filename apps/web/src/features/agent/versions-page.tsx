// /workspace/:agentSlug/versions: the version history, a side-by-side comparison of any two versions (search params
// `left` and `right`; default previous vs current) and rollback, which writes a new version equal to the chosen one;
// below them, the agent's test cases and suite runs (features/tests).
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { ArrowLeftRight } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { Select } from '@/components/ui/input';
import { Field, Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { useCan } from '@/lib/access';
import type { AgentVersion } from '@/lib/types';
import { timeAgo } from '@/lib/utils';
import { TestsSection } from '../tests/tests-section';
import { canonicalJson, FieldChips, snapshotFields } from './agent-fields';
import { useAgentSlug } from './agent-layout';
import { agentKeys, agentQuery, useRollback, versionsQuery } from './api';
import { useSlugMove } from './slug-move';
import { SnapshotDiff } from './snapshot-diff';
import { RollbackButton, VersionHistory } from './version-history';

type Side = 'left' | 'right';

function VersionSelect({
  side,
  value,
  versions,
  onPick,
}: {
  side: Side;
  value: number;
  versions: AgentVersion[];
  onPick: (side: Side, v: number) => void;
}) {
  const id = `compare-${side}-select`;
  return (
    <Field id={id} label={side === 'left' ? 'Left (before)' : 'Right (after)'} className="min-w-44">
      <Select id={id} value={value} onChange={(e) => onPick(side, Number(e.target.value))}>
        {versions.map((v, i) => (
          <option key={v.id} value={v.version}>
            v{v.version}
            {i === 0 ? ' (current)' : ''} · {timeAgo(v.createdAt)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

const title = (v: AgentVersion, current: number) => `v${v.version}${v.version === current ? ' (current)' : ''}`;

export function VersionsPage() {
  const slug = useAgentSlug();
  const search = useSearch({ from: '/app/workspace/$agentSlug/versions' });
  const navigate = useNavigate({ from: '/workspace/$agentSlug/versions' });
  const { data: versions, error, isPending } = useQuery(versionsQuery(slug));
  const { data: agent } = useQuery(agentQuery(slug));
  // Addressed by id, which a rollback to a version with another slug does not change.
  const rollback = useRollback(agent?.id ?? slug);
  const canManage = useCan('manage');
  const move = useSlugMove('versions');
  const [onlyChanged, setOnlyChanged] = useState(false);

  if (error) return <ErrorNotice error={error} />;
  if (isPending) {
    return (
      <div className="grid gap-6" aria-busy="true">
        <span className="sr-only" role="status">
          Loading versions…
        </span>
        <Skeleton className="h-56" />
        <Skeleton className="h-96" />
      </div>
    );
  }
  if (!versions.length) {
    return <EmptyState title="No versions yet">Every save of the agent records a version here.</EmptyState>;
  }

  const current = versions[0];
  const find = (n: number | undefined) => (n === undefined ? undefined : versions.find((v) => v.version === n));
  const right = find(search.right) ?? current;
  const left = find(search.left) ?? versions.find((v) => v.version < right.version) ?? right;
  const missing = [search.left, search.right].filter((n) => n !== undefined && !find(n));
  const changed = snapshotFields.filter((f) => canonicalJson(left.snapshot[f]) !== canonicalJson(right.snapshot[f]));

  const pick = (side: Side, version: number) =>
    navigate({ search: (prev) => ({ ...prev, [side]: version }), replace: true });

  async function rollBack(version: number) {
    const { tools, ...fields } = (find(version) ?? current).snapshot;
    const to = fields.slug;
    const saved = await move({
      from: slug,
      to,
      seed: [
        [agentKeys.versions(to), versions],
        [agentKeys.one(to), agent && { ...agent, ...fields, tools: tools.map((t) => t.toolId) }],
      ],
      write: () => rollback.mutateAsync(version),
    });
    toast.success(`Rolled back: now version ${saved.version}`);
    await navigate({
      to: '/workspace/$agentSlug/versions',
      params: { agentSlug: saved.slug },
      search: {},
      replace: true,
    });
  }
  const onRollback = (version: number) => {
    rollBack(version).catch(() => {}); // shown below from rollback.error
  };

  return (
    <section aria-labelledby="versions-title" className="grid gap-6 dark:scheme-dark">
      <h2 id="versions-title" className="sr-only">
        Versions
      </h2>
      {rollback.error && <ErrorNotice error={rollback.error} />}
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
          <CardDescription>
            {versions.length} version{versions.length === 1 ? '' : 's'}, newest first. Pick a left and a right version
            to compare them below.{' '}
            {agent && (
              <Link
                to="/audit"
                search={{ entityType: 'agent', entityId: agent.id }}
                className="text-primary hover:underline"
              >
                Audit log of this agent
              </Link>
            )}
          </CardDescription>
        </CardHeader>
        <CardContent className="max-h-[28rem] overflow-y-auto">
          <VersionHistory
            versions={versions}
            left={left.version}
            right={right.version}
            onPick={pick}
            rollbackPending={rollback.isPending}
            onRollback={onRollback}
            canRollBack={canManage}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="gap-3">
          <div className="flex flex-wrap items-end gap-3">
            <CardTitle className="mr-auto self-center">
              Compare v{left.version} with v{right.version}
            </CardTitle>
            <VersionSelect side="left" value={left.version} versions={versions} onPick={pick} />
            <Button
              variant="outline"
              size="icon"
              aria-label="Swap left and right"
              title="Swap left and right"
              onClick={() => navigate({ search: { left: right.version, right: left.version }, replace: true })}
            >
              <ArrowLeftRight aria-hidden />
            </Button>
            <VersionSelect side="right" value={right.version} versions={versions} onPick={pick} />
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <div className="flex items-center gap-2">
              <Switch id="only-changed" checked={onlyChanged} onCheckedChange={setOnlyChanged} />
              <Label htmlFor="only-changed">Only changed fields</Label>
            </div>
            <span className="text-sm text-muted-foreground" role="status">
              {changed.length === 0
                ? 'Same configuration'
                : `${changed.length} field${changed.length === 1 ? '' : 's'} differ${changed.length === 1 ? 's' : ''}`}
            </span>
            <FieldChips fields={changed} label="Fields that differ" />
            <div className="ml-auto flex gap-2">
              {[left, right]
                .filter((v, i, all) => canManage && v.version !== current.version && all.indexOf(v) === i)
                .map((v) => (
                  <RollbackButton
                    key={v.id}
                    version={v.version}
                    current={current.version}
                    pending={rollback.isPending}
                    onConfirm={onRollback}
                  />
                ))}
            </div>
          </div>
          {missing.length > 0 && (
            <p role="status" className="text-sm text-muted-foreground">
              {missing.map((n) => `v${n}`).join(' and ')} {missing.length === 1 ? 'does' : 'do'} not exist; showing v
              {left.version} and v{right.version} instead.
            </p>
          )}
        </CardHeader>
        <CardContent>
          <SnapshotDiff
            before={left.snapshot}
            after={right.snapshot}
            leftTitle={title(left, current.version)}
            rightTitle={title(right, current.version)}
            onlyChanged={onlyChanged}
          />
        </CardContent>
      </Card>
      <TestsSection slug={slug} versions={versions} />
    </section>
  );
}
