// findSecrets: each provider's credential shape at the right raw span (also when split by invisible characters), and
// look-alikes left alone: too short, no digits, JWT-shaped text without `alg`, public keys.
import { describe, expect, it } from 'vitest';
import { findSecrets, type SecretKind } from './secrets';
import { secretFixtures } from './test-fixtures';

const found = (text: string) => findSecrets(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('findSecrets', () => {
  it.each(Object.entries(secretFixtures) as [SecretKind, string][])('finds %s', (kind, secret) => {
    expect(found(`token: ${secret}\nnext line`)).toEqual([`${kind}:${secret}`]);
    expect(found(`"${secret}"`)).toEqual([`${kind}:${secret}`]);
  });

  it('finds the other documented shapes', () => {
    const shapes: [SecretKind, string][] = [
      ['secret:openai', `sk-${'A1b2C3d4E5f6G7h8I9j0'.repeat(2)}`],
      ['secret:stripe', `rk_${'test'}_${'51Hx9'.repeat(5)}`],
      ['secret:aws-access-key', `AS${'IA'}ABCDEFGHIJ234567`],
      ['secret:github', `github_${'pat'}_11ABCDEFG0${'x1Y2z3'.repeat(10)}`],
      ['secret:jwt', `${b64url({ alg: 'none' })}.${b64url({ sub: 1 })}.`],
      [
        'secret:private-key',
        `-----BEGIN ${'RSA PRIVATE'} KEY-----\nMIIBOgIBAAJBAKj34Gkx\n-----END RSA PRIVATE KEY-----`,
      ],
    ];
    for (const [kind, secret] of shapes) expect(found(`x ${secret} y`), secret).toEqual([`${kind}:${secret}`]);
  });

  it('reports an unterminated private key block up to the end of its body (to the end of a text that ends in it)', () => {
    const text = `-----BEGIN ${'EC PRIVATE'} KEY-----\nMHcCAQEEIBk3\nMHcCAQEE`;
    expect(found(`${text}\n\n`)).toEqual([`secret:private-key:${text}\n\n`]);
    expect(found(`${text}\n\n!`)).toEqual([`secret:private-key:${text}`]);
  });

  it('leaves look-alikes alone', () => {
    const texts = [
      'use sk-learn-compatible-estimator-api for this',
      'sk-short1 and sk_live_short',
      'AKIA1234 and AKIAIOSFODNN7EXAMPL and xAKIAIOSFODNN7EXAMPLE',
      'ghp_tooShort123 and gho_',
      'AIza-too-short',
      'xoxb-no-digits-here',
      `${b64url({ typ: 'JWT' })}.${b64url({ sub: 1 })}.abc`,
      'eyJub3QganNvbg.eyJzdWIiOjF9.sig',
      `-----BEGIN ${'PUBLIC'} KEY-----\nMIIBIjANBgkqhkiG9w0B\n-----END PUBLIC KEY-----`,
    ];
    for (const text of texts) expect(found(text), text).toEqual([]);
  });

  it('finds a secret split by zero-width characters, at the raw span', () => {
    const key = secretFixtures['secret:github'];
    const hidden = `${key.slice(0, 6)}\u200B${key.slice(6, 20)}\uFEFF${key.slice(20)}`;
    expect(found(`my token ${hidden}.`)).toEqual([`secret:github:${hidden}`]);
  });

  it('returns on 100 KB of adversarial input', () => {
    const inputs = [
      'sk-'.repeat(33_000),
      `sk-${'a'.repeat(100_000)}`,
      'eyJ'.repeat(33_000),
      `eyJ${'A'.repeat(100_000)}.`,
      `-----BEGIN ${'PRIVATE'} KEY-----`.repeat(3_500),
      `-----BEGIN ${'A '.repeat(50_000)}`,
      `-----BEGIN ${'PRIVATE'} KEY-----${'A'.repeat(100_000)}`,
      'AKIA'.repeat(25_000),
    ];
    for (const input of inputs) expect(Array.isArray(findSecrets(input))).toBe(true);
  });
});
