// A person's decision on a proposal: a reason (required, as the API asks) and Approve or Reject. Approve is offered
// once the experiment awaits approval; Reject any time before promotion. A too-short reason shows at the field, and
// the API's refusals (the state moved on meanwhile) above the buttons.
import { Check, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { Can, RoleNote } from '@/lib/access';
import type { LearningProposal } from '@/lib/types';
import { IssuesProvider, TextAreaField } from '../agent/configure-controls';
import { apiIssues, focusControl, type Issue } from '../agent/configure-form';
import { type Decision, useDecideProposal } from './api';

const approvable: LearningProposal['status'][] = ['AWAITING_APPROVAL'];
const rejectable: LearningProposal['status'][] = ['PENDING', 'EXPERIMENTING', 'AWAITING_APPROVAL'];
const MIN_REASON = 3;

/** Whether a person may still decide on the proposal at all. */
export const decisionOpen = (status: LearningProposal['status']) => rejectable.includes(status);

function DecisionForm({ slug, proposal }: { slug: string; proposal: LearningProposal }) {
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const decide = useDecideProposal(slug, proposal);
  const path = `proposal-${proposal.id}.reason`;
  const canApprove = approvable.includes(proposal.status);
  const canReject = rejectable.includes(proposal.status);

  const show = (found: Issue[]) => {
    setIssues(found);
    if (found[0]) focusControl(found[0].path);
  };
  function submit(decision: Decision) {
    if (reason.trim().length < MIN_REASON) {
      decide.reset();
      return show([{ path, message: `Say why, in at least ${MIN_REASON} characters.` }]);
    }
    show([]);
    // The promise, not mutate's callbacks: once decided, the proposal refetches and this form goes away before they run.
    decide.mutateAsync({ decision, reason: reason.trim() }).then(
      () => toast.success(decision === 'approve' ? `Approved "${proposal.title}"` : `Rejected "${proposal.title}"`),
      (error) => show(apiIssues(error).map((i) => ({ ...i, path: i.path === 'reason' ? path : i.path }))),
    );
  }
  const atField = issues.some((i) => i.path === path);

  return (
    <IssuesProvider value={issues}>
      <form
        className="grid gap-3"
        noValidate
        aria-label={`Decide on ${proposal.title}`}
        onSubmit={(e: FormEvent) => e.preventDefault()}
      >
        <TextAreaField
          path={path}
          label="Reason for your decision"
          hint="Recorded with the decision and in the audit log."
          rows={2}
          value={reason}
          onValueChange={setReason}
        />
        {decide.error && !atField && <ErrorNotice error={decide.error} />}
        <div className="flex flex-wrap items-center justify-end gap-2">
          {!canApprove && (
            <span className="mr-auto text-xs text-muted-foreground">
              Approval opens once the experiment ends with the candidate ahead (awaiting approval).
            </span>
          )}
          <Button variant="outline" disabled={!canReject || decide.isPending} onClick={() => submit('reject')}>
            <X aria-hidden /> Reject
          </Button>
          <Button disabled={!canApprove || decide.isPending} onClick={() => submit('approve')}>
            <Check aria-hidden /> Approve
          </Button>
        </div>
      </form>
    </IssuesProvider>
  );
}

export function ProposalDecision({ slug, proposal }: { slug: string; proposal: LearningProposal }) {
  if (!decisionOpen(proposal.status)) return null;
  return (
    <Can need="manage" fallback={<RoleNote need="manage">You can see this proposal but not decide on it</RoleNote>}>
      <DecisionForm slug={slug} proposal={proposal} />
    </Can>
  );
}
