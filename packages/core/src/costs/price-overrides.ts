// A tenant's model price overrides (USD per million tokens), which win over the catalog when runs are priced:
// list them with a catalog lookup for one model, upsert one, delete one.
import { type ModelPriceOverride, modelPriceOverrideInsertSchema } from '@trellis/db';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-store';
import { announce } from '../cache/changes';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';
import { catalogPrice } from '../models/pricing';
import { providerIds } from '../models/registry';
import { PriceStore } from './price-store';
import { priceFor } from './prices';

const perMTok = z.number().min(0).max(100_000);
const modelName = z.string().trim().min(1).max(200);

export const priceKeySchema = z.object({ provider: z.enum(providerIds), modelName });

export const priceOverridePutSchema = modelPriceOverrideInsertSchema
  .pick({ inputPerMTokUsd: true, outputPerMTokUsd: true })
  .extend({
    ...priceKeySchema.shape,
    inputPerMTokUsd: perMTok,
    outputPerMTokUsd: perMTok,
    cachedInputPerMTokUsd: perMTok.nullish(),
    reasoningPerMTokUsd: perMTok.nullish(),
  })
  .strict();
export type PriceOverridePut = z.input<typeof priceOverridePutSchema>;

export const priceListQuerySchema = z
  .object({ provider: z.enum(providerIds).optional(), modelName: modelName.optional() })
  .refine((q) => !q.modelName || q.provider, { message: 'modelName needs provider', path: ['provider'] });
export type PriceListQuery = z.infer<typeof priceListQuerySchema>;

/** The tenant's overrides (optionally of one provider) and, for provider+modelName, the catalog and effective price. */
export async function listPrices(ctx: ServiceContext, query: PriceListQuery = {}) {
  const overrides = await PriceStore.of(ctx).list(query);
  if (!query.provider || !query.modelName) return { overrides, lookup: null };
  return {
    overrides,
    lookup: {
      provider: query.provider,
      modelName: query.modelName,
      catalog: catalogPrice(query.provider, query.modelName) ?? null,
      effective: (await priceFor(ctx, query.provider, query.modelName)) ?? null,
    },
  };
}

/** Creates or replaces the override for (provider, modelName); unset optional prices fall back to input/output. */
export async function putPrice(ctx: ServiceContext, raw: PriceOverridePut) {
  const input = priceOverridePutSchema.parse(raw);
  const values = {
    ...input,
    cachedInputPerMTokUsd: input.cachedInputPerMTokUsd ?? null,
    reasoningPerMTokUsd: input.reasoningPerMTokUsd ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    const store = PriceStore.of(ctx, tx);
    const before = await store.lock(input);
    const after = await store.upsert(values);
    await recordAudit(tx, ctx, { ...priceEntity(after), action: 'price.update', before, after });
    await announce(tx, ctx.runtime.applyChange, { kind: 'prices', tenantId: ctx.tenantId });
    return after;
  });
}

const priceEntity = (row: ModelPriceOverride) => ({
  entityType: 'price' as const,
  entityId: row.id,
  metadata: { provider: row.provider, modelName: row.modelName },
});

/** Removes the override; 404 when this tenant has none for the model. */
export async function deletePrice(ctx: ServiceContext, raw: z.input<typeof priceKeySchema>) {
  const key = priceKeySchema.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const before = await PriceStore.of(ctx, tx).delete(key);
    if (!before) throw notFound('Price override', `${key.provider}/${key.modelName}`);
    await recordAudit(tx, ctx, { ...priceEntity(before), action: 'price.delete', before });
    await announce(tx, ctx.runtime.applyChange, { kind: 'prices', tenantId: ctx.tenantId });
    return { deleted: true, ...key };
  });
}
