// Test cases and suite runs for the UI: an agent's cases (list, add, remove), starting a suite run of one version,
// the suite runs newest first, one suite run polled every second until it finishes, and two suite runs compared.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { del, get, post } from '@/lib/api';
import type { SuiteComparison, SuiteRun, SuiteRunDetail, SuiteStarted, TestCase, TestCaseInput } from '@/lib/types';
import { agentKeys } from '../agent/api';

const agentPath = (slug: string) => `/api/agents/${encodeURIComponent(slug)}`;
const suitePath = (slug: string, id: string) => `${agentPath(slug)}/test-runs/${encodeURIComponent(id)}`;
/** How often a queued or running suite run is read again. */
const POLL_MS = 1000;

export const testKeys = {
  cases: (slug: string) => [...agentKeys.one(slug), 'test-cases'] as const,
  suiteRuns: (slug: string) => [...agentKeys.one(slug), 'test-runs'] as const,
  suiteRun: (slug: string, id: string) => [...agentKeys.one(slug), 'test-runs', id] as const,
  compare: (slug: string, a: string, b: string) => [...agentKeys.one(slug), 'test-runs', a, 'compare', b] as const,
};

/** The agent's test cases, oldest first. */
export const testCasesQuery = (slug: string) =>
  queryOptions({
    queryKey: testKeys.cases(slug),
    queryFn: () => get<{ testCases: TestCase[] }>(`${agentPath(slug)}/test-cases`).then((r) => r.testCases),
  });

/** Adds a test case (match mode contains unless given); 400s carry issues at their field. */
export function useCreateTestCase(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TestCaseInput) => post<TestCase>(`${agentPath(slug)}/test-cases`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: testKeys.cases(slug) }),
  });
}

/** Removes a test case, and its results in past suite runs with it. */
export function useDeleteTestCase(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (caseId: string) =>
      del<{ deleted: boolean }>(`${agentPath(slug)}/test-cases/${encodeURIComponent(caseId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: testKeys.cases(slug) }),
  });
}

/** Starts a suite run of `version` (default: the current one) over the cases of `tags` (default: all). */
export function useStartSuite(slug: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version?: number; tags?: string[] }) => post<SuiteStarted>(`${agentPath(slug)}/test`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: testKeys.suiteRuns(slug) }),
  });
}

const unfinished = (status: SuiteRun['status'] | undefined) => status === 'QUEUED' || status === 'RUNNING';

/** The agent's suite runs newest first, read again every second while one of them is unfinished. */
export const suiteRunsQuery = (slug: string) =>
  queryOptions({
    queryKey: testKeys.suiteRuns(slug),
    queryFn: () => get<{ suiteRuns: SuiteRun[] }>(`${agentPath(slug)}/test-runs`).then((r) => r.suiteRuns),
    refetchInterval: (q) => (q.state.data?.some((s) => unfinished(s.status)) ? POLL_MS : false),
  });

/** One suite run with its results, read again every second while it is queued or running. */
export const suiteRunQuery = (slug: string, id: string) =>
  queryOptions({
    queryKey: testKeys.suiteRun(slug, id),
    queryFn: () => get<SuiteRunDetail>(suitePath(slug, id)),
    refetchInterval: (q) => (!q.state.data || unfinished(q.state.data.status) ? POLL_MS : false),
  });

/** What suite run `b` fixed and regressed against `a`, case by case; read again every second while either runs. */
export const compareQuery = (slug: string, a: string, b: string) =>
  queryOptions({
    queryKey: testKeys.compare(slug, a, b),
    queryFn: () => get<SuiteComparison>(`${suitePath(slug, a)}/compare/${encodeURIComponent(b)}`),
    refetchInterval: (q) => {
      const d = q.state.data;
      return !d || unfinished(d.a.status) || unfinished(d.b.status) ? POLL_MS : false;
    },
  });
