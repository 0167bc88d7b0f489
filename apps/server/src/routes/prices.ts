// Price overrides: GET/PUT/DELETE /api/prices — the organization's own model prices (USD per million tokens), which
// win over the catalog when runs are priced, and a catalog lookup for one model.
import { createRoute, z } from '@hono/zod-openapi';
import {
  deletePrice,
  listPrices,
  priceKeySchema,
  priceListQuerySchema,
  priceOverridePutSchema,
  putPrice,
} from '@trellis/core';
import { modelPriceOverrideSelectSchema } from '@trellis/db';
import { commonErrors, component, createRouter, jsonBody, jsonResponse, security } from '../http/openapi';

const OverrideSchema = component(modelPriceOverrideSelectSchema, 'ModelPriceOverride');
const PriceSchema = z.object({
  inputPerMTokUsd: z.number(),
  outputPerMTokUsd: z.number(),
  cachedInputPerMTokUsd: z.number().optional(),
  reasoningPerMTokUsd: z.number().optional(),
  source: z.enum(['catalog', 'override', 'free']),
});
const PricesSchema = component(
  z.object({
    overrides: z.array(OverrideSchema),
    lookup: z
      .object({
        provider: z.string(),
        modelName: z.string(),
        catalog: PriceSchema.nullable(),
        effective: PriceSchema.nullable().openapi({
          description: 'What a run is priced at: the override, else the catalog',
        }),
      })
      .nullable(),
  }),
  'Prices',
);
const tags = ['Costs & budgets'];

export const priceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/prices',
      tags,
      security,
      summary: "The organization's price overrides; with provider and modelName, also that model's catalog price",
      request: { query: priceListQuerySchema },
      responses: { 200: jsonResponse(PricesSchema, 'Overrides and lookup'), ...commonErrors },
    }),
    async (c) => c.json(await listPrices(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/prices',
      tags,
      security,
      summary: 'Create or replace the override for one model (USD per million tokens)',
      description:
        'Runs finished after this are priced with it. Unset cached-input and reasoning prices fall back to the input and output prices.',
      request: { body: jsonBody(priceOverridePutSchema) },
      responses: { 200: jsonResponse(OverrideSchema, 'The override'), ...commonErrors },
    }),
    async (c) => c.json(await putPrice(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/prices',
      tags,
      security,
      summary: 'Remove the override for one model (the catalog price applies again)',
      request: { query: priceKeySchema },
      responses: {
        200: jsonResponse(
          z.object({ deleted: z.boolean(), provider: z.string(), modelName: z.string() }),
          'The removed override',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await deletePrice(c.var.ctx, c.req.valid('query')), 200),
  );
