// How the Learning page names things: the learning status, session, proposal and experiment states as badges, the
// risk tiers with what each means for promotion, the signal types and triggers in words, and small number formats.
import { Badge } from '@/components/ui/badge';
import type { LearningExperiment, LearningProposal, LearningSession } from '@/lib/types';
import { DEMO_LABEL } from '@/lib/types';

type Variant = 'default' | 'secondary' | 'outline' | 'destructive' | 'warning';

export type LearningStatus = 'active' | 'paused' | 'inactive';
const statusVariant: Record<LearningStatus, Variant> = { active: 'default', paused: 'warning', inactive: 'outline' };
export const statusHint: Record<LearningStatus, string> = {
  active: 'Signals are collected; the threshold and the 6-hourly triggers start sessions.',
  paused: 'Nothing is triggered, no traffic goes to a candidate and nothing is decided until you resume.',
  inactive: 'Learning is off: no signals are collected and no session starts by itself.',
};

/** The dashboard's status (a string in the API's types) as one of the three. */
export const learningStatusOf = (status: string): LearningStatus =>
  status === 'active' || status === 'paused' ? status : 'inactive';

export function LearningStatusBadge({ status }: { status: LearningStatus }) {
  return (
    <Badge variant={statusVariant[status]} title={statusHint[status]} data-learning-status={status}>
      <span className="sr-only">Learning status: </span>
      {status}
    </Badge>
  );
}

const sessionVariant: Record<LearningSession['status'], Variant> = {
  PENDING: 'secondary',
  ANALYZING: 'warning',
  PROPOSING: 'warning',
  EXPERIMENTING: 'warning',
  AWAITING_APPROVAL: 'warning',
  COMPLETED: 'default',
  FAILED: 'destructive',
  CANCELLED: 'outline',
};
const proposalVariant: Record<LearningProposal['status'], Variant> = {
  PENDING: 'secondary',
  EXPERIMENTING: 'warning',
  AWAITING_APPROVAL: 'warning',
  APPROVED: 'default',
  REJECTED: 'outline',
  PROMOTED: 'default',
  FAILED: 'destructive',
};
const experimentVariant: Record<LearningExperiment['status'], Variant> = {
  PENDING: 'secondary',
  RUNNING: 'warning',
  COMPLETED: 'default',
  INCONCLUSIVE: 'secondary',
  CANCELLED: 'outline',
};

/** "AWAITING_APPROVAL" → "awaiting approval". */
export const words = (value: string) => value.toLowerCase().replaceAll('_', ' ');

export function StateBadge({
  kind,
  status,
}:
  | { kind: 'session'; status: LearningSession['status'] }
  | { kind: 'proposal'; status: LearningProposal['status'] }
  | {
      kind: 'experiment';
      status: LearningExperiment['status'];
    }) {
  const variant =
    kind === 'session'
      ? sessionVariant[status]
      : kind === 'proposal'
        ? proposalVariant[status]
        : experimentVariant[status];
  return (
    <Badge variant={variant} data-status={status}>
      {status}
    </Badge>
  );
}

export const riskTiers: Record<LearningProposal['riskTier'], { variant: Variant; explanation: string }> = {
  LOW: {
    variant: 'secondary',
    explanation: 'Instructions only: may be promoted automatically when auto-promotion is on and the experiment wins.',
  },
  MEDIUM: { variant: 'warning', explanation: 'Changes tools: a person reviews and approves it after the experiment.' },
  HIGH: {
    variant: 'destructive',
    explanation: 'Changes the model, memory or guardrails: a person must approve it after the experiment.',
  },
};

export function RiskBadge({ tier }: { tier: LearningProposal['riskTier'] }) {
  return (
    <Badge variant={riskTiers[tier].variant} title={riskTiers[tier].explanation} data-risk={tier}>
      <span className="sr-only">Risk tier </span>
      {tier}
    </Badge>
  );
}

/** Who proposed it: the offline demo proposer always says it is the demo. */
export function ProposerLabel({ proposedBy }: { proposedBy: string }) {
  const demo = proposedBy === DEMO_LABEL;
  return (
    <Badge
      variant={demo ? 'outline' : 'secondary'}
      title={demo ? 'Rule-based, no model involved' : 'Proposer model'}
      data-proposer={proposedBy}
    >
      <span className="sr-only">Proposed by </span>
      {proposedBy}
    </Badge>
  );
}

export const signalTypeLabels: Record<string, string> = {
  LOW_SCORE: 'Low score',
  HIGH_LATENCY: 'High latency',
  NEGATIVE_FEEDBACK: 'Negative feedback',
  RUN_FAILURE: 'Run failure',
  GUARDRAIL_VIOLATION: 'Guardrail violation',
  COST_SPIKE: 'Cost spike',
};
export const signalLabel = (type: string) => signalTypeLabels[type] ?? words(type);

export const triggerLabels: Record<LearningSession['trigger'], string> = {
  threshold: 'Signal threshold',
  scheduled: '6-hourly schedule',
  manual: 'Started by hand',
};

/** Two decimals on a 0–1 scale, or a dash. */
export const formatRatio = (n: number | null | undefined) => (n == null ? '—' : n.toFixed(2));
/** A signed difference, "+0.12" / "−0.05". */
export const formatSigned = (n: number | null | undefined, digits = 2) =>
  n == null ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(digits)}`;
/** Minutes as "45 min", "3.5 h" or "2.1 days". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null) return '—';
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}
