// The policy form's model: a saved policy as editable text (one value per check path, a row per blocked pattern), back
// to configJson with the client's own checks, and the field paths the form shows messages at. An empty value means
// "inherit" in an agent's policy and "not set" in the organization's.
import type { GuardrailConfig } from '@/lib/types';
import type { Issue } from '../agent/configure-form';
import type { PolicyScope } from './api';
import { type BlockedPattern, type Check, checkGroups, valueAt } from './checks';

type PatternsPath = 'input.blockedPatterns' | 'output.blockedPatterns';
export type PatternAction = BlockedPattern['action'];

export interface PatternDraft {
  /** Keeps a row's identity while rows above it are removed. */
  key: number;
  pattern: string;
  regex: boolean;
  caseSensitive: boolean;
  action: PatternAction;
  label: string;
}

export interface Draft {
  /** Choice and limit fields by path. */
  values: Record<string, string>;
  patterns: Record<PatternsPath, PatternDraft[]>;
}

export const allChecks: Check[] = checkGroups.flatMap((g) => g.checks);
const patternFields = ['pattern', 'regex', 'caseSensitive', 'action', 'label'] as const;

let nextKey = 0;
export const newPattern = (p: Partial<BlockedPattern> = {}): PatternDraft => ({
  key: nextKey++,
  pattern: p.pattern ?? '',
  regex: p.regex ?? false,
  caseSensitive: p.caseSensitive ?? false,
  action: p.action ?? 'block',
  label: p.label ?? '',
});

/** The form of a scope's saved policy (`config` null: an agent that inherits everything). */
export function draftOf(config: GuardrailConfig | null, scope: PolicyScope): Draft {
  const draft: Draft = { values: {}, patterns: { 'input.blockedPatterns': [], 'output.blockedPatterns': [] } };
  for (const check of allChecks) {
    const saved = valueAt(config, check.path);
    if (check.kind === 'patterns') draft.patterns[check.path] = ((saved ?? []) as BlockedPattern[]).map(newPattern);
    else if (saved !== undefined) draft.values[check.path] = String(saved);
    else draft.values[check.path] = check.kind === 'choice' && scope === 'organization' ? check.unset : '';
  }
  return draft;
}

/** Sets `target.input.pii` for "input.pii", making the section object when needed. */
function setAt(target: Record<string, unknown>, path: string, value: unknown) {
  const [section, field] = path.split('.');
  if (!field) target[section] = value;
  else target[section] = { ...(target[section] as object | undefined), [field]: value };
}

/** The configJson of a draft, or the messages of the fields that are wrong (paths as the API names them). */
export function toConfig(draft: Draft): { config?: GuardrailConfig; issues: Issue[] } {
  const config: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const check of allChecks) {
    const path = `configJson.${check.path}`;
    if (check.kind === 'patterns') {
      const rows = draft.patterns[check.path];
      rows.forEach((row, i) => {
        if (!row.pattern)
          issues.push({ path: `${path}.${i}.pattern`, message: 'Enter a phrase or pattern, or remove the row.' });
      });
      if (rows.length)
        setAt(
          config,
          check.path,
          rows.map(({ key: _, label, ...row }) => (label ? { ...row, label } : row)),
        );
      continue;
    }
    const value = draft.values[check.path]?.trim() ?? '';
    if (!value) continue;
    if (check.kind === 'choice') {
      setAt(config, check.path, value);
      continue;
    }
    const n = Number(value);
    if (!Number.isFinite(n)) issues.push({ path, message: 'Enter a number, or leave it empty.' });
    else if (check.integer && !Number.isInteger(n)) issues.push({ path, message: 'Enter a whole number.' });
    else setAt(config, check.path, n);
  }
  return issues.length ? { issues } : { config: config as GuardrailConfig, issues };
}

/** Every field path the form shows a message at, for telling the API's other messages apart. */
export function fieldPaths(draft: Draft): Set<string> {
  const paths = allChecks.map((c) => `configJson.${c.path}`);
  for (const [path, rows] of Object.entries(draft.patterns))
    rows.forEach((_, i) => {
      for (const field of patternFields) paths.push(`configJson.${path}.${i}.${field}`);
    });
  return new Set(paths);
}
