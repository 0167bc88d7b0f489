// The local rule tier's toxicity check: profanity and slurs from obscenity's English dataset (it undoes leetspeak,
// confusable letters and repeated characters, and knows words that merely contain a bad one, such as "Scunthorpe"),
// plus a short list of threats and self-harm incitement it does not cover. Reads the normalized text, so zero-width
// characters do not split a word past it. A list catches words, not intent: an LLM judge is the deeper tier.
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { patternDetector, runDetectors } from './detector';
import { asNormalized, type NormalizedText } from './normalize';
import type { Span } from './span';

export type ToxicityKind = 'profanity' | 'threat';

/** Ordinary words the dataset would flag for a rude word inside them (found with the benign set). */
const innocentWords = [
  'shiitake',
  'cockpit',
  'penistone',
  'dickinson',
  'pussycat',
  'pussy willow',
  'pussy-willow',
  'cumin',
];

const dataset = englishDataset.build();
const matcher = new RegExpMatcher({
  ...dataset,
  whitelistedTerms: [...(dataset.whitelistedTerms ?? []), ...innocentWords],
  ...englishRecommendedTransformers,
});

const THREAT =
  /\b(?:kill (?:yo)?urself|kys|go die|(?:i(?:'| a)?m going to|i will|i'll|we will|gonna) (?:kill|hurt|murder|find) you|you (?:should|deserve to) die)\b/gi;

const profanity = (text: string): Span<ToxicityKind>[] =>
  matcher.getAllMatches(text, true).map((m) => ({ kind: 'profanity', start: m.startIndex, end: m.endIndex + 1 }));

const detectors = [patternDetector<ToxicityKind>({ kind: 'threat', pattern: THREAT }), profanity];

/** Toxic words and phrases in `source`, as raw spans. */
export function findToxicity(source: string | NormalizedText): Span<ToxicityKind>[] {
  return runDetectors(asNormalized(source), detectors);
}

/** The tail of a streamed text that could still become a toxic word or phrase (the longest phrase is ~35). */
export const toxicityTail = (_raw: string): number => 48;
