// A policy in force, compiled once per cached policy: the span-finding checks of each side (input, output) with
// their modes and keys, blocked patterns compiled with RE2. A scan reads one normalization of a text and reports
// every match tagged with its check, in raw coordinates; what to do with a match is the mode of its check.

import { type NormalizedText, normalize, toRawRange } from './normalize';
import { findPii, piiTail } from './pii';
import { compilePattern, type EffectivePolicy, type GuardMode } from './policy';
import { redact } from './redact';
import { findSecrets, secretTail } from './secrets';
import type { Span } from './span';
import { DEFAULT_HOLD_BACK } from './stream-guard';
import { findToxicity, toxicityTail } from './toxicity';

export type GuardrailKey =
  | 'input.maxLength'
  | 'input.pii'
  | 'input.injection'
  | 'input.blockedPatterns'
  | 'output.maxLength'
  | 'output.pii'
  | 'output.secrets'
  | 'output.toxicity'
  | 'output.blockedPatterns'
  | 'execution.maxDurationMs'
  | 'execution.maxToolCalls'
  | 'execution.maxCostUsd'
  | 'scan.error';

export interface Check {
  key: GuardrailKey;
  mode: GuardMode;
  /** The detector's name as events record it (`pii`, `secrets`, `toxicity`, `pattern:<label>`). */
  detector: string;
  find: (n: NormalizedText) => Span[];
  /** How many trailing characters of a streamed text could still become a match (stream-guard.ts holds them). */
  tail: (raw: string) => number;
}

/** A match: the span (raw coordinates) and the check that found it. */
export interface Match {
  span: Span;
  check: Check;
}

export interface CompiledPolicy {
  policy: EffectivePolicy;
  /** The saved versions in force (0: the organization has saved none and the default applies; null: no agent policy). */
  versions: { organization: number; agent: number | null };
  input: Check[];
  output: Check[];
  /** Every pattern of either side, redacted from event snippets whatever its mode. */
  snippetChecks: Check[];
}

function patternChecks(side: 'input' | 'output', policy: EffectivePolicy): Check[] {
  return policy[side].blockedPatterns.map((p) => {
    const re = compilePattern(p);
    // A literal's raw text is at most about twice its length (invisible characters between its letters).
    const tail = p.regex ? DEFAULT_HOLD_BACK : Math.min(DEFAULT_HOLD_BACK, 2 * p.pattern.length + 8);
    const kind = p.label ? `pattern:${p.label}` : 'pattern';
    return {
      key: `${side}.blockedPatterns`,
      mode: p.action,
      detector: kind,
      tail: () => tail,
      find: (n) => {
        const spans: Span[] = [];
        const m = re.matcher(n.text);
        while (m.find()) if (m.end() > m.start()) spans.push({ kind, ...toRawRange(n, m.start(), m.end()) });
        return spans;
      },
    } satisfies Check;
  });
}

const on = (checks: Check[]) => checks.filter((c) => c.mode !== 'off');

export function compilePolicy(policy: EffectivePolicy, versions: CompiledPolicy['versions']): CompiledPolicy {
  const pii = (key: GuardrailKey, mode: GuardMode): Check => ({
    key,
    mode,
    detector: 'pii',
    find: findPii,
    tail: piiTail,
  });
  const input = on([pii('input.pii', policy.input.pii), ...patternChecks('input', policy)]);
  const output = on([
    { key: 'output.secrets', mode: policy.output.secrets, detector: 'secrets', find: findSecrets, tail: secretTail },
    pii('output.pii', policy.output.pii),
    {
      key: 'output.toxicity',
      mode: policy.output.toxicity,
      detector: 'toxicity',
      find: findToxicity,
      tail: toxicityTail,
    },
    ...patternChecks('output', policy),
  ]);
  const snippetChecks = [
    { key: 'output.secrets', mode: 'redact', detector: 'secrets', find: findSecrets, tail: secretTail },
    pii('output.pii', 'redact'),
    ...patternChecks('input', policy),
    ...patternChecks('output', policy),
  ] satisfies Check[];
  return { policy, versions, input, output, snippetChecks };
}

/** Every match of `checks` in `text`, from one normalization. */
export function scan(checks: readonly Check[], text: string): Match[] {
  if (!checks.length || !text) return [];
  const n = normalize(text);
  const matches: Match[] = [];
  for (const check of checks) for (const span of check.find(n)) matches.push({ span, check });
  return matches;
}

const SNIPPET_CONTEXT = 40;
const SNIPPET_MAX = 300;

/**
 * What an event may show of `text` around [start, end): a little context, with every secret, piece of personal data
 * and pattern match in it redacted (and [start, end) itself when `hideMatch`), so a snippet never holds what the
 * guard exists to keep out.
 */
export function snippet(
  compiled: CompiledPolicy,
  text: string,
  at: { start: number; end: number; kind?: string },
): string {
  const from = Math.max(0, at.start - SNIPPET_CONTEXT);
  const to = Math.min(text.length, at.end + SNIPPET_CONTEXT, from + SNIPPET_MAX);
  const window = text.slice(from, to);
  const spans = scan(compiled.snippetChecks, window).map((m) => m.span);
  if (at.kind) spans.push({ kind: at.kind, start: at.start - from, end: Math.min(at.end, to) - from });
  return `${from > 0 ? '…' : ''}${redact(window, spans).text}${to < text.length ? '…' : ''}`;
}
