// redactSecrets: every SPEC §11 name in any spelling, at any depth, inside arrays, without false positives, without
// touching the input, and safe for what JSON serialization would reach (toJSON, class instances, cycles).
import { describe, expect, it } from 'vitest';
import { CIRCULAR, isSensitiveKey, REDACTED, redactSecrets, sensitiveKeys } from './redact';

describe('isSensitiveKey', () => {
  it('matches each SPEC §11 name in any case and separator style', () => {
    for (const key of sensitiveKeys) {
      for (const variant of [key, key.toUpperCase(), key.toLowerCase()])
        expect(isSensitiveKey(variant), variant).toBe(true);
    }
    for (const key of [
      'ApiKey',
      'API_KEY',
      'api-key',
      'Api Key',
      'x-api-key',
      'Authorization',
      'ACCESS-TOKEN',
      'accessToken',
    ])
      expect(isSensitiveKey(key), key).toBe(true);
  });

  it('matches a sensitive name as the last word of a longer key', () => {
    for (const key of ['clientSecret', 'client_secret', 'refresh_token', 'sessionToken', 'newPassword', 'openaiApiKey'])
      expect(isSensitiveKey(key), key).toBe(true);
  });

  it('leaves keys that only contain a sensitive word', () => {
    for (const key of [
      'maxTokens',
      'promptTokens',
      'tokens',
      'tokenizer',
      'secretHint',
      'passwordPolicy',
      'authorName',
      'key',
      'name',
    ])
      expect(isSensitiveKey(key), key).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('redacts every sensitive key at the top level and keeps the rest', () => {
    const input = {
      password: 'hunter2',
      apiKey: 'sk-1',
      api_key: 'sk-2',
      token: 't',
      secret: 's',
      authorization: 'Bearer abc',
      access_token: 'at',
      name: 'Ada',
      maxTokens: 100,
    };
    expect(redactSecrets(input)).toEqual({
      password: REDACTED,
      apiKey: REDACTED,
      api_key: REDACTED,
      token: REDACTED,
      secret: REDACTED,
      authorization: REDACTED,
      access_token: REDACTED,
      name: 'Ada',
      maxTokens: 100,
    });
  });

  it('redacts at any depth, inside arrays and arrays of arrays', () => {
    let deep: Record<string, unknown> = { TOKEN: 'deepest', keep: 1 };
    for (let i = 0; i < 200; i++) deep = { level: i, child: deep };
    const out = redactSecrets({ a: [{ b: { Authorization: 'Bearer x' } }, [[{ ApiKey: 'k' }]]], deep });
    expect(out.a).toEqual([{ b: { Authorization: REDACTED } }, [[{ ApiKey: REDACTED }]]]);
    let node = out.deep as Record<string, unknown>;
    while (node.child) node = node.child as Record<string, unknown>;
    expect(node).toEqual({ TOKEN: REDACTED, keep: 1 });
  });

  it('redacts a whole subtree under a sensitive key, whatever the value type', () => {
    expect(
      redactSecrets({ secret: { nested: 'x' }, token: ['a', 'b'], password: 0, apiKey: false, access_token: '' }),
    ).toEqual({ secret: REDACTED, token: REDACTED, password: REDACTED, apiKey: REDACTED, access_token: REDACTED });
  });

  it('keeps null and undefined under sensitive keys (nothing to hide, and absence stays visible)', () => {
    expect(redactSecrets({ apiKey: null, token: undefined })).toEqual({ apiKey: null, token: undefined });
  });

  it('returns primitives and null as they are', () => {
    for (const v of ['secret', 42, true, null, undefined, 10n]) expect(redactSecrets(v)).toBe(v);
  });

  it('never modifies its input', () => {
    const input = { headers: { authorization: 'Bearer abc' }, list: [{ password: 'p' }] };
    const copy = structuredClone(input);
    const out = redactSecrets(input);
    expect(input).toEqual(copy);
    expect(out).not.toBe(input);
    expect(out.headers).not.toBe(input.headers);
  });

  it('keeps Dates and shared (non-cyclic) references, and marks cycles', () => {
    const when = new Date('2026-01-02T03:04:05.678Z');
    const shared = { token: 'x', ok: 1 };
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = redactSecrets({ when, a: shared, b: shared, cyclic });
    expect(out.when).toBe(when);
    expect(out.a).toEqual({ token: REDACTED, ok: 1 });
    expect(out.b).toEqual({ token: REDACTED, ok: 1 });
    expect(out.cyclic).toEqual({ name: 'loop', self: CIRCULAR });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('covers what JSON would serialize: class instances and toJSON results', () => {
    class Credentials {
      user = 'ada';
      password = 'hunter2';
    }
    const withToJSON = { toJSON: () => ({ secret: 's', visible: true }) };
    const out = redactSecrets({ creds: new Credentials(), withToJSON });
    expect(out).toEqual({
      creds: { user: 'ada', password: REDACTED },
      withToJSON: { secret: REDACTED, visible: true },
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|"s"/);
  });

  it('treats a key named __proto__ as data', () => {
    const input = JSON.parse('{"__proto__": {"token": "x"}, "a": 1}');
    const out = redactSecrets(input);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"token":"[REDACTED]"},"a":1}');
  });

  it('leaves no sensitive value in a realistic payload', () => {
    const payload = {
      request: { headers: { 'X-Api-Key': 'trl_live_123', Authorization: 'Bearer eyJ' }, body: { q: 'hi' } },
      provider: { openai: { apiKey: 'sk-live-xyz', baseURL: 'https://api.openai.com' } },
      oauth: { access_token: 'ya29', refresh_token: 'rt-1', expires_in: 3600 },
      user: { email: 'a@b.c', password: 'hunter2' },
    };
    const json = JSON.stringify(redactSecrets(payload));
    for (const secret of ['trl_live_123', 'eyJ', 'sk-live-xyz', 'ya29', 'rt-1', 'hunter2'])
      expect(json).not.toContain(secret);
    for (const kept of ['https://api.openai.com', '3600', 'a@b.c', '"q":"hi"']) expect(json).toContain(kept);
  });
});
