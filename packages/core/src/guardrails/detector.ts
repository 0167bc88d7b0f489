// Detectors read the normalized text and report spans in its coordinates; this module turns pattern rules into
// detectors and runs a list of them, mapping the spans back to the raw text. PII and secrets share it.
import { type NormalizedText, toRawRange } from './normalize';
import { mergeSpans, type Span } from './span';

/** Finds spans in a normalized text (coordinates of that text). */
export type Detector<K extends string> = (text: string) => Span<K>[];

export interface PatternRule<K extends string> {
  kind: K;
  /** A global regex; written so that it cannot backtrack catastrophically. */
  pattern: RegExp;
  /** Validation beyond the pattern: checksums, context. */
  accept?: (match: RegExpExecArray, text: string) => boolean;
}

export function patternDetector<K extends string>({ kind, pattern, accept }: PatternRule<K>): Detector<K> {
  return (text) => {
    const spans: Span<K>[] = [];
    for (const match of text.matchAll(pattern)) {
      if (!accept || accept(match, text)) spans.push({ kind, start: match.index, end: match.index + match[0].length });
    }
    return spans;
  };
}

/**
 * Runs the detectors in priority order: a span overlapping one an earlier detector reported is dropped, so a card
 * number is not also reported as a phone number. Spans are returned in raw coordinates.
 */
export function runDetectors<K extends string>(n: NormalizedText, detectors: readonly Detector<K>[]): Span<K>[] {
  const found: Span<K>[] = [];
  for (const detect of detectors) {
    const taken = mergeSpans(found);
    for (const span of detect(n.text)) if (!overlapsAny(taken, span)) found.push(span);
  }
  return found.map((span) => ({ kind: span.kind, ...toRawRange(n, span.start, span.end) }));
}

/** Whether `span` overlaps one of `taken` (sorted, disjoint): a binary search for the last one starting before its end. */
function overlapsAny(taken: readonly Span[], span: Span): boolean {
  let low = 0;
  let high = taken.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (taken[mid].start < span.end) low = mid + 1;
    else high = mid - 1;
  }
  return high >= 0 && taken[high].end > span.start;
}
