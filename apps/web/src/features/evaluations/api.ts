// Evaluations and feedback for the UI: the agent's scored runs with their aggregates, its feedback with daily
// totals (both page by page over a range of UTC days), each scorer's agreement with people, and one run's feedback
// with saving the caller's verdict.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post, qs } from '@/lib/api';
import type {
  AgentEvaluations,
  AgentFeedback,
  Feedback,
  FeedbackInput,
  JudgeAgreement,
  RunFeedback,
} from '@/lib/types';
import { agentKeys } from '../agent/api';
import type { Thumbs } from './search';

const agentPath = (slug: string) => `/api/agents/${encodeURIComponent(slug)}`;
const runFeedbackPath = (slug: string, runId: string) =>
  `${agentPath(slug)}/runs/${encodeURIComponent(runId)}/feedback`;
const EVALUATIONS_PAGE = 20;
const FEEDBACK_PAGE = 20;

export const evaluationKeys = {
  evaluations: (slug: string) => [...agentKeys.one(slug), 'evaluations'] as const,
  feedback: (slug: string) => [...agentKeys.one(slug), 'feedback'] as const,
  agreement: (slug: string) => [...agentKeys.one(slug), 'agreement'] as const,
  runFeedback: (slug: string, runId: string) => [...agentKeys.run(slug, runId), 'feedback'] as const,
};

/** Scored runs newest first, a page at a time; the first page also carries the scorers, daily means and worst runs. */
export const evaluationsQuery = (slug: string, from: string, to: string) =>
  infiniteQueryOptions({
    queryKey: [...evaluationKeys.evaluations(slug), from, to] as const,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<AgentEvaluations>(
        `${agentPath(slug)}/evaluations${qs({ from, to, limit: EVALUATIONS_PAGE, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** The agent's feedback newest first (optionally one verdict only); every page carries the range's daily totals. */
export const feedbackQuery = (slug: string, from: string, to: string, thumbs: Thumbs | undefined) =>
  infiniteQueryOptions({
    queryKey: [...evaluationKeys.feedback(slug), from, to, thumbs ?? 'all'] as const,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<AgentFeedback>(
        `${agentPath(slug)}/feedback${qs({ from, to, thumbs, limit: FEEDBACK_PAGE, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** How far each scorer agrees with people's verdicts over the range; a scorer calls an answer bad below `threshold`. */
export const agreementQuery = (slug: string, from: string, to: string, threshold = 0.5) =>
  queryOptions({
    queryKey: [...evaluationKeys.agreement(slug), from, to, threshold] as const,
    queryFn: () => get<JudgeAgreement>(`${agentPath(slug)}/evaluations/agreement${qs({ from, to, threshold })}`),
  });

export const runFeedbackQuery = (slug: string, runId: string) =>
  queryOptions({
    queryKey: evaluationKeys.runFeedback(slug, runId),
    queryFn: () => get<RunFeedback>(runFeedbackPath(slug, runId)),
  });

/** Saves the caller's verdict on a finished run (saving again replaces it: thumbs, rating and comment together). */
export function useGiveFeedback(slug: string, runId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FeedbackInput) => post<Feedback>(runFeedbackPath(slug, runId), input),
    onSuccess: (mine) => {
      client.setQueryData(evaluationKeys.runFeedback(slug, runId), (old: RunFeedback | undefined) => ({
        feedback: [...(old?.feedback ?? []).filter((f) => f.id !== mine.id), mine],
        mine,
      }));
      client.invalidateQueries({ queryKey: evaluationKeys.feedback(slug) });
      client.invalidateQueries({ queryKey: evaluationKeys.agreement(slug) });
    },
  });
}
