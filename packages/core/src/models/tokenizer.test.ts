// countTokens uses the real o200k_base encoding.
import { describe, expect, it } from 'vitest';
import { countTokens } from './tokenizer';

describe('countTokens', () => {
  it('counts o200k_base tokens', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello')).toBe(1);
    expect(countTokens('hello world hello world')).toBe(4);
  });
});
