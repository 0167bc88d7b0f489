// The guardrail checks as the policy editor shows them: each policy field by its path in configJson, in groups, with
// what it does (only what the run guard really does), its choices from least to most strict, or its limit's unit.
import type { EffectivePolicy, GuardrailConfig } from '@/lib/types';
import { formatNumber, formatUsd } from '@/lib/utils';

type Section = 'input' | 'output' | 'execution';
type Leaf<T, S extends Section> = { [K in S]: `${K}.${keyof NonNullable<T[K & keyof T]> & string}` }[S];
/** A field of a saved policy by its path in configJson: `input.pii`, `execution.maxCostUsd`, `alerts`. */
export type PolicyPath = Leaf<GuardrailConfig, Section> | 'alerts' | 'onScanError';
/** What an event names as the guardrail that acted: a field of the policy in force, or a scan that failed. */
export type GuardrailKey = Leaf<EffectivePolicy, Section> | 'scan.error';
export type GuardMode = EffectivePolicy['input']['pii'];
export type BlockedPattern = NonNullable<NonNullable<GuardrailConfig['input']>['blockedPatterns']>[number];

export interface Choice {
  value: string;
  label: string;
}
interface CheckBase<P extends PolicyPath> {
  path: P;
  label: string;
  help: string;
}
/** A field with a few values, least strict first; `unset` is what the organization's policy means without it. */
export interface ChoiceCheck extends CheckBase<PolicyPath> {
  kind: 'choice';
  options: readonly Choice[];
  unset: string;
}
/** A number limit (none when unset); the stricter of two is the lower. */
export interface LimitCheck extends CheckBase<PolicyPath> {
  kind: 'limit';
  integer: boolean;
  min: number;
  max: number;
  format: (value: number) => string;
}
export interface PatternsCheck extends CheckBase<'input.blockedPatterns' | 'output.blockedPatterns'> {
  kind: 'patterns';
}
export type Check = ChoiceCheck | LimitCheck | PatternsCheck;

const modeChoice = (value: GuardMode, label: string): Choice => ({ value, label });
const off = modeChoice('off', 'Off');
const flag = modeChoice('flag', 'Flag');
const redact = modeChoice('redact', 'Redact');
const block = modeChoice('block', 'Block');
const modes = [off, flag, redact, block];

const modeCheck = (path: PolicyPath, label: string, help: string, options: readonly Choice[] = modes): ChoiceCheck => ({
  kind: 'choice',
  path,
  label,
  help,
  options,
  unset: 'off',
});
const characters = (n: number) => `${formatNumber(n)} characters`;
const PII = 'Emails, phone numbers, card numbers (Luhn-checked), IBANs, US SSNs and UK NI numbers';

export interface CheckGroup {
  id: Section | 'handling';
  title: string;
  description: string;
  checks: Check[];
}

export const checkGroups: CheckGroup[] = [
  {
    id: 'input',
    title: 'Input',
    description: "Checked before the model, memory and the stored run see the user's message.",
    checks: [
      {
        kind: 'limit',
        path: 'input.maxLength',
        label: 'Maximum length',
        help: 'Refuses the run when the input is longer than this many characters.',
        integer: true,
        min: 1,
        max: 1_000_000,
        format: characters,
      },
      modeCheck('input.pii', 'Personal data (PII)', `${PII}.`),
      modeCheck(
        'input.injection',
        'Prompt injection',
        'Heuristics for attempts to override the instructions, also when hidden with zero-width characters or in base64 or hex. Nothing to redact: flag or block.',
        [off, flag, block],
      ),
      {
        kind: 'patterns',
        path: 'input.blockedPatterns',
        label: 'Blocked patterns',
        help: 'Phrases or RE2 regular expressions, each with its own action.',
      },
    ],
  },
  {
    id: 'output',
    title: 'Output',
    description:
      'Checked on the answer before it is stored or sent. On a stream, a hold-back buffer redacts or withholds a match before any of it is sent.',
    checks: [
      {
        kind: 'limit',
        path: 'output.maxLength',
        label: 'Maximum length',
        help: 'Cuts the answer at this many characters.',
        integer: true,
        min: 1,
        max: 1_000_000,
        format: characters,
      },
      modeCheck('output.pii', 'Personal data (PII)', `${PII} in the answer.`),
      modeCheck('output.secrets', 'Secrets', 'Provider API keys and tokens, JWTs and private keys in the answer.'),
      modeCheck(
        'output.toxicity',
        'Toxicity',
        'Profanity and slurs from a word list, and threat phrases: local rules, no model is asked.',
      ),
      {
        kind: 'patterns',
        path: 'output.blockedPatterns',
        label: 'Blocked patterns',
        help: 'Phrases or RE2 regular expressions, each with its own action.',
      },
    ],
  },
  {
    id: 'execution',
    title: 'Execution',
    description: 'Limits that stop the run (BLOCKED) when it passes them.',
    checks: [
      {
        kind: 'limit',
        path: 'execution.maxDurationMs',
        label: 'Maximum duration',
        help: 'Milliseconds from the start of the run, 100 to 3,600,000.',
        integer: true,
        min: 100,
        max: 3_600_000,
        format: (n) => `${formatNumber(n)} ms`,
      },
      {
        kind: 'limit',
        path: 'execution.maxToolCalls',
        label: 'Maximum tool calls',
        help: 'A call past the limit is not made, and the run stops. 0 to 1,000.',
        integer: true,
        min: 0,
        max: 1000,
        format: (n) => `${formatNumber(n)} calls`,
      },
      {
        kind: 'limit',
        path: 'execution.maxCostUsd',
        label: 'Maximum cost (USD)',
        help: "Checked after each model step against the run's cost so far.",
        integer: false,
        min: 0,
        max: 100_000,
        format: formatUsd,
      },
    ],
  },
  {
    id: 'handling',
    title: 'Alerts and failures',
    description: 'What a guardrail event raises, and what happens when a scan itself fails.',
    checks: [
      {
        kind: 'choice',
        path: 'alerts',
        label: 'Alerts',
        help: 'Which events raise a guardrail alert (the Alerts page and its destinations).',
        options: [
          { value: 'off', label: 'None' },
          { value: 'blocked', label: 'Blocks only' },
          { value: 'all', label: 'Every event' },
        ],
        unset: 'blocked',
      },
      {
        kind: 'choice',
        path: 'onScanError',
        label: 'When a scan fails',
        help: 'Block refuses the run (fail closed); allow lets it through unscanned and flags it.',
        options: [
          { value: 'allow', label: 'Allow' },
          { value: 'block', label: 'Block' },
        ],
        unset: 'block',
      },
    ],
  },
];

/** The value at `path` ("input.pii") of a policy, or undefined. */
export function valueAt(policy: object | null | undefined, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], policy ?? undefined);
}

/** The label of a choice's value, the value itself when unknown. */
export const choiceLabel = (check: ChoiceCheck, value: string) =>
  check.options.find((o) => o.value === value)?.label ?? value;

/** The options no less strict than `floor` (all when it is not one of them). */
export function atLeast(check: ChoiceCheck, floor: string): readonly Choice[] {
  const from = check.options.findIndex((o) => o.value === floor);
  return from < 0 ? check.options : check.options.slice(from);
}
