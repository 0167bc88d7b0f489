// Scoring one answer with the code-based scorers: relevancy (keyword coverage) and completeness and tone from
// @mastra/evals, toxicity from the guardrails' word list. Deterministic, local, no network. Each result names the
// method that ran and carries the score turned so that higher is better (`quality`).
import {
  createCompletenessScorer,
  createKeywordCoverageScorer,
  createToneScorer,
} from '@mastra/evals/scorers/prebuilt';
import { createAgentTestRun, createTestMessage } from '@mastra/evals/scorers/utils';
import type { ScoreResults } from '@trellis/db';
import { findToxicity } from '../guardrails/toxicity';
import { qualityOf, scorerCatalog } from './catalog';

/** The version of the scoring methods; an evaluation row per (run, version), so a new method re-scores alongside. */
export const CODE_SCORER_VERSION = 'code-1';

type Scorer = (question: string, answer: string) => Promise<number>;

const mastra = (make: () => { run: (input: never) => Promise<{ score: number }> }): Scorer => {
  const scorer = make();
  return async (question, answer) => {
    const run = createAgentTestRun({
      inputMessages: [createTestMessage({ content: question, role: 'user', id: 'question' })],
      output: [createTestMessage({ content: answer, role: 'assistant', id: 'answer' })],
    });
    return (await scorer.run(run as never)).score;
  };
};

/** Toxic words per word of the answer, ×10 and capped at 1: one in ten words (or more) scores 1. */
const toxicity: Scorer = async (_question, answer) => {
  const words = answer.split(/\s+/).filter(Boolean).length;
  if (!words) return 0;
  return Math.min(1, (10 * findToxicity(answer).length) / words);
};

const scorers: Record<string, Scorer> = {
  relevancy: mastra(() => createKeywordCoverageScorer() as never),
  completeness: mastra(() => createCompletenessScorer() as never),
  tone: mastra(() => createToneScorer() as never),
  toxicity,
};

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The scores of `answer` to `question` by each of `ids` (unknown ids are skipped). */
export async function scoreAnswer(ids: readonly string[], question: string, answer: string): Promise<ScoreResults> {
  const results: ScoreResults = {};
  for (const id of ids) {
    const scorer = scorers[id];
    if (!scorer) continue;
    const score = round(Math.min(1, Math.max(0, await scorer(question, answer))));
    results[id] = {
      score,
      quality: round(qualityOf(id, score)),
      method: 'code',
      label: scorerCatalog.find((s) => s.id === id)?.method,
    };
  }
  return results;
}
