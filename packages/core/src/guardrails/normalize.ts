// Detection text: what detectors read instead of the raw text. NFKC folds compatibility forms (full-width letters,
// ligatures) and invisible format characters are dropped, so `a\u200Bb@x.io` reads as `ab@x.io`; every normalized
// index maps back to the raw range it came from, so a match redacts the right raw span, hidden characters included.

/** Zero-width characters, bidi controls and the soft hyphen: invisible, and used to split words past filters. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** ASCII is NFKC-stable and holds no invisible character: such text is its own detection text. */
const NON_ASCII = /\P{ASCII}/u;
const COMBINING_MARK = /^\p{M}$/u;

export interface NormalizedText {
  readonly raw: string;
  readonly text: string;
  /** Per index of `text`: the raw range of the character it came from. Absent when `text` is `raw`. */
  readonly rawStarts?: readonly number[];
  readonly rawEnds?: readonly number[];
}

/**
 * The detection text of `raw`. Each base character is normalized together with the combining marks that follow it,
 * so `e` + U+0301 becomes `é` and both map back to the two raw characters.
 */
export function normalize(raw: string): NormalizedText {
  if (!NON_ASCII.test(raw)) return { raw, text: raw };
  const rawStarts: number[] = [];
  const rawEnds: number[] = [];
  let text = '';
  let i = 0;
  while (i < raw.length) {
    const first = codePointAt(raw, i);
    if (INVISIBLE.test(first)) {
      i += first.length;
      continue;
    }
    let j = i + first.length;
    while (j < raw.length) {
      const next = codePointAt(raw, j);
      if (!COMBINING_MARK.test(next)) break;
      j += next.length;
    }
    const segment = raw.slice(i, j);
    const folded = j === i + 1 && raw.charCodeAt(i) < 0x80 ? segment : segment.normalize('NFKC');
    for (let k = 0; k < folded.length; k++) {
      rawStarts.push(i);
      rawEnds.push(j);
    }
    text += folded;
    i = j;
  }
  return { raw, text, rawStarts, rawEnds };
}

/** `source` as detection text: normalized unless it already is. */
export function asNormalized(source: string | NormalizedText): NormalizedText {
  return typeof source === 'string' ? normalize(source) : source;
}

/** The raw range behind the normalized range [start, end) (end > start). */
export function toRawRange(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (!n.rawStarts || !n.rawEnds) return { start, end };
  return { start: n.rawStarts[start], end: n.rawEnds[end - 1] };
}

function codePointAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}

/**
 * How many characters at the end of `raw` belong to `chars` (one character class, tested per code unit; invisible
 * characters count too, since they can sit inside a match), at most `cap`: the tail a stream must hold while it
 * could still grow into a match made of such characters.
 */
export function trailingRun(raw: string, chars: RegExp, cap: number): number {
  let n = 0;
  for (let i = raw.length - 1; i >= 0 && n < cap; i--, n++) {
    const c = raw[i];
    if (!chars.test(c) && !INVISIBLE.test(c)) break;
  }
  return n;
}
