// Guardrail policies: validation, the stricter-of-both policy in force, and what counts as loosening.
import { describe, expect, it } from 'vitest';
import { effectivePolicy, guardrailConfigSchema, guardsAnything, loosenings } from './policy';

describe('guardrail policy', () => {
  it('takes the stricter of the organization and the agent on every check', () => {
    const p = effectivePolicy(
      {
        input: {
          pii: 'redact',
          maxLength: 1000,
          blockedPatterns: [{ pattern: 'x', regex: false, caseSensitive: false, action: 'flag' }],
        },
        output: { secrets: 'block' },
        execution: { maxToolCalls: 5 },
        alerts: 'all',
      },
      {
        input: {
          pii: 'flag',
          maxLength: 2000,
          injection: 'block',
          blockedPatterns: [
            { pattern: 'x', regex: false, caseSensitive: false, action: 'block' },
            { pattern: 'y', regex: false, caseSensitive: false, action: 'redact' },
          ],
        },
        output: { secrets: 'redact', toxicity: 'flag', maxLength: 10 },
        execution: { maxToolCalls: 9, maxCostUsd: 1 },
        alerts: 'off',
        onScanError: 'allow',
      },
    );
    expect(p.input).toMatchObject({ pii: 'redact', maxLength: 1000, injection: 'block' });
    expect(p.input.blockedPatterns.map((b) => [b.pattern, b.action])).toEqual([
      ['x', 'block'],
      ['y', 'redact'],
    ]);
    expect(p.output).toMatchObject({ secrets: 'block', toxicity: 'flag', pii: 'off', maxLength: 10 });
    expect(p.execution).toEqual({ maxToolCalls: 5, maxCostUsd: 1, maxDurationMs: undefined });
    expect(p.alerts).toBe('all');
    // Fail-open only when both allow it.
    expect(p.onScanError).toBe('block');
    expect(effectivePolicy({ onScanError: 'allow' }, { onScanError: 'allow' }).onScanError).toBe('allow');
  });

  it('names each field where an agent asks for less than the organization', () => {
    const org = {
      input: { pii: 'redact' as const, maxLength: 100 },
      execution: { maxCostUsd: 1 },
      alerts: 'all' as const,
    };
    expect(loosenings(org, { input: { pii: 'block', maxLength: 50 }, execution: { maxCostUsd: 0.5 } })).toEqual([]);
    expect(
      loosenings(org, {
        input: { pii: 'flag', maxLength: 500 },
        execution: { maxCostUsd: 2 },
        alerts: 'blocked',
        onScanError: 'allow',
      }).map((l) => l.path.join('.')),
    ).toEqual(['input.maxLength', 'input.pii', 'execution.maxCostUsd', 'alerts', 'onScanError']);
  });

  it('refuses unknown fields, bad modes and patterns RE2 cannot run in linear time', () => {
    expect(guardrailConfigSchema.safeParse({ output: { pii: 'redact' } }).success).toBe(true);
    expect(guardrailConfigSchema.safeParse({ output: { sentiment: 'block' } }).success).toBe(false);
    expect(guardrailConfigSchema.safeParse({ input: { injection: 'redact' } }).success).toBe(false);
    const pattern = (p: string) =>
      guardrailConfigSchema.safeParse({ input: { blockedPatterns: [{ pattern: p, regex: true }] } }).success;
    expect(pattern('acct-\\d{6}')).toBe(true);
    expect(pattern('(?<=x)y')).toBe(false); // lookbehind
    expect(pattern('(a)\\1')).toBe(false); // backreference
    expect(pattern('x?')).toBe(false); // matches the empty text
    expect(pattern('(a|aa)+$')).toBe(true); // catastrophic for backtracking engines, linear in RE2
  });

  it('knows when a policy checks nothing', () => {
    expect(guardsAnything(effectivePolicy({}, null))).toBe(false);
    expect(guardsAnything(effectivePolicy({}, { execution: { maxToolCalls: 3 } }))).toBe(true);
  });
});
