// The scorers an agent can list in `scorers` (SPEC §9): what each measures, its scale and direction, and the method
// that scores it (score.ts). Agents are validated against this catalog; `GET /api/agents/scorers` shows it.
import { z } from 'zod';
import { invalidInput } from '../errors';

export const scorerInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  scale: z.literal('0-1'),
  higherIsBetter: z.boolean(),
  /** How the score is computed without a judge model (the only method built so far). */
  method: z.string(),
  defaultSampling: z.object({ type: z.literal('ratio'), rate: z.number() }),
});
export type ScorerInfo = z.output<typeof scorerInfoSchema>;

export const scorerCatalog: ScorerInfo[] = [
  {
    id: 'relevancy',
    method: "Code: the share of the question's keywords the answer covers (keyword coverage)",
    name: 'Answer Relevancy',
    description: 'How well responses address the query',
    scale: '0-1',
    higherIsBetter: true,
    defaultSampling: { type: 'ratio', rate: 1 },
  },
  {
    id: 'toxicity',
    method: "Code: profanity, slurs and threats from the guardrails' word list, per word of the answer (0 = none)",
    name: 'Toxicity',
    description: 'Harmful content detection',
    scale: '0-1',
    higherIsBetter: false,
    defaultSampling: { type: 'ratio', rate: 1 },
  },
  {
    id: 'completeness',
    method: "Code: the share of the question's key terms (nouns, verbs, topics) the answer covers",
    name: 'Completeness',
    description: 'Information coverage',
    scale: '0-1',
    higherIsBetter: true,
    defaultSampling: { type: 'ratio', rate: 1 },
  },
  {
    id: 'tone',
    method: "Code: how steady the answer's sentiment is from sentence to sentence (1 = consistent)",
    name: 'Tone Consistency',
    description: 'Style/formality consistency',
    scale: '0-1',
    higherIsBetter: true,
    defaultSampling: { type: 'ratio', rate: 1 },
  },
];

const known = new Set(scorerCatalog.map((s) => s.id));

/** Throws VALIDATION_FAILED naming every unknown scorer id. */
export function assertKnownScorers(ids: readonly string[]): void {
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw invalidInput(`Unknown scorer${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
      field: 'scorers',
      unknown,
      known: [...known],
    });
  }
}

/** SPEC §9 `getScorersByNames`: the named scorers with their sampling configuration. */
export function getScorersByNames(ids: readonly string[]) {
  return Object.fromEntries(
    scorerCatalog.filter((s) => ids.includes(s.id)).map((s) => [s.id, { scorer: s, sampling: s.defaultSampling }]),
  );
}

/** A score turned so that higher is better, whatever the scorer's direction. */
export function qualityOf(scorerId: string, score: number): number {
  const info = scorerCatalog.find((s) => s.id === scorerId);
  return info && !info.higherIsBetter ? 1 - score : score;
}
