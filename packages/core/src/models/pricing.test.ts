// Catalog prices from tokenlens and the exact cost arithmetic of costOf.
import { defaultCatalog } from 'tokenlens';
import { describe, expect, it } from 'vitest';
import { catalogModels, catalogPrice, costOf, type ModelPrice } from './pricing';

type Cost = { input?: number; output?: number; cache_read?: number; reasoning?: number };
const catalogCost = (provider: string, model: string) =>
  (defaultCatalog as unknown as Record<string, { models: Record<string, { cost?: Cost }> }>)[provider].models[model]
    .cost;

describe('catalogPrice', () => {
  it('reads gpt-4o-mini from the catalog', () => {
    const cost = catalogCost('openai', 'gpt-4o-mini');
    expect(cost?.input).toBe(0.15);
    expect(cost?.output).toBe(0.6);
    expect(catalogPrice('openai', 'gpt-4o-mini')).toEqual({
      inputPerMTokUsd: cost?.input,
      outputPerMTokUsd: cost?.output,
      cachedInputPerMTokUsd: cost?.cache_read,
      reasoningPerMTokUsd: cost?.reasoning,
      source: 'catalog',
    });
  });

  it('prices the demo model as free and knows nothing of unknown models or providers', () => {
    expect(catalogPrice('demo', 'demo-1')).toEqual({ inputPerMTokUsd: 0, outputPerMTokUsd: 0, source: 'free' });
    expect(catalogPrice('openai', 'gpt-does-not-exist')).toBeUndefined();
    expect(catalogPrice('openai-compatible', 'gpt-4o-mini')).toBeUndefined();
    expect(catalogPrice('mystery', 'gpt-4o-mini')).toBeUndefined();
  });

  it('lists catalog models of a provider with their prices', () => {
    const models = catalogModels('openai');
    const mini = models.find((m) => m.id === 'gpt-4o-mini');
    expect(mini?.price).toEqual(catalogPrice('openai', 'gpt-4o-mini'));
    expect(mini?.name).toEqual(expect.any(String));
    expect(catalogModels('openai-compatible')).toEqual([]);
  });
});

describe('costOf', () => {
  const usage = { promptTokens: 1_000_000, cachedTokens: 200_000, completionTokens: 500_000, totalTokens: 1_500_000 };

  it('bills cached input at the cache-read price, exactly', () => {
    const price: ModelPrice = {
      inputPerMTokUsd: 0.15,
      outputPerMTokUsd: 0.6,
      cachedInputPerMTokUsd: 0.075,
      source: 'catalog',
    };
    // 800k × 0.15/M + 200k × 0.075/M = 0.12 + 0.015; 500k × 0.6/M = 0.3
    expect(costOf(usage, price)).toEqual({
      promptCostUsd: 0.135,
      completionCostUsd: 0.3,
      costUsd: 0.435,
      priced: true,
    });
  });

  it('prices gpt-4o-mini usage from the catalog, exactly', () => {
    const cost = catalogCost('openai', 'gpt-4o-mini') as Required<Pick<Cost, 'input' | 'output' | 'cache_read'>>;
    expect(cost.cache_read).toEqual(expect.any(Number));
    const usd = (x: number) => Math.round(x * 1e10) / 1e10;
    const prompt = usd((800_000 * cost.input + 200_000 * cost.cache_read) / 1_000_000);
    const completion = usd((500_000 * cost.output) / 1_000_000);
    expect(costOf(usage, catalogPrice('openai', 'gpt-4o-mini'))).toEqual({
      promptCostUsd: prompt,
      completionCostUsd: completion,
      costUsd: usd(prompt + completion),
      priced: true,
    });
    expect(completion).toBe(0.3);
  });

  it('bills cached tokens at the input price when no cache price is known', () => {
    const price: ModelPrice = { inputPerMTokUsd: 2, outputPerMTokUsd: 8, source: 'override' };
    expect(costOf(usage, price)).toEqual({ promptCostUsd: 2, completionCostUsd: 4, costUsd: 6, priced: true });
  });

  it('never counts more cached tokens than prompt tokens', () => {
    const price: ModelPrice = {
      inputPerMTokUsd: 1,
      outputPerMTokUsd: 1,
      cachedInputPerMTokUsd: 0.5,
      source: 'catalog',
    };
    const r = costOf(
      { promptTokens: 1_000_000, cachedTokens: 5_000_000, completionTokens: 0, totalTokens: 1_000_000 },
      price,
    );
    expect(r.promptCostUsd).toBe(0.5);
  });

  it('bills reasoning tokens at the reasoning price only when one is given', () => {
    const withReasoning = { ...usage, cachedTokens: 0, reasoningTokens: 100_000 };
    const priced: ModelPrice = { inputPerMTokUsd: 1, outputPerMTokUsd: 4, reasoningPerMTokUsd: 10, source: 'override' };
    // 400k × 4/M + 100k × 10/M = 1.6 + 1
    expect(costOf(withReasoning, priced)).toEqual({
      promptCostUsd: 1,
      completionCostUsd: 2.6,
      costUsd: 3.6,
      priced: true,
    });
    const unpriced: ModelPrice = { inputPerMTokUsd: 1, outputPerMTokUsd: 4, source: 'override' };
    // reasoning is ordinary output: 500k × 4/M
    expect(costOf(withReasoning, unpriced)).toEqual({
      promptCostUsd: 1,
      completionCostUsd: 2,
      costUsd: 3,
      priced: true,
    });
    expect(costOf(withReasoning, catalogPrice('openai', 'gpt-4o-mini')).completionCostUsd).toBe(
      costOf({ ...withReasoning, reasoningTokens: 0 }, catalogPrice('openai', 'gpt-4o-mini')).completionCostUsd,
    );
  });

  it('costs nothing on the demo model, and is unpriced for unknown models', () => {
    expect(costOf(usage, catalogPrice('demo', 'demo-1'))).toEqual({
      promptCostUsd: 0,
      completionCostUsd: 0,
      costUsd: 0,
      priced: true,
    });
    expect(costOf(usage, catalogPrice('openai', 'gpt-does-not-exist'))).toEqual({
      promptCostUsd: 0,
      completionCostUsd: 0,
      costUsd: 0,
      priced: false,
    });
  });

  it('rounds to 1e-10 USD', () => {
    const price: ModelPrice = { inputPerMTokUsd: 0.1, outputPerMTokUsd: 0.2, source: 'catalog' };
    const r = costOf({ promptTokens: 3, completionTokens: 3, totalTokens: 6 }, price);
    expect(r).toEqual({ promptCostUsd: 3e-7, completionCostUsd: 6e-7, costUsd: 9e-7, priced: true });
  });
});
