// The "Add test case" form's model: its fields as text, and back to the API's body with the client's own checks
// (a threshold that is a number in 0–1, a schema that is a JSON object). Issue paths are the API's (`expectedOutput`,
// `matchConfig.threshold`), so the server's messages land at the same fields.
import type { MatchMode, TestCaseInput } from '@/lib/types';
import type { Issue } from '../agent/configure-form';

export const matchModeLabels: Record<MatchMode, string> = {
  contains: 'Contains (case-insensitive)',
  exact: 'Exact',
  regex: 'Regular expression (RE2)',
  'json-schema': 'JSON Schema',
  scorer: 'Scorer threshold',
  'llm-judge': 'LLM judge (needs the server’s EVAL_JUDGE_MODEL)',
};
export const matchModes = Object.keys(matchModeLabels) as MatchMode[];

export interface CaseDraft {
  name: string;
  inputText: string;
  expectedOutput: string;
  matchMode: MatchMode;
  scorer: string;
  threshold: string;
  schema: string;
  /** llm-judge: what the judge checks besides the expected answer. */
  criteria: string;
  tags: string;
  pinned: boolean;
}

/** An empty case: contains mode, threshold 0.5 for the scorer mode. */
export const emptyDraft = (scorer = ''): CaseDraft => ({
  name: '',
  inputText: '',
  expectedOutput: '',
  matchMode: 'contains',
  scorer,
  threshold: '0.5',
  schema: '',
  criteria: '',
  tags: '',
  pinned: false,
});

/** Comma-separated tags, trimmed, without blanks or repeats. */
export const splitTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim()))].filter(Boolean);

/** The API body, or the issues the client can see before sending it. */
export function toInput(d: CaseDraft): { input?: TestCaseInput; issues: Issue[] } {
  const issues: Issue[] = [];
  let matchConfig: Record<string, unknown> | undefined;
  if (d.matchMode === 'scorer') {
    const threshold = Number(d.threshold);
    if (!d.threshold.trim() || Number.isNaN(threshold) || threshold < 0 || threshold > 1)
      issues.push({ path: 'matchConfig.threshold', message: 'Enter a number from 0 to 1' });
    matchConfig = { scorer: d.scorer, threshold };
  }
  if (d.matchMode === 'json-schema') {
    try {
      const schema: unknown = JSON.parse(d.schema);
      if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new Error('not an object');
      matchConfig = { schema };
    } catch {
      issues.push({ path: 'matchConfig.schema', message: 'Must be a JSON object, like {"type": "object"}' });
    }
  }
  if (d.matchMode === 'llm-judge' && d.criteria.trim()) matchConfig = { criteria: d.criteria.trim() };
  if (issues.length) return { issues };
  const usesExpected = d.matchMode !== 'json-schema';
  return {
    issues,
    input: {
      name: d.name,
      inputText: d.inputText,
      expectedOutput: usesExpected && d.expectedOutput.trim() ? d.expectedOutput : undefined,
      matchMode: d.matchMode,
      matchConfig,
      pinned: d.pinned,
      tags: splitTags(d.tags),
    },
  };
}
