// The auth secret: the configured one wins; otherwise one is generated once, kept owner-only and reused.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authSecret } from './secret';

describe('authSecret', () => {
  it('uses the configured secret and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    expect(authSecret('configured-secret-configured-secret', dir)).toBe('configured-secret-configured-secret');
    expect(() => statSync(join(dir, 'auth-secret'))).toThrow();
  });

  it('generates a strong secret once, owner-only, and returns the same one after a restart', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'secret-')), 'nested');
    const first = authSecret(undefined, dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'auth-secret'), 'utf8').trim()).toBe(first);
    expect(authSecret(undefined, dir)).toBe(first);
  });
});
