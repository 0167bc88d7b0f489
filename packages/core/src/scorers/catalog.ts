// The scorers an agent can list in `scorers` (SPEC §9). Scoring itself runs with the evaluations feature;
// this catalog is what agents are validated against and what `GET /api/agents/scorers` shows.
import { z } from 'zod';
import { invalidInput } from '../errors';

export const scorerInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  scale: z.literal('0-1'),
  higherIsBetter: z.boolean(),
  defaultSampling: z.object({ type: z.literal('ratio'), rate: z.number() }),
});
export type ScorerInfo = z.output<typeof scorerInfoSchema>;

export const scorerCatalog: ScorerInfo[] = [
  {
    id: 'relevancy',
    name: 'Answer Relevancy',
    description: 'How well responses address the query',
    scale: '0-1',
    higherIsBetter: true,
    defaultSampling: { type: 'ratio', rate: 1 },
  },
  {
    id: 'toxicity',
    name: 'Toxicity',
    description: 'Harmful content detection',
    scale: '0-1',
    higherIsBetter: false,
    defaultSampling: { type: 'ratio', rate: 1 },
  },
  {
    id: 'completeness',
    name: 'Completeness',
    description: 'Information coverage',
    scale: '0-1',
    higherIsBetter: true,
    defaultSampling: { type: 'ratio', rate: 1 },
  },
  {
    id: 'tone',
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
