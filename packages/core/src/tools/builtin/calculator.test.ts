// calculator: arithmetic is evaluated; code, assignments, accessors, strings and other non-arithmetic are refused.
import type { Db } from '@trellis/db';
import { describe, expect, it, vi } from 'vitest';
import type { ToolContext } from '../types';
import { calculate, calculatorTool, UnsafeExpressionError } from './calculator';

const ctx: ToolContext = {
  db: {} as Db,
  tenantId: 'org-calc',
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
};

const run = (expression: string) =>
  calculatorTool.execute(calculatorTool.inputSchema.parse({ expression }), ctx) as Promise<{
    expression: string;
    result?: number;
    error?: string;
  }>;

describe('calculate', () => {
  it.each([
    ['2 + 3', 5],
    ['7 - 10', -3],
    ['6 * 7', 42],
    ['12 * 7', 84],
    ['9 / 4', 2.25],
    ['2 ^ 10', 1024],
    ['7 % 3', 1],
    ['-(4 + 1)', -5],
  ])('evaluates arithmetic %s = %d', (expression, expected) => {
    expect(calculate(expression)).toBe(expected);
  });

  it('applies operator precedence and parentheses', () => {
    expect(calculate('2 + 3 * 4')).toBe(14);
    expect(calculate('(2 + 3) * 4')).toBe(20);
    expect(calculate('2 * 3 ^ 2')).toBe(18);
    expect(calculate('100 / 10 / 5')).toBe(2);
    expect(calculate('2 - 3 - 4')).toBe(-5);
  });

  it('evaluates whitelisted functions', () => {
    expect(calculate('sqrt(16)')).toBe(4);
    expect(calculate('(12.5 * 4) / sqrt(16)')).toBe(12.5);
    expect(calculate('round(2.567, 2)')).toBe(2.57);
    expect(calculate('round(2.5)')).toBe(3);
    expect(calculate('min(3, 1, 2)')).toBe(1);
    expect(calculate('max(3, 1, 2)')).toBe(3);
    expect(calculate('abs(-7)')).toBe(7);
    expect(calculate('factorial(5)')).toBe(120);
    expect(calculate('log10(1000)')).toBe(3);
    expect(calculate('ln(e)')).toBe(1);
  });

  it('reads percent as a hundredth', () => {
    expect(calculate('10% * 200')).toBe(20);
    expect(calculate('25%')).toBe(0.25);
  });

  it('knows the constants pi, e, tau and phi', () => {
    expect(calculate('pi')).toBe(Math.PI);
    expect(calculate('e')).toBe(Math.E);
    expect(calculate('tau')).toBe(2 * Math.PI);
    expect(calculate('phi')).toBeCloseTo(1.6180339887, 9);
    expect(calculate('2 * pi')).toBe(2 * Math.PI);
  });

  it.each([
    'process.exit()',
    'require("fs")',
    'import("fs")',
    'constructor',
    'a = 5',
    'f(x) = x',
    '[1,2][0]',
    'x.y',
    '"abc"',
    'evaluate("1+1")',
    'parse("1")',
    'createUnit("x")',
    'import({}, {})',
    '1 ? 2 : 3',
    'true',
    '2 cm',
    'Infinity',
  ])('refuses %s with UnsafeExpressionError', (expression) => {
    expect(() => calculate(expression)).toThrow(UnsafeExpressionError);
  });

  it('names the offending construct', () => {
    expect(() => calculate('require(1)')).toThrow("'require' is not an allowed function");
    expect(() => calculate('constructor')).toThrow("'constructor' is not an allowed constant");
    expect(() => calculate('"abc"')).toThrow('only numbers are allowed');
    expect(() => calculate('a = 5')).toThrow('is not arithmetic');
  });

  it('refuses results that are not finite numbers', () => {
    expect(() => calculate('1 / 0')).toThrow(new UnsafeExpressionError('the result is not a finite number'));
    expect(() => calculate('0 / 0')).toThrow(UnsafeExpressionError);
    expect(() => calculate('sqrt(-1)')).toThrow(UnsafeExpressionError);
  });

  it('turns evaluation failures of allowed syntax into UnsafeExpressionError', () => {
    expect(() => calculate('1 to 2')).toThrow(UnsafeExpressionError);
    expect(() => calculate('round(pi, 1e9)')).toThrow(UnsafeExpressionError);
    expect(() => calculate('sqrt(1, 2)')).toThrow(UnsafeExpressionError);
  });

  it('does not use eval or the Function constructor', () => {
    const evalSpy = vi.spyOn(globalThis, 'eval');
    const RealFunction = globalThis.Function;
    let functionUsed = false;
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args) {
        functionUsed = true;
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        functionUsed = true;
        return Reflect.apply(target, self, args);
      },
    });
    try {
      expect(calculate('(1 + 2) * sqrt(16) - max(1, 2)')).toBe(10);
    } finally {
      globalThis.Function = RealFunction;
      evalSpy.mockRestore();
    }
    expect(evalSpy).not.toHaveBeenCalled();
    expect(functionUsed).toBe(false);
  });
});

describe('calculator tool', () => {
  it('returns the expression and its result', async () => {
    await expect(run('12*7')).resolves.toEqual({ expression: '12*7', result: 84 });
    await expect(run('10% * 200')).resolves.toEqual({ expression: '10% * 200', result: 20 });
  });

  it.each([
    'process.exit()',
    'require("fs")',
    'import("fs")',
    'constructor',
    'a = 5',
    'f(x) = x',
    '[1,2][0]',
    'x.y',
    '"abc"',
    'evaluate("1+1")',
    'parse("1")',
    'createUnit("x")',
    'import({}, {})',
    '1 ? 2 : 3',
    '1 to 2',
  ])('returns { error } for %s instead of a result', async (expression) => {
    const out = await run(expression);
    expect(out.expression).toBe(expression);
    expect(out.error).toEqual(expect.any(String));
    expect(out).not.toHaveProperty('result');
  });

  it('reports division by zero as a non-finite result', async () => {
    const out = await run('1/0');
    expect(out).toEqual({ expression: '1/0', error: 'the result is not a finite number' });
  });

  it('its schema refuses expressions longer than 500 characters and empty ones', () => {
    const at = `1${'+1'.repeat(249)}1`.slice(0, 500);
    expect(at).toHaveLength(500);
    expect(calculatorTool.inputSchema.safeParse({ expression: at }).success).toBe(true);
    const over = `${at}1`;
    expect(over).toHaveLength(501);
    const parsed = calculatorTool.inputSchema.safeParse({ expression: over });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ code: 'too_big', path: ['expression'] });
    expect(calculatorTool.inputSchema.safeParse({ expression: '' }).success).toBe(false);
  });
});
