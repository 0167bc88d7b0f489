// The hold-back buffer for streamed output. Guarantee: what is released equals, piece by piece, `redact(whole)` of
// the full stream, and no character of a match is released before the match is seen whole, for every match that is at
// most `holdBack` long or is reported from its first characters on as it grows (key blocks, JWTs, long tokens). With
// a `holdBack` function the same holds for every match whose unfinished beginnings it counts as a tail to hold.
import { redact } from './redact';
import { mergeSpans, type Span } from './span';

/**
 * The longest match a bounded detector of this tier produces (an email is at most ~410 characters; keys, cards and
 * IBANs far less). Unbounded matches (PEM blocks, JWTs, tokens) are reported while incomplete, so they are held too.
 */
export const DEFAULT_HOLD_BACK = 512;
/** Released characters scanned again as left context (lookbehinds, a match's start already released). */
const CONTEXT = DEFAULT_HOLD_BACK;

export interface StreamGuardOptions<K extends string> {
  /**
   * Characters held back at the end of the buffer: at least the longest match `scan` can produce — or, given the
   * unreleased text (with the released context before it), as many trailing characters as could still be the start
   * of a match (a tail that cannot grow into one is released at once).
   */
  holdBack?: number | ((text: string) => number);
  /** A span for which the rest of the stream must be withheld: the guard releases nothing more once it sees one. */
  block?: (span: Span<K>) => boolean;
  /**
   * Scan again only once this many characters arrived since the last scan (default 1: every chunk). Larger steps
   * release in slightly bigger pieces and scan far less; nothing is ever released unscanned.
   */
  step?: number;
  /** Released characters scanned again as left context (default DEFAULT_HOLD_BACK). */
  context?: number;
}

export interface StreamGuard<K extends string> {
  /** Adds a chunk; returns the text that may be released now, redacted (possibly empty). */
  push(chunk: string): string;
  /** Ends the stream; returns the rest, redacted. */
  end(): string;
  /** True once a blocking span was seen: nothing further is released. */
  readonly blocked: boolean;
  /** The redactions applied so far, in coordinates of the whole raw stream. */
  readonly redactions: readonly Span<K>[];
}

export function createStreamGuard<K extends string>(
  scan: (text: string) => readonly Span<K>[],
  options: StreamGuardOptions<K> = {},
): StreamGuard<K> {
  const holdBack = options.holdBack ?? DEFAULT_HOLD_BACK;
  const step = options.step ?? 1;
  const contextLength = options.context ?? CONTEXT;
  /** Unreleased characters at the last scan. */
  let scannedAt = 0;
  /** The last released raw characters: scanned again as left context, so matches read the same as in the whole. */
  let context = '';
  let pending = '';
  let releasedLength = 0;
  let blocked = false;
  let ended = false;
  const redactions: Span<K>[] = [];

  const held = (): number =>
    typeof holdBack === 'number' ? holdBack : Math.min(pending.length, holdBack(context + pending));

  function release(final: boolean): string {
    if (blocked) return '';
    if (!final && pending.length - scannedAt < step) return '';
    const hold = final ? 0 : held();
    if (!final && pending.length <= hold) return '';
    scannedAt = pending.length;
    const spans = scan(context + pending)
      .map((s) => ({ kind: s.kind, start: Math.max(0, s.start - context.length), end: s.end - context.length }))
      .filter((s) => s.end > 0);
    if (options.block && spans.some(options.block)) {
      blocked = true;
      pending = '';
      return '';
    }
    const merged = mergeSpans(spans);
    const cut = final ? pending.length : safeCut(pending, merged, pending.length - hold);
    if (cut <= 0) return '';
    scannedAt -= cut;
    const piece = redact(
      pending.slice(0, cut),
      merged.filter((s) => s.end <= cut),
    );
    for (const r of piece.redactions) {
      redactions.push({ kind: r.kind, start: r.start + releasedLength, end: r.end + releasedLength });
    }
    context = (context + pending.slice(0, cut)).slice(-contextLength);
    pending = pending.slice(cut);
    releasedLength += cut;
    return piece.text;
  }

  return {
    push(chunk) {
      if (ended) throw new Error('stream guard: push after end');
      pending += chunk;
      return release(false);
    },
    end() {
      if (ended) return '';
      ended = true;
      return release(true);
    },
    get blocked() {
      return blocked;
    },
    redactions,
  };
}

/**
 * `limit`, moved back off a surrogate pair's second half, out of any (merged) span it falls inside, and before a span
 * that reaches the end of the text (it may still grow: a key block or token reported as it streams in).
 */
function safeCut(text: string, merged: readonly Span[], limit: number): number {
  let cut = limit;
  if (cut > 0 && cut < text.length && isLowSurrogate(text.charCodeAt(cut))) cut--;
  for (const span of merged) if (span.start < cut && (cut < span.end || span.end >= text.length)) cut = span.start;
  return cut;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
