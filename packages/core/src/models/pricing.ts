// Prices per million tokens from the models.dev catalog shipped in tokenlens, and the cost of a run's usage.
// Cached input is billed at the cache-read price; reasoning tokens are part of output unless priced apart.
import type { TokenUsage } from '@trellis/db';
import { defaultCatalog } from 'tokenlens';
import { z } from 'zod';
import { DEMO_PROVIDER } from './demo-model';

/** A price per million tokens, and where it came from. */
export const modelPriceSchema = z.object({
  inputPerMTokUsd: z.number(),
  outputPerMTokUsd: z.number(),
  cachedInputPerMTokUsd: z.number().optional(),
  reasoningPerMTokUsd: z.number().optional(),
  source: z.enum(['catalog', 'override', 'free']),
});
export type ModelPrice = z.output<typeof modelPriceSchema>;

export interface CostBreakdown {
  promptCostUsd: number;
  completionCostUsd: number;
  costUsd: number;
  priced: boolean;
}

type CatalogModel = {
  name?: string;
  cost?: { input?: number; output?: number; cache_read?: number; reasoning?: number };
  limit?: { context?: number; output?: number };
  tool_call?: boolean;
  modalities?: { input?: string[]; output?: string[] };
};
type Catalog = Record<string, { models?: Record<string, CatalogModel> }>;
const catalog = defaultCatalog as unknown as Catalog;

/** Our provider ids → models.dev provider ids. OpenAI-compatible servers have no catalog prices. */
const catalogProvider: Record<string, string | undefined> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
};

export function catalogModels(provider: string): { id: string; name: string; price?: ModelPrice }[] {
  const key = catalogProvider[provider];
  const models = key ? (catalog[key]?.models ?? {}) : {};
  return Object.entries(models).map(([id, m]) => ({ id, name: m.name ?? id, price: toPrice(m) }));
}

function toPrice(m: CatalogModel | undefined): ModelPrice | undefined {
  if (m?.cost?.input === undefined || m.cost.output === undefined) return undefined;
  return {
    inputPerMTokUsd: m.cost.input,
    outputPerMTokUsd: m.cost.output,
    cachedInputPerMTokUsd: m.cost.cache_read,
    reasoningPerMTokUsd: m.cost.reasoning,
    source: 'catalog',
  };
}

/** The catalog price of `provider`/`modelName`; the demo model is free; unknown models have no price. */
export function catalogPrice(provider: string, modelName: string): ModelPrice | undefined {
  if (provider === DEMO_PROVIDER) return { inputPerMTokUsd: 0, outputPerMTokUsd: 0, source: 'free' };
  const key = catalogProvider[provider];
  return key ? toPrice(catalog[key]?.models?.[modelName]) : undefined;
}

const perToken = (perMTok: number) => perMTok / 1_000_000;
const round = (usd: number) => Math.round(usd * 1e10) / 1e10;

/** Cost in USD of `usage` at `price`; with no price, zero and `priced: false`. */
export function costOf(usage: TokenUsage, price: ModelPrice | undefined): CostBreakdown {
  if (!price) return { promptCostUsd: 0, completionCostUsd: 0, costUsd: 0, priced: false };
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  const cachedRate = price.cachedInputPerMTokUsd ?? price.inputPerMTokUsd;
  const promptCostUsd = (usage.promptTokens - cached) * perToken(price.inputPerMTokUsd) + cached * perToken(cachedRate);
  const reasoning =
    price.reasoningPerMTokUsd === undefined ? 0 : Math.min(usage.reasoningTokens ?? 0, usage.completionTokens);
  const completionCostUsd =
    (usage.completionTokens - reasoning) * perToken(price.outputPerMTokUsd) +
    reasoning * perToken(price.reasoningPerMTokUsd ?? price.outputPerMTokUsd);
  return {
    promptCostUsd: round(promptCostUsd),
    completionCostUsd: round(completionCostUsd),
    costUsd: round(promptCostUsd + completionCostUsd),
    priced: true,
  };
}

/** The most output tokens one call of the model can produce, from the catalog; undefined when unknown. */
export function catalogOutputLimit(provider: string, modelName: string): number | undefined {
  const key = catalogProvider[provider];
  return key ? catalog[key]?.models?.[modelName]?.limit?.output : undefined;
}

/** What the catalog says a model can do: call tools, answer in text, and its context window; {} when unknown. */
export function catalogCapabilities(
  provider: string,
  modelName: string,
): { toolCall?: boolean; textOutput?: boolean; imageInput?: boolean; contextLimit?: number } {
  const key = catalogProvider[provider];
  const m = key ? catalog[key]?.models?.[modelName] : undefined;
  if (!m) return {};
  return {
    toolCall: m.tool_call,
    textOutput: m.modalities?.output?.includes('text'),
    imageInput: m.modalities?.input ? m.modalities.input.includes('image') : undefined,
    contextLimit: m.limit?.context,
  };
}
