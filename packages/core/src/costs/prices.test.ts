// priceFor: a tenant's own model_price_override wins over the catalog; other tenants' overrides never apply.
import { type DatabaseHandle, modelPriceOverride, organization } from '@trellis/db';
import { createTestDatabase } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DefinitionCaches } from '../cache/definitions';
import type { ServiceContext } from '../context';
import { catalogPrice } from '../models/pricing';
import { costForUsage, priceFor } from './prices';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values([
    { id: 'org-a', name: 'Org A', slug: 'org-a' },
    { id: 'org-b', name: 'Org B', slug: 'org-b' },
  ]);
  await handle.db.insert(modelPriceOverride).values([
    {
      tenantId: 'org-a',
      provider: 'openai',
      modelName: 'gpt-4o-mini',
      inputPerMTokUsd: 1,
      outputPerMTokUsd: 2,
      cachedInputPerMTokUsd: 0.5,
      reasoningPerMTokUsd: 3,
    },
    {
      tenantId: 'org-a',
      provider: 'openai-compatible',
      modelName: 'llama-3',
      inputPerMTokUsd: 0.25,
      outputPerMTokUsd: 0.5,
    },
    { tenantId: 'org-b', provider: 'openai', modelName: 'gpt-4o', inputPerMTokUsd: 9, outputPerMTokUsd: 9 },
  ]);
});
afterAll(() => handle?.close());

// priceFor reads the database, the tenant of the context and the runtime's price cache (fresh per context here).
const ctxFor = (tenantId: string) =>
  ({
    db: handle.db,
    tenantId,
    actor: { type: 'system', id: 'test' },
    clock: () => new Date(),
    runtime: { caches: new DefinitionCaches() },
  }) as unknown as ServiceContext;

describe('priceFor', () => {
  it("prefers the tenant's override over the catalog", async () => {
    expect(await priceFor(ctxFor('org-a'), 'openai', 'gpt-4o-mini')).toEqual({
      inputPerMTokUsd: 1,
      outputPerMTokUsd: 2,
      cachedInputPerMTokUsd: 0.5,
      reasoningPerMTokUsd: 3,
      source: 'override',
    });
  });

  it('leaves missing optional override prices undefined, not null', async () => {
    const price = await priceFor(ctxFor('org-a'), 'openai-compatible', 'llama-3');
    expect(price).toEqual({ inputPerMTokUsd: 0.25, outputPerMTokUsd: 0.5, source: 'override' });
    expect(price?.cachedInputPerMTokUsd).toBeUndefined();
    expect(price?.reasoningPerMTokUsd).toBeUndefined();
  });

  it("does not apply another tenant's override", async () => {
    expect(await priceFor(ctxFor('org-b'), 'openai', 'gpt-4o-mini')).toEqual(catalogPrice('openai', 'gpt-4o-mini'));
    expect(await priceFor(ctxFor('org-a'), 'openai', 'gpt-4o')).toEqual(catalogPrice('openai', 'gpt-4o'));
    expect(await priceFor(ctxFor('org-b'), 'openai-compatible', 'llama-3')).toBeUndefined();
    expect((await priceFor(ctxFor('org-b'), 'openai', 'gpt-4o'))?.source).toBe('override');
  });

  it('falls back to the catalog, the free demo, or no price', async () => {
    expect((await priceFor(ctxFor('org-b'), 'openai', 'gpt-4o-mini'))?.source).toBe('catalog');
    expect(await priceFor(ctxFor('org-a'), 'demo', 'demo-1')).toEqual({
      inputPerMTokUsd: 0,
      outputPerMTokUsd: 0,
      source: 'free',
    });
    expect(await priceFor(ctxFor('org-a'), 'openai', 'no-such-model')).toBeUndefined();
  });
});

describe('costForUsage', () => {
  const usage = {
    promptTokens: 1_000_000,
    cachedTokens: 200_000,
    completionTokens: 500_000,
    reasoningTokens: 100_000,
    totalTokens: 1_500_000,
  };

  it("costs usage at the tenant's override and names the source", async () => {
    // 800k × 1/M + 200k × 0.5/M = 0.9; 400k × 2/M + 100k × 3/M = 1.1
    expect(await costForUsage(ctxFor('org-a'), 'openai', 'gpt-4o-mini', usage)).toEqual({
      promptCostUsd: 0.9,
      completionCostUsd: 1.1,
      costUsd: 2,
      priced: true,
      source: 'override',
    });
  });

  it('is unpriced for an unknown model', async () => {
    expect(await costForUsage(ctxFor('org-a'), 'openai', 'no-such-model', usage)).toEqual({
      promptCostUsd: 0,
      completionCostUsd: 0,
      costUsd: 0,
      priced: false,
      source: undefined,
    });
  });
});
