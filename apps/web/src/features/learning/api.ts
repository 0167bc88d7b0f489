// Continuous learning for the UI: the dashboard (status, counts, policy), the policy with saving and pausing, the
// sessions (list, one, start), the proposals with approving and rejecting, the experiments and the daily metrics.
// Sessions, proposals and experiments move on in background jobs: their queries poll while something is in flight.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post, qs } from '@/lib/api';
import type {
  LearningDashboard,
  LearningDecision,
  LearningExperiment,
  LearningMetrics,
  LearningPolicy,
  LearningPolicyInput,
  LearningProposal,
  LearningSession,
  LearningSessionDetail,
} from '@/lib/types';
import { agentKeys } from '../agent/api';

const learningPath = (slug: string) => `/api/agents/${encodeURIComponent(slug)}/learning`;
/** How often a query with a session, proposal or experiment in flight is read again. */
const POLL_MS = 2000;

export const learningKeys = {
  all: (slug: string) => [...agentKeys.one(slug), 'learning'] as const,
  dashboard: (slug: string) => [...agentKeys.one(slug), 'learning', 'dashboard'] as const,
  policy: (slug: string) => [...agentKeys.one(slug), 'learning', 'policy'] as const,
  sessions: (slug: string) => [...agentKeys.one(slug), 'learning', 'sessions'] as const,
  session: (slug: string, id: string) => [...agentKeys.one(slug), 'learning', 'sessions', id] as const,
  proposals: (slug: string) => [...agentKeys.one(slug), 'learning', 'proposals'] as const,
  experiments: (slug: string) => [...agentKeys.one(slug), 'learning', 'experiments'] as const,
  metrics: (slug: string, from: string, to: string) =>
    [...agentKeys.one(slug), 'learning', 'metrics', from, to] as const,
};

const openSession = new Set<LearningSession['status']>([
  'PENDING',
  'ANALYZING',
  'PROPOSING',
  'EXPERIMENTING',
  'AWAITING_APPROVAL',
]);
/** A session still walking its steps (awaiting approval waits on a person: nothing to poll for). */
export const sessionInFlight = (s: Pick<LearningSession, 'status'>) =>
  openSession.has(s.status) && s.status !== 'AWAITING_APPROVAL';
const proposalInFlight = (p: Pick<LearningProposal, 'status'>) =>
  p.status === 'PENDING' || p.status === 'EXPERIMENTING' || p.status === 'APPROVED';
const experimentInFlight = (e: Pick<LearningExperiment, 'status'>) => e.status === 'RUNNING' || e.status === 'PENDING';

export const dashboardQuery = (slug: string) =>
  queryOptions({
    queryKey: learningKeys.dashboard(slug),
    queryFn: () => get<LearningDashboard>(learningPath(slug)),
    refetchInterval: (q) => {
      const d = q.state.data;
      return d && (d.openSession ? sessionInFlight(d.openSession) : false) ? POLL_MS : false;
    },
  });

export const policyQuery = (slug: string) =>
  queryOptions({
    queryKey: learningKeys.policy(slug),
    queryFn: () => get<LearningPolicy>(`${learningPath(slug)}/policy`),
  });

export const sessionsQuery = (slug: string) =>
  queryOptions({
    queryKey: learningKeys.sessions(slug),
    queryFn: () => get<{ sessions: LearningSession[] }>(`${learningPath(slug)}/sessions`).then((r) => r.sessions),
    refetchInterval: (q) => (q.state.data?.some(sessionInFlight) ? POLL_MS : false),
  });

export const sessionQuery = (slug: string, id: string) =>
  queryOptions({
    queryKey: learningKeys.session(slug, id),
    queryFn: () => get<LearningSessionDetail>(`${learningPath(slug)}/sessions/${encodeURIComponent(id)}`),
    refetchInterval: (q) => (q.state.data && sessionInFlight(q.state.data) ? POLL_MS : false),
  });

export const proposalsQuery = (slug: string) =>
  queryOptions({
    queryKey: learningKeys.proposals(slug),
    queryFn: () => get<{ proposals: LearningProposal[] }>(`${learningPath(slug)}/proposals`).then((r) => r.proposals),
    refetchInterval: (q) => (q.state.data?.some(proposalInFlight) ? POLL_MS : false),
  });

export const experimentsQuery = (slug: string) =>
  queryOptions({
    queryKey: learningKeys.experiments(slug),
    queryFn: () =>
      get<{ experiments: LearningExperiment[] }>(`${learningPath(slug)}/experiments`).then((r) => r.experiments),
    refetchInterval: (q) => (q.state.data?.some(experimentInFlight) ? POLL_MS : false),
  });

export const metricsQuery = (slug: string, from: string, to: string) =>
  queryOptions({
    queryKey: learningKeys.metrics(slug, from, to),
    queryFn: () => get<LearningMetrics>(`${learningPath(slug)}/metrics${qs({ from, to })}`),
  });

/** After any learning write every learning view of the agent is read again (their states move together). */
function useRefreshLearning(slug: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: learningKeys.all(slug) });
}

/** Saves some policy fields; 400s name the field they are about. */
export function useSavePolicy(slug: string) {
  const client = useQueryClient();
  const refresh = useRefreshLearning(slug);
  return useMutation({
    mutationFn: (input: LearningPolicyInput) => post<LearningPolicy>(`${learningPath(slug)}/policy`, input),
    onSuccess: (saved) => {
      client.setQueryData(learningKeys.policy(slug), saved);
      return refresh();
    },
  });
}

export function usePauseLearning(slug: string) {
  const client = useQueryClient();
  const refresh = useRefreshLearning(slug);
  return useMutation({
    mutationFn: (paused: boolean) => post<LearningPolicy>(`${learningPath(slug)}/pause`, { paused }),
    onSuccess: (saved) => {
      client.setQueryData(learningKeys.policy(slug), saved);
      return refresh();
    },
  });
}

/** Starts a session now (202); 409 while learning is paused or a session is open, with the reason. */
export function useStartSession(slug: string) {
  const refresh = useRefreshLearning(slug);
  return useMutation({
    mutationFn: () => post<LearningSession>(`${learningPath(slug)}/sessions`),
    onSuccess: refresh,
  });
}

export type Decision = 'approve' | 'reject';

/**
 * Approves or rejects a proposal with a reason; 409 when its state does not allow it. Addressed by the agent's id (the
 * proposal's `agentId`): unlike the other learning routes, these two do not resolve a slug.
 */
export function useDecideProposal(slug: string, proposal: Pick<LearningProposal, 'id' | 'agentId'>) {
  const refresh = useRefreshLearning(slug);
  return useMutation({
    mutationFn: ({ decision, reason }: { decision: Decision; reason: string }) =>
      post<LearningDecision>(
        `${learningPath(proposal.agentId)}/proposals/${encodeURIComponent(proposal.id)}/${decision}`,
        { reason },
      ),
    onSuccess: refresh,
  });
}
