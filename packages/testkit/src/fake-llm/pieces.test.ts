// How streamed text and tool arguments are split: lossless, word-sized and fragment-counted.

import { describe, expect, it } from 'vitest';
import { jsonPieces, textPieces } from './pieces';

describe('textPieces', () => {
  it('keeps whitespace with the following word and loses nothing', () => {
    expect(textPieces('Hello big  world')).toEqual(['Hello', ' big', '  world']);
    expect(textPieces('  lead and trail \n')).toEqual(['  lead', ' and', ' trail', ' \n']);
    expect(textPieces('  lead and trail \n').join('')).toBe('  lead and trail \n');
  });

  it('returns no pieces for empty text', () => {
    expect(textPieces('')).toEqual([]);
  });
});

describe('jsonPieces', () => {
  it('splits into at most three similar fragments that join back exactly', () => {
    const json = JSON.stringify({ query: 'weather in Oslo' });
    const pieces = jsonPieces(json);

    expect(pieces).toHaveLength(3);
    expect(pieces.join('')).toBe(json);
    expect(jsonPieces('{}')).toEqual(['{', '}']);
    expect(jsonPieces('')).toEqual([]);
  });
});
