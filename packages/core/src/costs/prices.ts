// The price a tenant pays for a model: its own override when it has one, otherwise the catalog price.
import type { TokenUsage } from '@trellis/db';
import type { ServiceContext } from '../context';
import { catalogPrice, costOf, type ModelPrice } from '../models/pricing';
import { PriceStore } from './price-store';

/** The tenant's price of a model, from the process's cache (dropped whenever any process changes an override). */
export function priceFor(ctx: ServiceContext, provider: string, modelName: string): Promise<ModelPrice | undefined> {
  return ctx.runtime.caches.prices.get(ctx.tenantId, `${provider}\u0000${modelName}`, () =>
    loadPrice(ctx, provider, modelName),
  );
}

async function loadPrice(ctx: ServiceContext, provider: string, modelName: string): Promise<ModelPrice | undefined> {
  const override = await PriceStore.of(ctx).find({ provider, modelName });
  if (override) {
    return {
      inputPerMTokUsd: override.inputPerMTokUsd,
      outputPerMTokUsd: override.outputPerMTokUsd,
      cachedInputPerMTokUsd: override.cachedInputPerMTokUsd ?? undefined,
      reasoningPerMTokUsd: override.reasoningPerMTokUsd ?? undefined,
      source: 'override',
    };
  }
  return catalogPrice(provider, modelName);
}

/** The cost of `usage` on `provider`/`modelName` at this tenant's price, with where the price came from. */
export async function costForUsage(ctx: ServiceContext, provider: string, modelName: string, usage: TokenUsage) {
  const price = await priceFor(ctx, provider, modelName);
  return { ...costOf(usage, price), source: price?.source };
}
