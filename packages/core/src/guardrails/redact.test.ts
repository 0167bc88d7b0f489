// redact: spans replaced by markers, overlapping and adjacent spans merged under the first span's kind.
import { describe, expect, it } from 'vitest';
import { redact } from './redact';
import { mergeSpans } from './span';

describe('redact', () => {
  it('replaces each span with its marker and returns the applied spans', () => {
    const text = 'mail a@b.io or call +44 7911 123456';
    const result = redact(text, [
      { kind: 'phone', start: 20, end: 35 },
      { kind: 'email', start: 5, end: 11 },
    ]);
    expect(result.text).toBe('mail [REDACTED:email] or call [REDACTED:phone]');
    expect(result.redactions).toEqual([
      { kind: 'email', start: 5, end: 11 },
      { kind: 'phone', start: 20, end: 35 },
    ]);
  });

  it('merges overlapping and adjacent spans; the earliest kind wins', () => {
    const result = redact('0123456789abcdef', [
      { kind: 'b', start: 4, end: 8 },
      { kind: 'a', start: 2, end: 5 },
      { kind: 'c', start: 8, end: 10 },
      { kind: 'd', start: 12, end: 14 },
    ]);
    expect(result.text).toBe('01[REDACTED:a]ab[REDACTED:d]ef');
    expect(result.redactions).toEqual([
      { kind: 'a', start: 2, end: 10 },
      { kind: 'd', start: 12, end: 14 },
    ]);
  });

  it('keeps the first listed kind for spans starting together, clamps and drops empty spans', () => {
    expect(
      mergeSpans([
        { kind: 'x', start: 1, end: 3 },
        { kind: 'y', start: 1, end: 5 },
      ]),
    ).toEqual([{ kind: 'x', start: 1, end: 5 }]);
    expect(
      redact('abc', [
        { kind: 'k', start: 2, end: 9 },
        { kind: 'e', start: 1, end: 1 },
      ]).text,
    ).toBe('ab[REDACTED:k]');
    expect(redact('abc', []).text).toBe('abc');
  });
});
