// The most a run can cost before it starts, for budget reservations: each of the agent's maxSteps model calls sends
// the prompt and may write its output limit (the agent's maxTokens, else the model's catalog limit, else 4,096).
// The prompt is counted with our tokenizer and bounded up (× 1.5 + 20 per message) because providers' tokenizers
// count differently. Tool results larger than that margin could still exceed the reservation.

import type { ResolvedAgent } from '../agents/resolver';
import type { ServiceContext } from '../context';
import { catalogOutputLimit, type ModelPrice } from '../models/pricing';
import { countTokens } from '../models/tokenizer';

const DEFAULT_OUTPUT_LIMIT = 4096;
const PROMPT_MARGIN = 1.5;
const PER_MESSAGE_TOKENS = 20;

/**
 * Tokens of what every run of an agent version sends (instructions and tool definitions), counted once per cached
 * agent record and instructions text: only the run's own messages are tokenized per run.
 */
const fixedTokens = new WeakMap<object, Map<string, number>>();

function tokensOfFixedPart(ctx: ServiceContext, resolved: ResolvedAgent): number {
  let byInstructions = fixedTokens.get(resolved.record);
  if (!byInstructions) {
    byInstructions = new Map();
    fixedTokens.set(resolved.record, byInstructions);
  }
  let tokens = byInstructions.get(resolved.instructions);
  if (tokens === undefined) {
    const tools = JSON.stringify(ctx.runtime.tools.catalog().filter((t) => resolved.tools.includes(t.id)));
    tokens = countTokens(resolved.instructions) + countTokens(tools);
    if (byInstructions.size < 100) byInstructions.set(resolved.instructions, tokens);
  }
  return tokens;
}

export function worstCaseCostUsd(
  ctx: ServiceContext,
  resolved: ResolvedAgent,
  messages: { content: string }[],
  price: ModelPrice | undefined,
): number {
  const { record } = resolved;
  if (!price) return 0;
  const counted = tokensOfFixedPart(ctx, resolved) + messages.reduce((n, m) => n + countTokens(m.content), 0);
  const promptTokens = Math.ceil(counted * PROMPT_MARGIN) + PER_MESSAGE_TOKENS * (messages.length + 1);
  const outputTokens =
    record.maxTokens ?? catalogOutputLimit(record.modelProvider, record.modelName) ?? DEFAULT_OUTPUT_LIMIT;
  const perCall = (promptTokens * price.inputPerMTokUsd + outputTokens * price.outputPerMTokUsd) / 1_000_000;
  return Math.round(perCall * record.maxSteps * 1e10) / 1e10;
}
