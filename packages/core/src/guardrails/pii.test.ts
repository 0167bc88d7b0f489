// findPii: true positives per detector at the right raw span, and the look-alikes that must stay unflagged: dates,
// times, prices, versions, order numbers, Luhn-failing cards, IBANs with a wrong check digit, invalid SSNs and NINOs.
import { describe, expect, it } from 'vitest';
import { findPii, type PiiKind } from './pii';

const found = (text: string) => findPii(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);

const positives: [PiiKind, string[]][] = [
  ['email', ['jane.doe+billing@example.co.uk', 'a_b@mail.example.com', 'X.Y%z@sub.domain.travel']],
  [
    'phone',
    [
      '+44 7911 123456',
      '+1 (555) 123-4567',
      '+442079460958',
      '+49 30 12345678',
      '+33 1 23 45 67 89',
      '+44 (0) 20 7946 0958',
      '(555) 123-4567',
      '555-123-4567',
      '555.123.4567',
      '020 7946 0958',
      '01 23 45 67 89',
      '030-1234-5678',
    ],
  ],
  ['card', ['4111 1111 1111 1111', '4111-1111-1111-1111', '5555555555554444', '3782 822463 10005', '4222222222222']],
  [
    'iban',
    [
      'DE89 3704 0044 0532 0130 00',
      'DE89370400440532013000',
      'GB82 WEST 1234 5698 7654 32',
      'FR14 2004 1010 0505 0001 3M02 606',
      'NL91ABNA0417164300',
      'CH93 0076 2011 6238 5295 7',
    ],
  ],
  ['ssn', ['123-45-6789', '078 05 1120']],
  ['uk-nino', ['AB 12 34 56 C', 'AB123456C', 'JG103759A']],
];

const negatives = [
  'The meeting is on 2024-01-15 at 10:30.',
  'Born 15.01.1990, moved 03-04-2005.',
  'It costs $1,234,567.89 or € 12 345 678 or 12 345 678 EUR.',
  'Install version 10.0.19041.1234 or 2.14.1023.55.',
  'Server 192.168.100.200 answered.',
  'Your order number 12345678 has shipped; order #4471 2233 9981 too.',
  'Ticket 555-123-4567 was closed.',
  'ISBN 978-3-16-148410-0 and the years 2019 2020 2021.',
  'A population of 12 345 678 people; 1234 and 20240115 and 12345678901.',
  'Card 4111 1111 1111 1112 fails Luhn, 0000 0000 0000 0000 is blank.',
  'IBAN DE88 3704 0044 0532 0130 00 has a wrong check digit; XX89 3704 0044 0532 0130 00 no country.',
  'SSNs 000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567, 123-45-0000 are not issued.',
  'NINOs QQ123456C, BG123456A, AO123456A are not valid.',
  'Email-like: user@localhost, @handle, a@b, name at example dot com.',
  'Score 3-2 at 90+4 minutes, chapter 1.2.3, 2.5 kg.',
];

describe('findPii', () => {
  it.each(positives)('finds %s', (kind, values) => {
    for (const value of values) expect(found(`before ${value} after`), value).toEqual([`${kind}:${value}`]);
  });

  it.each(negatives)('flags nothing in %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('reports several kinds in one text, each once', () => {
    const text = 'Mail jane@example.com, call +1 555 123 4567, pay to DE89 3704 0044 0532 0130 00 by 4111111111111111.';
    expect(found(text)).toEqual([
      'email:jane@example.com',
      'iban:DE89 3704 0044 0532 0130 00',
      'card:4111111111111111',
      'phone:+1 555 123 4567',
    ]);
  });

  it('finds an email and a card hidden by zero-width characters, at the raw span', () => {
    const text = 'write to ja\u200Bne@exa\u200Dmple.com or use 4111\u200B1111\u2060 1111 1111!';
    expect(found(text)).toEqual(['email:ja\u200Bne@exa\u200Dmple.com', 'card:4111\u200B1111\u2060 1111 1111']);
  });

  it('returns on 100 KB of adversarial input', () => {
    const inputs = [
      '1'.repeat(100_000),
      '1 '.repeat(50_000),
      '12-'.repeat(33_000),
      '+1 ('.repeat(25_000),
      'a'.repeat(100_000),
      `${'a.'.repeat(50_000)}@`,
      'a@'.repeat(50_000),
      `x@${'a-'.repeat(50_000)}`,
      'DE89 '.repeat(20_000),
      'AB 12 '.repeat(16_000),
      'a@b.co, 555-123-4567, 4111111111111111; '.repeat(2_500),
    ];
    for (const input of inputs) expect(Array.isArray(findPii(input))).toBe(true);
  });
});
