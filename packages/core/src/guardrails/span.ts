// Spans are what every detector of the local rule tier reports: a kind and a half-open [start, end) range of the raw
// text. Merging (overlapping or adjacent spans become one, the earliest one's kind kept) is shared by redaction and
// the stream guard, so both agree on where one redaction ends and the next begins.

export interface Span<K extends string = string> {
  kind: K;
  /** Index of the first character, in the raw (not normalized) text. */
  start: number;
  /** Index after the last character. */
  end: number;
}

/**
 * The spans sorted by start, with overlapping or touching ones merged. A merged span keeps the kind of the span that
 * starts first (on a tie, the one listed first). Empty spans are dropped.
 */
export function mergeSpans<K extends string>(spans: readonly Span<K>[]): Span<K>[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: Span<K>[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ kind: span.kind, start: span.start, end: span.end });
  }
  return merged;
}
