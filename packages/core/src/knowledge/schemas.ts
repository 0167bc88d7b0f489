// API shapes of knowledge bases: create/update, a document given as text (plain, Markdown or HTML) or a URL (a file
// upload is read by the route into the same shape), the search query, and what a search answers.
import { kbDocumentSelectSchema, knowledgeBaseSelectSchema } from '@trellis/db';
import { z } from 'zod';
import { slugSchema } from '../agents/schemas';
import { OFFLINE_EMBEDDER } from './embedders';

export const knowledgeBaseCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    slug: slugSchema.optional(),
    description: z.string().max(2000).nullish(),
    embeddingModel: z
      .string()
      .regex(/^[a-z0-9-]+\/\S+$/, 'provider/model, e.g. openai/text-embedding-3-small')
      .max(200)
      .default(OFFLINE_EMBEDDER),
    /** Required for a provider model (the offline one has 512). */
    dimensions: z.int().min(8).max(2000).optional(),
    chunkSize: z.int().min(100).max(8000).default(800),
    chunkOverlap: z.int().min(0).max(2000).default(100),
    efSearch: z.int().min(10).max(1000).default(100),
  })
  .refine((b) => b.chunkOverlap < b.chunkSize, {
    message: 'chunkOverlap must be below chunkSize',
    path: ['chunkOverlap'],
  });
export type KnowledgeBaseCreateInput = z.input<typeof knowledgeBaseCreateSchema>;

/** What may change after documents exist: the name, description and search width (not the embedding or chunking). */
export const knowledgeBaseUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000).nullable(),
    efSearch: z.int().min(10).max(1000),
  })
  .partial();

const metadataSchema = z
  .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
  .refine((m) => Object.keys(m).length <= 30, 'at most 30 metadata keys');

/** A document as JSON: its text (`format` text, markdown or html), or a URL Trellis fetches under web-fetch's rules. */
export const documentCreateSchema = z.union([
  z.strictObject({
    title: z.string().trim().min(1).max(300),
    content: z.string().min(1, 'content must not be empty').max(5_000_000),
    format: z.enum(['text', 'markdown', 'html']).default('text'),
    metadata: metadataSchema.optional(),
  }),
  z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(2000),
    title: z.string().trim().min(1).max(300).optional(),
    metadata: metadataSchema.optional(),
  }),
]);
export type DocumentCreateInput = z.input<typeof documentCreateSchema>;

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(2000),
  k: z.coerce.number().int().min(1).max(50).default(5),
  /** Only these documents (comma-separated ids). */
  documentIds: z
    .string()
    .max(5000)
    .transform((s) => s.split(',').filter(Boolean))
    .optional(),
  /** Only chunks whose document metadata has these values: a JSON object, e.g. {"team":"sales"}. */
  metadata: z
    .string()
    .max(5000)
    .transform((s, ctx) => {
      try {
        return metadataSchema.parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'metadata must be a JSON object of strings, numbers or booleans' });
        return z.NEVER;
      }
    })
    .optional(),
  mode: z.enum(['hybrid', 'vector', 'text']).default('hybrid'),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;

export const knowledgeBaseViewSchema = knowledgeBaseSelectSchema.omit({ tenantId: true }).extend({
  documents: z.int(),
  chunks: z.int(),
});
export const documentViewSchema = kbDocumentSelectSchema.omit({ tenantId: true, content: true });

export const searchHitSchema = z.object({
  chunkId: z.string(),
  documentId: z.string(),
  documentTitle: z.string(),
  content: z.string(),
  score: z.number().describe('reciprocal-rank fusion of the vector and full-text ranks (higher is better)'),
  vectorRank: z.int().nullable(),
  textRank: z.int().nullable(),
  citation: z.string().describe('"<document title>, part <n>" and its URL when it came from one'),
  metadata: z.record(z.string(), z.unknown()).nullable(),
});
export type SearchHit = z.output<typeof searchHitSchema>;
