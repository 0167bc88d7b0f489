// The Proposals tab: every proposal of the agent, newest first, each with its diff, gate, decisions and — while one
// is open — Approve and Reject. Refreshes by itself while a proposal is on its way (gate, experiment, promotion).
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/feedback';
import { proposalsQuery } from './api';
import { ProposalCard } from './proposal-card';

export function ProposalsTab({ slug }: { slug: string }) {
  const { data: proposals, error } = useQuery(proposalsQuery(slug));
  if (error) return <ErrorNotice error={error} />;
  if (!proposals) return <Skeleton className="h-64" />;
  if (!proposals.length)
    return (
      <EmptyState title="No proposals yet">
        A session proposes one change from the signals it analysed. Start a session with the button above; the proposal
        shows here within seconds, with its diff, and goes through the test-suite gate and an experiment before anything
        is promoted.
      </EmptyState>
    );
  return (
    <div className="grid gap-4">
      {proposals.map((p) => (
        <ProposalCard key={p.id} slug={slug} proposal={p} />
      ))}
    </div>
  );
}
