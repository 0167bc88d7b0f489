// Scoring one answer. Code-based scorers always: relevancy (keyword coverage), completeness and tone from
// @mastra/evals, toxicity from the guardrails' word list — deterministic, local, no network. With a judge model
// (EVAL_JUDGE_MODEL), relevancy and toxicity are judged by it with @mastra/evals' LLM scorers instead; a judge that
// fails falls back to the code method, and says so. Each result names the method that ran and carries the score
// turned so that higher is better (`quality`). @mastra/evals (and its language libraries) load on the first score,
// not when the server starts.
import type { MastraModelConfig } from '@mastra/core/llm';
import type { ScoreResults } from '@trellis/db';
import { findToxicity } from '../guardrails/toxicity';
import { qualityOf, scorerCatalog } from './catalog';

/** The version of the scoring methods; an evaluation row per (run, version), so a new method re-scores alongside. */
export const CODE_SCORER_VERSION = 'code-1';

/** A judge model for the LLM-judged scorers, and how it is named in labels (`provider/model`). */
export interface Judge {
  model: MastraModelConfig;
  name: string;
}

/** The scorer version of an evaluation made with `judge` (or the code methods alone). */
export const scorerVersionOf = (judge?: Judge) => (judge ? `llm-1:${judge.name}` : CODE_SCORER_VERSION);

type Scorer = (question: string, answer: string) => Promise<{ score: number; reason?: string }>;
type MastraScorerLike = { run: (input: never) => Promise<{ score: number; reason?: string }> };

const prebuilt = () => import('@mastra/evals/scorers/prebuilt');

async function testRun(question: string, answer: string) {
  const { createAgentTestRun, createTestMessage } = await import('@mastra/evals/scorers/utils');
  return createAgentTestRun({
    inputMessages: [createTestMessage({ content: question, role: 'user', id: 'question' })],
    output: [createTestMessage({ content: answer, role: 'assistant', id: 'answer' })],
  });
}

/** A @mastra/evals code scorer, made once on first use. */
const mastra = (make: (evals: Awaited<ReturnType<typeof prebuilt>>) => MastraScorerLike): Scorer => {
  let scorer: MastraScorerLike | undefined;
  return async (question, answer) => {
    scorer ??= make(await prebuilt());
    return { score: (await scorer.run((await testRun(question, answer)) as never)).score };
  };
};

/** The scorers a judge model scores, and their label. */
const judged: Record<string, (model: MastraModelConfig) => Promise<MastraScorerLike>> = {
  relevancy: async (model) => (await prebuilt()).createAnswerRelevancyScorer({ model }) as never,
  toxicity: async (model) => (await prebuilt()).createToxicityScorer({ model }) as never,
};
const judgedLabel: Record<string, string> = {
  relevancy: 'the share of the answer’s statements the judge finds relevant to the question',
  toxicity: 'the share of the answer’s opinions the judge finds toxic',
};

/** Toxic words per word of the answer, ×10 and capped at 1: one in ten words (or more) scores 1. */
const toxicity: Scorer = async (_question, answer) => {
  const words = answer.split(/\s+/).filter(Boolean).length;
  return { score: words ? Math.min(1, (10 * findToxicity(answer).length) / words) : 0 };
};

const scorers: Record<string, Scorer> = {
  relevancy: mastra((e) => e.createKeywordCoverageScorer() as never),
  completeness: mastra((e) => e.createCompletenessScorer() as never),
  tone: mastra((e) => e.createToneScorer() as never),
  toxicity,
};

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The scores of `answer` to `question` by each of `ids` (unknown ids are skipped); judged where a judge can. */
export async function scoreAnswer(
  ids: readonly string[],
  question: string,
  answer: string,
  judge?: Judge,
): Promise<ScoreResults> {
  const results: ScoreResults = {};
  for (const id of ids) {
    const code = scorers[id];
    if (!code) continue;
    let method: 'code' | 'llm' = 'code';
    let label = scorerCatalog.find((s) => s.id === id)?.method;
    let outcome: { score: number; reason?: string | null } | undefined;
    const makeJudged = judge && judged[id];
    if (makeJudged) {
      try {
        const result = await (await makeJudged(judge.model)).run((await testRun(question, answer)) as never);
        outcome = { score: result.score, reason: result.reason ?? null };
        method = 'llm';
        label = `LLM judge (${judge.name}): ${judgedLabel[id]}`;
      } catch (e) {
        label = `${label} — the judge ${judge.name} failed (${(e as Error).message.slice(0, 200)}), so the code method scored`;
      }
    }
    outcome ??= await code(question, answer);
    const score = round(Math.min(1, Math.max(0, outcome.score)));
    results[id] = {
      score,
      quality: round(qualityOf(id, score)),
      method,
      label,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    };
  }
  return results;
}
