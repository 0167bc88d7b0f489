// Judge agreement: for each of an agent's scorers, how far its verdicts agree with people's — thumbs on the runs it
// scored, and the pass/fail of test cases (expected answers) whose runs it scored. A scorer "calls an answer bad"
// when its quality (the score turned so that higher is better) is below the threshold; a person does with a thumbs
// down (the majority on a run) or a failed test case. Nobody should trust a judge whose agreement is unknown.
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { invalidInput, notFound } from '../errors';
import { FeedbackStore } from '../feedback/feedback-store';
import { isoDateParam } from '../pagination';
import { runOwnerOf } from '../runs/service';
import { TestStore } from '../testing/test-store';
import { agreementOf, type Confusion } from './agreement-stats';
import { scorerCatalog } from './catalog';
import { EvaluationStore } from './evaluation-store';

export const agreementQuerySchema = z.object({
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  /** The quality below which a scorer calls an answer bad (default 0.5). */
  threshold: z.coerce.number().min(0).max(1).default(0.5),
});
export type AgreementQuery = z.output<typeof agreementQuerySchema>;

/** Fewer pairs than this and the figures are shown with a warning that they mean little. */
export const MIN_PAIRS = 20;
const MAX_RUNS = 5000;

export const AGREEMENT_METHOD =
  "Pairs of verdicts on the same run: the scorer's (bad when its quality is below the threshold) and a person's (a " +
  'thumbs down — the majority of a run’s thumbs — or a failed test case). κ is Cohen’s kappa with its large-sample ' +
  '95 % interval; precision and recall are of the scorer’s "bad" calls, with Wilson 95 % intervals.';

type Side = 'bad' | 'good';

export async function judgeAgreement(ctx: ServiceContext, idOrSlug: string, query: AgreementQuery) {
  const { agentId } = await runOwnerOf(ctx, idOrSlug);
  if (!agentId) throw notFound('Agent', idOrSlug);
  const to = query.to ?? ctx.clock();
  const from = query.from ?? new Date(to.getTime() - 89 * 86_400_000);
  if (from > to) throw invalidInput('from must not be after to', { field: 'from' });
  const end = new Date(to.getTime() + 86_400_000);
  const scored = await EvaluationStore.of(ctx).scoresIn(agentId, from, end, MAX_RUNS);
  const runIds = [...new Set(scored.map((s) => s.runId))];
  const [thumbs, tests] = await Promise.all([
    FeedbackStore.of(ctx).thumbsOf(runIds),
    TestStore.of(ctx).verdictsOf(runIds),
  ]);

  // People's verdicts per run, by source.
  const votes = new Map<string, number>();
  for (const t of thumbs)
    votes.set(t.runId, (votes.get(t.runId) ?? 0) + (t.thumbs === 'up' ? 1 : t.thumbs === 'down' ? -1 : 0));
  const people: { runId: string; source: 'feedback' | 'testCases'; verdict: Side }[] = [];
  for (const [runId, v] of votes)
    if (v !== 0) people.push({ runId, source: 'feedback', verdict: v > 0 ? 'good' : 'bad' });
  for (const t of tests)
    if (t.runId && t.passed !== null)
      people.push({ runId: t.runId, source: 'testCases', verdict: t.passed ? 'good' : 'bad' });

  const scoresByRun = new Map(scored.map((s) => [s.runId, s.scores]));
  const scorerIds = [...new Set(scored.flatMap((s) => Object.keys(s.scores)))];
  const scorers = scorerIds.map((scorerId) => {
    const confusion: Confusion = { bothBad: 0, scorerBadOnly: 0, personBadOnly: 0, bothGood: 0 };
    const sources = { feedback: 0, testCases: 0 };
    for (const p of people) {
      const result = scoresByRun.get(p.runId)?.[scorerId];
      if (!result) continue;
      const quality = result.quality ?? result.score;
      const scorerBad = quality < query.threshold;
      const personBad = p.verdict === 'bad';
      sources[p.source]++;
      if (scorerBad && personBad) confusion.bothBad++;
      else if (scorerBad) confusion.scorerBadOnly++;
      else if (personBad) confusion.personBadOnly++;
      else confusion.bothGood++;
    }
    const pairs = sources.feedback + sources.testCases;
    return {
      scorerId,
      name: scorerCatalog.find((s) => s.id === scorerId)?.name ?? scorerId,
      pairs,
      sources,
      enough: pairs >= MIN_PAIRS,
      confusion,
      ...agreementOf(confusion),
    };
  });
  return {
    threshold: query.threshold,
    minPairs: MIN_PAIRS,
    method: AGREEMENT_METHOD,
    scoredRuns: runIds.length,
    scorers,
  };
}
