// createStreamGuard: a fuzz over chunk boundaries (every 2- and 3-way split, seeded random splits) checks that the
// released text is exactly redact(whole) and that no secret, nor the start of one about to be completed, leaks.
import { describe, expect, it } from 'vitest';
import { redact } from './redact';
import { scanText } from './rules';
import type { Span } from './span';
import { createStreamGuard, DEFAULT_HOLD_BACK } from './stream-guard';
import { piiFixtures, secretFixtures } from './test-fixtures';

const scan = (text: string) => scanText(text, { pii: true, secrets: true });
const secrets = [...Object.values(secretFixtures), ...Object.values(piiFixtures)];

const compact = `mail ${piiFixtures.email}, card ${piiFixtures.card}; iban ${piiFixtures.iban}. key ${secretFixtures['secret:aws-access-key']} end`;
const texts = [
  compact,
  `Hello! Your token is ${secretFixtures['secret:openai']} and the backup ${secretFixtures['secret:github']}.\nCall ${piiFixtures.phone} or write ${piiFixtures.email}; SSN ${piiFixtures.ssn}, NI ${piiFixtures['uk-nino']}. Ticket 555-123-4567 is closed.`,
  `Config:\n${secretFixtures['secret:private-key']}\nslack=${secretFixtures['secret:slack']} google=${secretFixtures['secret:google-api-key']}\nbye`,
  `jwt ${secretFixtures['secret:jwt']} stripe ${secretFixtures['secret:stripe']} anthropic ${secretFixtures['secret:anthropic']} pay ${piiFixtures.iban},${piiFixtures.card}`,
  `hidden: ${piiFixtures.email.slice(0, 5)}\u200B${piiFixtures.email.slice(5)} 😀 and ${secretFixtures['secret:aws-access-key'].slice(0, 8)}\u2060${secretFixtures['secret:aws-access-key'].slice(8)} 🎉 done`,
];

/** Streams `chunks` through a guard; returns the released pieces. */
function stream(chunks: string[], holdBack?: number): string[] {
  const guard = createStreamGuard(scan, { holdBack });
  const pieces = chunks.map((chunk) => guard.push(chunk));
  pieces.push(guard.end());
  return pieces;
}

/** The guarantee, checked for one split: the exact redaction of the whole, and nothing of a secret released early. */
function expectSafe(whole: string, chunks: string[], holdBack?: number) {
  const pieces = stream(chunks, holdBack);
  const released = pieces.join('');
  const expected = redact(whole, scan(whole)).text;
  if (released !== expected) expect({ chunks, released }).toEqual({ chunks, released: expected });
  for (const piece of pieces) {
    if (!piece.isWellFormed()) expect({ chunks, piece, wellFormed: false }).toBeUndefined();
    for (const secret of secrets) {
      if (piece.includes(secret)) expect({ chunks, piece, leaked: secret }).toBeUndefined();
      for (let k = 4; k < secret.length; k++) {
        if (piece.endsWith(secret.slice(0, k)))
          expect({ chunks, piece, leakedPrefix: secret.slice(0, k) }).toBeUndefined();
      }
    }
  }
}

/** mulberry32: a small seeded generator, so random splits are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOLD_BACK = 48; // shorter than some matches: long ones must still be held as they grow

describe('createStreamGuard', () => {
  it('every fixture is found in the whole text (the fuzz below is not vacuous)', () => {
    for (const text of texts) expect(redact(text, scan(text)).text).not.toBe(text);
    const whole = texts.join('\n');
    for (const secret of secrets) expect(redact(whole, scan(whole)).text.includes(secret), secret).toBe(false);
  });

  it.each(texts.map((text, i) => [i, text]))('text %i: every 2-way split', (_, text) => {
    for (let i = 0; i <= text.length; i++) expectSafe(text, [text.slice(0, i), text.slice(i)], HOLD_BACK);
  });

  it('every 3-way split of the compact text', () => {
    for (let i = 0; i <= compact.length; i++) {
      for (let j = i; j <= compact.length; j++) {
        expectSafe(compact, [compact.slice(0, i), compact.slice(i, j), compact.slice(j)], HOLD_BACK);
      }
    }
  });

  it.each(texts.map((text, i) => [i, text]))('text %i: 3-way splits with short middles', (_, text) => {
    for (let i = 0; i <= text.length; i++) {
      for (const width of [1, 2, 3, 5, 8, 13, 21, 34]) {
        const j = Math.min(text.length, i + width);
        expectSafe(text, [text.slice(0, i), text.slice(i, j), text.slice(j)], HOLD_BACK);
      }
    }
  });

  it.each(texts.map((text, i) => [i, text]))('text %i: seeded random multi-chunk splits', (i, text) => {
    const next = random(1000 + Number(i));
    for (let round = 0; round < 200; round++) {
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const size = 1 + Math.floor(next() * (round % 2 ? 6 : 40));
        chunks.push(text.slice(at, at + size));
        at += size;
      }
      expectSafe(text, chunks, HOLD_BACK);
    }
  });

  it('with the default hold-back: nothing before 512 characters, then the exact redaction', () => {
    const whole = `${'Some prose before the data. '.repeat(20)}${texts.join('\n')}${' More prose after.'.repeat(30)}`;
    const guard = createStreamGuard(scan);
    const pieces: string[] = [];
    for (let at = 0; at < whole.length; at += 7) {
      pieces.push(guard.push(whole.slice(at, at + 7)));
      if (at + 7 <= DEFAULT_HOLD_BACK) expect(pieces.join('')).toBe('');
    }
    pieces.push(guard.end());
    const expected = redact(whole, scan(whole));
    expect(pieces.join('')).toBe(expected.text);
    expect(pieces.slice(0, -1).join('').length).toBeGreaterThan(0);
    expect(guard.redactions).toEqual(expected.redactions);
    expectSafe(whole, whole.match(/[\s\S]{1,13}/g) ?? []);
  });

  it('stops releasing at a blocking span', () => {
    const key = secretFixtures['secret:openai'];
    const guard = createStreamGuard(scan, {
      holdBack: 16,
      block: (span: Span) => span.kind.startsWith('secret:'),
    });
    const prose = 'This reply is long enough to release some text. ';
    const first = guard.push(prose);
    expect(first.length).toBeGreaterThan(0);
    expect(guard.blocked).toBe(false);
    expect(guard.push(`Here is the key: ${key}`)).toBe('');
    expect(guard.blocked).toBe(true);
    expect(guard.push(' and more text after it')).toBe('');
    expect(guard.end()).toBe('');
    expect(prose.startsWith(first)).toBe(true);
  });

  it('refuses a push after end', () => {
    const guard = createStreamGuard(scan);
    expect(guard.end()).toBe('');
    expect(() => guard.push('x')).toThrow();
  });
});
