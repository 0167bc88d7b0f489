// One learning proposal: its title, risk tier (with what the tier means for promotion), state, who proposed it and
// why, the change as a version diff (current configuration against the candidate), the gate before live traffic, the
// versions it made, the decisions taken on it and — while one is open — the decision form.
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import type { LearningApproval, LearningProposal } from '@/lib/types';
import { useUserName } from '@/lib/user-name';
import { formatDateTime, timeAgo } from '@/lib/utils';
import type { Snapshot } from '../agent/agent-fields';
import { SnapshotDiff } from '../agent/snapshot-diff';
import { ProposerLabel, RiskBadge, riskTiers, StateBadge } from './labels';
import { Part } from './part';
import { ProposalDecision } from './proposal-decision';
import { VersionLink } from './version-link';

/** The configuration before the change: the candidate with each changed field put back. */
const baselineOf = (p: LearningProposal): Snapshot =>
  ({ ...p.candidateSnapshot, ...Object.fromEntries(p.changesJson.map((c) => [c.field, c.before])) }) as Snapshot;

type Gate = NonNullable<LearningProposal['gate']>;
const gateVariant: Record<Gate['status'], 'default' | 'warning' | 'destructive' | 'secondary'> = {
  running: 'warning',
  passed: 'default',
  failed: 'destructive',
  skipped: 'secondary',
};

function GateResult({ gate }: { gate: LearningProposal['gate'] }) {
  if (!gate)
    return (
      <p className="text-sm text-muted-foreground">Not checked yet: the test suite runs before any live traffic.</p>
    );
  return (
    <div className="grid gap-1 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <Badge variant={gateVariant[gate.status]}>{gate.status}</Badge>
        <span>{gate.reason}</span>
      </p>
      {gate.passed && (
        <p className="text-muted-foreground">
          Test cases passed: baseline {gate.passed.baseline} of {gate.passed.total}, candidate {gate.passed.candidate}{' '}
          of {gate.passed.total}.
        </p>
      )}
      {gate.regressions && gate.regressions.length > 0 && (
        <div className="text-muted-foreground">
          Pinned cases the candidate fails:
          <ul className="ml-5 list-disc">
            {gate.regressions.map((r) => (
              <li key={r.caseId} className="text-foreground">
                {r.name}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Approvals({ approvals }: { approvals: LearningApproval[] }) {
  const userName = useUserName();
  if (!approvals.length) return <p className="text-sm text-muted-foreground">No decision yet.</p>;
  return (
    <ol className="grid gap-2 text-sm" aria-label="Decisions">
      {approvals.map((a) => (
        <li key={a.id} className="grid gap-0.5">
          <p className="flex flex-wrap items-center gap-2">
            <Badge variant={a.decision === 'APPROVED' ? 'default' : 'outline'}>{a.decision}</Badge>
            <span>
              {a.mode === 'auto'
                ? 'automatically, by the auto-promotion rule'
                : `by ${userName(a.decidedBy) ?? 'an API key or a former member'}`}
            </span>
            <time dateTime={a.createdAt} title={formatDateTime(a.createdAt)} className="text-muted-foreground">
              {timeAgo(a.createdAt)}
            </time>
          </p>
          {a.reason && <p className="text-muted-foreground">“{a.reason}”</p>}
        </li>
      ))}
    </ol>
  );
}

export function ProposalCard({ slug, proposal: p }: { slug: string; proposal: LearningProposal }) {
  return (
    <Card role="article" aria-labelledby={`proposal-${p.id}-title`} data-proposal={p.id}>
      <CardHeader className="gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={`proposal-${p.id}-title`} className="mr-auto font-semibold leading-tight">
            {p.title}
          </h3>
          <StateBadge kind="proposal" status={p.status} />
        </div>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground">
          <span className="inline-flex items-center gap-2">
            <RiskBadge tier={p.riskTier} />
            <span>{riskTiers[p.riskTier].explanation}</span>
          </span>
        </div>
        <p className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <ProposerLabel proposedBy={p.proposedBy} />
          <time dateTime={p.createdAt} title={formatDateTime(p.createdAt)}>
            proposed {timeAgo(p.createdAt)}
          </time>
          <VersionLink slug={slug} versionId={p.candidateVersionId}>
            {(v) => `candidate v${v}`}
          </VersionLink>
          <VersionLink slug={slug} versionId={p.promotedVersionId}>
            {(v) => `promoted as v${v}`}
          </VersionLink>
        </p>
      </CardHeader>
      <CardContent className="grid gap-5">
        {p.rationale && <p className="max-w-prose text-sm">{p.rationale}</p>}
        <Part title="The change">
          <div className="overflow-x-auto rounded-lg border">
            <SnapshotDiff
              before={baselineOf(p)}
              after={p.candidateSnapshot}
              leftTitle="Baseline"
              rightTitle="Candidate"
              onlyChanged
            />
          </div>
        </Part>
        <div className="grid gap-5 md:grid-cols-2">
          <Part title="Gate: the test suite before live traffic">
            <GateResult gate={p.gate} />
          </Part>
          <Part title="Decisions">
            <Approvals approvals={p.approvals} />
          </Part>
        </div>
        <ProposalDecision slug={slug} proposal={p} />
      </CardContent>
    </Card>
  );
}
