// Redaction: the raw text with each detected span replaced by `[REDACTED:<kind>]`. Overlapping and adjacent spans
// are merged first (the earliest span's kind names the merged one), and the applied spans are returned.
import { mergeSpans, type Span } from './span';

export interface RedactionResult<K extends string = string> {
  text: string;
  /** The merged spans that were replaced, in raw coordinates, in order. */
  redactions: Span<K>[];
}

export const redactionMarker = (kind: string): string => `[REDACTED:${kind}]`;

export function redact<K extends string>(text: string, spans: readonly Span<K>[]): RedactionResult<K> {
  const inBounds = spans.map((s) => ({ kind: s.kind, start: Math.max(0, s.start), end: Math.min(text.length, s.end) }));
  const redactions = mergeSpans(inBounds);
  let out = '';
  let cursor = 0;
  for (const span of redactions) {
    out += text.slice(cursor, span.start) + redactionMarker(span.kind);
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), redactions };
}
