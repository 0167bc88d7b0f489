// calculator: evaluates arithmetic with mathjs after checking the parsed expression holds only numbers,
// operators, parentheses, whitelisted functions and constants — never assignments, accessors, strings or code.
import { createRequire } from 'node:module';
import type { MathJsInstance, MathNode } from 'mathjs';
import { z } from 'zod';
import { defineTool } from '../types';

let mathjs: MathJsInstance | undefined;
/** mathjs on first use, from its single-file build: its ES modules are ~1,000 files (≈1 s and 30 MB at start). */
function math(): MathJsInstance {
  if (!mathjs) {
    const { create, all } = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as typeof import('mathjs');
    mathjs = create(all);
  }
  return mathjs;
}
const allowedFunctions = new Set([
  'abs',
  'sqrt',
  'cbrt',
  'pow',
  'exp',
  'log',
  'log10',
  'log2',
  'ln',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'round',
  'floor',
  'ceil',
  'min',
  'max',
  'mean',
  'median',
  'sum',
  'mod',
  'factorial',
  'gcd',
  'lcm',
]);
const allowedConstants = new Set(['pi', 'e', 'tau', 'phi']);
const allowedNodeTypes = new Set(['ConstantNode', 'OperatorNode', 'ParenthesisNode', 'FunctionNode', 'SymbolNode']);

export class UnsafeExpressionError extends Error {}

function check(node: MathNode): void {
  node.traverse((n, _path, parent) => {
    if (!allowedNodeTypes.has(n.type)) throw new UnsafeExpressionError(`'${n.toString()}' is not arithmetic`);
    if (n.type === 'ConstantNode' && typeof (n as unknown as { value: unknown }).value !== 'number') {
      throw new UnsafeExpressionError('only numbers are allowed');
    }
    if (n.type === 'SymbolNode') {
      const name = (n as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n;
      if (isCallee ? !allowedFunctions.has(name) : !allowedConstants.has(name)) {
        throw new UnsafeExpressionError(`'${name}' is not an allowed ${isCallee ? 'function' : 'constant'}`);
      }
    }
  });
}

/** Evaluates `expression` (at most 500 characters); throws UnsafeExpressionError for anything but arithmetic. */
export function calculate(expression: string): number {
  const source = expression.replace(/\bln\(/g, 'log(');
  let node: MathNode;
  try {
    node = math().parse(source);
  } catch (e) {
    throw new UnsafeExpressionError(`cannot parse expression: ${(e as Error).message}`);
  }
  check(node);
  let value: unknown;
  try {
    value = node.compile().evaluate({});
  } catch (e) {
    throw new UnsafeExpressionError(`cannot evaluate expression: ${(e as Error).message}`);
  }
  const result = typeof value === 'number' ? value : Number((value as { valueOf?: () => unknown })?.valueOf?.());
  if (!Number.isFinite(result)) throw new UnsafeExpressionError('the result is not a finite number');
  return result;
}

export const calculatorTool = defineTool({
  id: 'calculator',
  description:
    'Evaluate an arithmetic expression: + - * / ^ %, parentheses, and functions such as sqrt, log, sin, round, min, max.',
  category: 'core',
  inputSchema: z.object({
    expression: z.string().min(1).max(500).describe('The expression, e.g. "(12.5 * 4) / sqrt(16)"'),
  }),
  async execute({ expression }) {
    try {
      return { expression, result: calculate(expression) };
    } catch (e) {
      if (e instanceof UnsafeExpressionError) return { expression, error: e.message };
      throw e;
    }
  },
});
