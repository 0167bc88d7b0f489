// Guardrail policies: the configuration an agent or organization saves (`configJson`), validated field by field, and
// how the two combine. The organization's policy is inherited by every agent, which may only tighten it: the
// policy in force is the stricter of the two on every check. Every field here is enforced by the run guard
// (run-guard.ts); objects are strict, so a field that is not enforced is refused rather than saved and ignored.
import { RE2JS } from 're2js';
import { z } from 'zod';

/** What a check does with a match, least strict first. */
export const guardModes = ['off', 'flag', 'redact', 'block'] as const;
export type GuardMode = (typeof guardModes)[number];
const rank = (mode: GuardMode) => guardModes.indexOf(mode);

const anyMode = z.enum(guardModes);
/** Checks that find no span to replace (an injection attempt is refused or flagged, not rewritten). */
const noRedact = z.enum(['off', 'flag', 'block']);

const MAX_PATTERNS = 50;

/** Compiles a blocked pattern with RE2 semantics (linear time: no catastrophic backtracking is possible). */
export function compilePattern(p: { pattern: string; regex: boolean; caseSensitive: boolean }): RE2JS {
  const source = p.regex ? p.pattern : RE2JS.quote(p.pattern);
  return RE2JS.compile(source, p.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
}

const blockedPatternSchema = z
  .object({
    /** A literal phrase, or with `regex` an RE2 regular expression (no backreferences or lookaround). */
    pattern: z.string().min(1).max(500),
    regex: z.boolean().default(false),
    caseSensitive: z.boolean().default(false),
    action: z.enum(['flag', 'redact', 'block']).default('block'),
    /** Names the pattern in events and in the redaction marker (`[REDACTED:<label>]`); default `pattern`. */
    label: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _ (at most 40)')
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    try {
      const compiled = compilePattern(p);
      if (compiled.programSize() > 10_000)
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'is too complex (RE2 program over 10,000 steps)' });
      else if (compiled.matches(''))
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'matches the empty text' });
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a valid RE2 pattern: ${(e as Error).message}` });
    }
  });
export type BlockedPattern = z.output<typeof blockedPatternSchema>;

const alertRank = ['off', 'blocked', 'all'] as const;
const maxLength = z.number().int().min(1).max(1_000_000);
const patterns = z.array(blockedPatternSchema).max(MAX_PATTERNS);

export const guardrailConfigSchema = z
  .object({
    input: z
      .object({
        maxLength: maxLength.optional(),
        pii: anyMode.optional(),
        injection: noRedact.optional(),
        blockedPatterns: patterns.optional(),
      })
      .strict()
      .optional(),
    output: z
      .object({
        maxLength: maxLength.optional(),
        pii: anyMode.optional(),
        secrets: anyMode.optional(),
        toxicity: anyMode.optional(),
        blockedPatterns: patterns.optional(),
      })
      .strict()
      .optional(),
    execution: z
      .object({
        maxDurationMs: z.number().int().min(100).max(3_600_000).optional(),
        maxToolCalls: z.number().int().min(0).max(1000).optional(),
        maxCostUsd: z.number().positive().max(100_000).optional(),
      })
      .strict()
      .optional(),
    /** Which events raise a GUARDRAIL alert: none, blocks only (default), or every event. */
    alerts: z.enum(alertRank).optional(),
    /** When a scan itself fails: refuse the run (default, fail-closed) or let it through unscanned. */
    onScanError: z.enum(['block', 'allow']).optional(),
  })
  .strict();
export type GuardrailConfig = z.output<typeof guardrailConfigSchema>;

/** The organization's policy until one is saved: injection attempts flagged, secrets redacted from answers. */
export const defaultOrganizationPolicy: GuardrailConfig = {
  input: { injection: 'flag' },
  output: { secrets: 'redact' },
  alerts: 'blocked',
  onScanError: 'block',
};

/** A policy with every field resolved: what the run guard enforces. */
export const effectivePolicySchema = z.object({
  input: z.object({ maxLength: maxLength.optional(), pii: anyMode, injection: anyMode, blockedPatterns: patterns }),
  output: z.object({
    maxLength: maxLength.optional(),
    pii: anyMode,
    secrets: anyMode,
    toxicity: anyMode,
    blockedPatterns: patterns,
  }),
  execution: z.object({
    maxDurationMs: z.number().optional(),
    maxToolCalls: z.number().optional(),
    maxCostUsd: z.number().optional(),
  }),
  alerts: z.enum(alertRank),
  onScanError: z.enum(['block', 'allow']),
});
export type EffectivePolicy = z.output<typeof effectivePolicySchema>;

const stricter = (a: GuardMode | undefined, b: GuardMode | undefined): GuardMode =>
  rank(a ?? 'off') >= rank(b ?? 'off') ? (a ?? 'off') : (b ?? 'off');
const lower = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
const samePattern = (a: BlockedPattern, b: BlockedPattern) =>
  a.pattern === b.pattern && a.regex === b.regex && a.caseSensitive === b.caseSensitive;
function union(a: BlockedPattern[] = [], b: BlockedPattern[] = []): BlockedPattern[] {
  const merged = [...a];
  for (const p of b) {
    const i = merged.findIndex((m) => samePattern(m, p));
    if (i < 0) merged.push(p);
    else if (rank(p.action) > rank(merged[i].action)) merged[i] = { ...merged[i], action: p.action };
  }
  return merged;
}

/** The policy in force: on every check, the stricter of the organization's and the agent's. */
export function effectivePolicy(organization: GuardrailConfig, agent: GuardrailConfig | null): EffectivePolicy {
  const a = agent ?? {};
  const o = organization;
  return {
    input: {
      maxLength: lower(o.input?.maxLength, a.input?.maxLength),
      pii: stricter(o.input?.pii, a.input?.pii),
      injection: stricter(o.input?.injection, a.input?.injection),
      blockedPatterns: union(o.input?.blockedPatterns, a.input?.blockedPatterns),
    },
    output: {
      maxLength: lower(o.output?.maxLength, a.output?.maxLength),
      pii: stricter(o.output?.pii, a.output?.pii),
      secrets: stricter(o.output?.secrets, a.output?.secrets),
      toxicity: stricter(o.output?.toxicity, a.output?.toxicity),
      blockedPatterns: union(o.output?.blockedPatterns, a.output?.blockedPatterns),
    },
    execution: {
      maxDurationMs: lower(o.execution?.maxDurationMs, a.execution?.maxDurationMs),
      maxToolCalls: lower(o.execution?.maxToolCalls, a.execution?.maxToolCalls),
      maxCostUsd: lower(o.execution?.maxCostUsd, a.execution?.maxCostUsd),
    },
    alerts: alertRank[Math.max(alertRank.indexOf(o.alerts ?? 'blocked'), alertRank.indexOf(a.alerts ?? 'off'))],
    onScanError: o.onScanError === 'allow' && (a.onScanError ?? 'allow') === 'allow' ? 'allow' : 'block',
  };
}

/** An agent setting that would loosen the organization's policy: where, and what the organization requires. */
export interface Loosening {
  path: string[];
  message: string;
}

/** Where `agent` asks for less than `organization` (empty when it only tightens or inherits). */
export function loosenings(organization: GuardrailConfig, agent: GuardrailConfig): Loosening[] {
  const found: Loosening[] = [];
  const modeCheck = (section: 'input' | 'output', field: string, mine?: GuardMode, theirs?: GuardMode) => {
    if (mine && theirs && rank(mine) < rank(theirs))
      found.push({
        path: [section, field],
        message: `the organization policy requires at least '${theirs}'; an agent may only tighten it`,
      });
  };
  const limitCheck = (section: 'input' | 'output' | 'execution', field: string, mine?: number, theirs?: number) => {
    if (mine !== undefined && theirs !== undefined && mine > theirs)
      found.push({
        path: [section, field],
        message: `the organization policy allows at most ${theirs}; an agent may only tighten it`,
      });
  };
  const { input: oi = {}, output: oo = {}, execution: oe = {} } = organization;
  const { input: ai = {}, output: ao = {}, execution: ae = {} } = agent;
  limitCheck('input', 'maxLength', ai.maxLength, oi.maxLength);
  modeCheck('input', 'pii', ai.pii, oi.pii);
  modeCheck('input', 'injection', ai.injection, oi.injection);
  limitCheck('output', 'maxLength', ao.maxLength, oo.maxLength);
  for (const field of ['pii', 'secrets', 'toxicity'] as const) modeCheck('output', field, ao[field], oo[field]);
  for (const field of ['maxDurationMs', 'maxToolCalls', 'maxCostUsd'] as const)
    limitCheck('execution', field, ae[field], oe[field]);
  if (agent.alerts && alertRank.indexOf(agent.alerts) < alertRank.indexOf(organization.alerts ?? 'blocked'))
    found.push({
      path: ['alerts'],
      message: `the organization policy raises alerts on '${organization.alerts ?? 'blocked'}'`,
    });
  if (agent.onScanError === 'allow' && organization.onScanError !== 'allow')
    found.push({
      path: ['onScanError'],
      message: 'the organization policy fails closed; an agent may only tighten it',
    });
  return found;
}

/** Whether a policy runs any check at all (a run with none skips the guard entirely). */
export function guardsAnything(p: EffectivePolicy): boolean {
  const { input: i, output: o, execution: e } = p;
  return (
    i.maxLength !== undefined ||
    i.pii !== 'off' ||
    i.injection !== 'off' ||
    i.blockedPatterns.length > 0 ||
    o.maxLength !== undefined ||
    o.pii !== 'off' ||
    o.secrets !== 'off' ||
    o.toxicity !== 'off' ||
    o.blockedPatterns.length > 0 ||
    e.maxDurationMs !== undefined ||
    e.maxToolCalls !== undefined ||
    e.maxCostUsd !== undefined
  );
}
