// How a test case's answer is judged: the match modes, their settings (validated when a case is saved, so a suite
// never meets a pattern or schema it cannot use) and the verdict for one answer — passed, and a 0–1 score. The
// llm-judge mode asks the judge model (EVAL_JUDGE_MODEL) whether the answer meets the expected answer or criteria.
import { RE2JS } from 're2js';
import { z } from 'zod';
import { askJudge, type JudgeModel } from '../models/judge-call';
import { qualityOf, scorerCatalog } from '../scorers/catalog';
import { scoreAnswer } from '../scorers/score';

export const matchModes = ['contains', 'exact', 'regex', 'json-schema', 'scorer', 'llm-judge'] as const;
export type MatchMode = (typeof matchModes)[number];

const scorerConfig = z
  .object({
    scorer: z.enum(scorerCatalog.map((s) => s.id) as [string, ...string[]]),
    /** The least quality (the score turned so that higher is better) that passes, 0–1. */
    threshold: z.number().min(0).max(1),
  })
  .strict();
const schemaConfig = z.object({ schema: z.record(z.string(), z.unknown()) }).strict();
/** What the judge checks besides the expected answer, e.g. "mentions the refund deadline, in a friendly tone". */
const judgeConfig = z.object({ criteria: z.string().trim().min(1).max(2000).optional() }).strict();
const judgeVerdict = z.object({ passed: z.boolean(), score: z.number().min(0).max(1), reason: z.string().max(1000) });

export interface MatchSpec {
  matchMode: MatchMode;
  expectedOutput?: string | null;
  matchConfig?: Record<string, unknown> | null;
}

/** Problems with a case's match settings, as zod issues at their field (empty when it can be judged). */
export function matchIssues(spec: MatchSpec): { path: string[]; message: string }[] {
  const { matchMode, expectedOutput, matchConfig } = spec;
  const needsExpected = matchMode === 'contains' || matchMode === 'exact' || matchMode === 'regex';
  if (needsExpected && !expectedOutput?.trim())
    return [{ path: ['expectedOutput'], message: `the ${matchMode} mode needs an expected output` }];
  if (matchMode === 'regex') {
    try {
      RE2JS.compile(expectedOutput as string);
    } catch (e) {
      return [{ path: ['expectedOutput'], message: `not a valid RE2 pattern: ${(e as Error).message}` }];
    }
  }
  if (matchMode === 'scorer') {
    const parsed = scorerConfig.safeParse(matchConfig ?? {});
    if (!parsed.success)
      return parsed.error.issues.map((i) => ({ path: ['matchConfig', ...i.path.map(String)], message: i.message }));
  }
  if (matchMode === 'llm-judge') {
    const parsed = judgeConfig.safeParse(matchConfig ?? {});
    if (!parsed.success)
      return parsed.error.issues.map((i) => ({ path: ['matchConfig', ...i.path.map(String)], message: i.message }));
    if (!expectedOutput?.trim() && !parsed.data.criteria)
      return [
        { path: ['expectedOutput'], message: 'the llm-judge mode needs an expected output or matchConfig.criteria' },
      ];
  }
  if (matchMode === 'json-schema') {
    const parsed = schemaConfig.safeParse(matchConfig ?? {});
    if (!parsed.success)
      return [{ path: ['matchConfig', 'schema'], message: 'give the JSON Schema the answer must match' }];
    try {
      z.fromJSONSchema(parsed.data.schema as never);
    } catch (e) {
      return [{ path: ['matchConfig', 'schema'], message: `not a usable JSON Schema: ${(e as Error).message}` }];
    }
  }
  return [];
}

const normalizeSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The JSON an answer holds: the whole text, or the first fenced code block. */
function jsonOf(answer: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(answer);
  return JSON.parse((fenced ? fenced[1] : answer).trim());
}

/** The verdict on one answer to the case's question. */
export async function judgeAnswer(
  spec: MatchSpec,
  question: string,
  answer: string,
  judge?: { name: string; model: JudgeModel },
): Promise<{ passed: boolean; score: number; detail?: string }> {
  const verdict = (passed: boolean, detail?: string) => ({ passed, score: passed ? 1 : 0, detail });
  const expected = spec.expectedOutput ?? '';
  switch (spec.matchMode) {
    case 'contains':
      return verdict(normalizeSpace(answer).toLowerCase().includes(normalizeSpace(expected).toLowerCase()));
    case 'exact':
      return verdict(answer.trim() === expected.trim());
    case 'regex':
      return verdict(RE2JS.compile(expected).matcher(answer).find());
    case 'json-schema': {
      const schema = z.fromJSONSchema((spec.matchConfig as { schema: object }).schema as never);
      try {
        const result = schema.safeParse(jsonOf(answer));
        return verdict(result.success, result.success ? undefined : result.error.issues[0]?.message);
      } catch {
        return verdict(false, 'the answer is not JSON');
      }
    }
    case 'llm-judge': {
      if (!judge) return verdict(false, 'no judge model: the server sets none in EVAL_JUDGE_MODEL');
      const { criteria } = judgeConfig.parse(spec.matchConfig ?? {});
      const result = await askJudge(judge.model, {
        name: judge.name,
        schema: judgeVerdict,
        system:
          'You grade an AI assistant’s answer in a test suite. The object is {"passed": true|false, "score": <0 to 1>, "reason": "<one sentence>"}.',
        prompt: [
          `QUESTION:\n${question}`,
          expected ? `EXPECTED ANSWER (the answer must agree with it; wording may differ):\n${expected}` : '',
          criteria ? `CRITERIA:\n${criteria}` : '',
          `ANSWER TO GRADE:\n${answer.slice(0, 20_000)}`,
        ]
          .filter(Boolean)
          .join('\n\n'),
      });
      return { passed: result.passed, score: result.score, detail: `${judge.name}: ${result.reason}` };
    }
    case 'scorer': {
      const { scorer, threshold } = spec.matchConfig as { scorer: string; threshold: number };
      const scores = await scoreAnswer([scorer], question, answer);
      const quality = qualityOf(scorer, scores[scorer]?.score ?? 0);
      return {
        passed: quality >= threshold,
        score: quality,
        detail: `${scorer} quality ${quality.toFixed(2)} (needs ${threshold})`,
      };
    }
  }
}
