// normalize: NFKC and invisible-character removal, with every normalized index mapping back to its raw range.
import { describe, expect, it } from 'vitest';
import { normalize, toRawRange } from './normalize';

describe('normalize', () => {
  it('returns ASCII text as it is, with an identity mapping', () => {
    const n = normalize('plain text');
    expect(n.text).toBe('plain text');
    expect(toRawRange(n, 2, 5)).toEqual({ start: 2, end: 5 });
  });

  it('drops zero-width, bidi and soft-hyphen characters', () => {
    const hidden = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\u2064', '\uFEFF', '\u202A', '\u202E'];
    const raw = `a${[...hidden, '\u2066', '\u2069', '\u00AD'].join('b')}c`;
    expect(normalize(raw).text).toBe(`a${'b'.repeat(12)}c`);
  });

  it('applies NFKC: full-width letters, ligatures, composed accents', () => {
    expect(normalize('ｆｕｌｌ ﬁle e\u0301').text).toBe('full file é');
  });

  it('maps a normalized match back to the raw span, hidden characters inside included', () => {
    const raw = 'mail: a\u200Bb@x\u00AD.io!';
    const n = normalize(raw);
    expect(n.text).toBe('mail: ab@x.io!');
    const start = n.text.indexOf('ab@');
    const range = toRawRange(n, start, start + 'ab@x.io'.length);
    expect(raw.slice(range.start, range.end)).toBe('a\u200Bb@x\u00AD.io');
  });

  it('maps every character an expansion produced to its one raw character', () => {
    const raw = 'x\uFB01y'; // ﬁ → fi
    const n = normalize(raw);
    expect(n.text).toBe('xfiy');
    expect(toRawRange(n, 1, 2)).toEqual({ start: 1, end: 2 });
    expect(toRawRange(n, 1, 3)).toEqual({ start: 1, end: 2 });
    expect(toRawRange(n, 3, 4)).toEqual({ start: 2, end: 3 });
  });

  it('keeps astral characters whole', () => {
    const n = normalize('😀\u200Bz');
    expect(n.text).toBe('😀z');
    expect(toRawRange(n, 2, 3)).toEqual({ start: 3, end: 4 });
  });
});
