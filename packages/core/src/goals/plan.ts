// Planning a goal: the prompt the orchestrator receives, and the strict reading of its reply into a plan (or null,
// so the caller falls back to one step delegated to the first allowed agent).
import { goalPlanSchema, type PlannedGoal } from './schemas';

export function planPrompt(input: string, agents: string[]): string {
  return [
    'You are the orchestrator. Split the goal below into ordered steps, each delegated to one agent.',
    `Allowed agents (agentSlug): ${agents.join(', ')}.`,
    'Each step receives the previous step’s output as context.',
    'Answer with one JSON object only, no prose:',
    '{"reasoning": "<why>", "steps": [{"agentSlug": "<allowed agent>", "input": "<what that agent must do>"}]}',
    '',
    `Goal: ${input}`,
  ].join('\n');
}

/** The first balanced `{…}` in `text` (string-aware), or null. */
export function firstJsonObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** The plan in `reply` when it is valid JSON, matches the schema and only names allowed agents; else null. */
export function parsePlan(reply: string | null | undefined, agents: string[]): PlannedGoal | null {
  const json = reply ? firstJsonObject(reply) : null;
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = goalPlanSchema.safeParse(raw);
  if (!parsed.success) return null;
  return parsed.data.steps.every((s) => agents.includes(s.agentSlug)) ? parsed.data : null;
}
