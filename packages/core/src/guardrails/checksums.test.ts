// Luhn and IBAN mod 97: known-good numbers pass, and changing a single digit makes them fail.
import { describe, expect, it } from 'vitest';
import { ibanChecksumValid, luhnValid } from './checksums';

describe('luhnValid', () => {
  it('accepts valid card numbers and rejects a changed digit', () => {
    for (const card of ['4111111111111111', '5555555555554444', '378282246310005', '4012888888881881']) {
      expect(luhnValid(card), card).toBe(true);
      expect(luhnValid(card.slice(0, -1) + ((Number(card.at(-1)) + 1) % 10)), card).toBe(false);
    }
    expect(luhnValid('4111 1111')).toBe(false);
  });
});

describe('ibanChecksumValid', () => {
  it('accepts valid IBANs and rejects a wrong check digit', () => {
    for (const iban of [
      'DE89370400440532013000',
      'GB82WEST12345698765432',
      'NL91ABNA0417164300',
      'fr1420041010050500013m02606',
    ]) {
      expect(ibanChecksumValid(iban), iban).toBe(true);
    }
    expect(ibanChecksumValid('DE88370400440532013000')).toBe(false);
    expect(ibanChecksumValid('DE89370400440532013001')).toBe(false);
    expect(ibanChecksumValid('DE89 3704')).toBe(false);
  });
});
