// Knowledge bases (the RAG pipeline): a tenant's collections of documents, each document split into chunks that are
// searched by PostgreSQL full text and — where the server has pgvector — by embedding. The `embedding` column of
// `kb_chunk` is not declared here: migration 0013 adds it (type `vector`, one HNSW index per knowledge base) only on
// a server with pgvector, and the knowledge store reads and writes it with SQL of its own.
import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import { counter, createdAt, id, tenantId, tenantOwned, updatedAt } from './columns';
import type { JsonObject } from './json';

/** PostgreSQL's tsvector, generated from the chunk's text (never written by the application). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const documentStatusValues = ['QUEUED', 'PROCESSING', 'READY', 'FAILED'] as const;
export type DocumentStatus = (typeof documentStatusValues)[number];

export const knowledgeBase = pgTable(
  'knowledge_base',
  {
    id: id(),
    tenantId: tenantId(),
    /** URL-safe, unique per tenant; the knowledge-search tool and the MCP server name knowledge bases by it. */
    slug: text().notNull(),
    name: text().notNull(),
    description: text(),
    /** `provider/model` of the embeddings (`offline/universal-sentence-encoder-lite` needs no network). */
    embeddingModel: text().notNull(),
    dimensions: integer().notNull(),
    chunkSize: integer().notNull().default(800),
    chunkOverlap: integer().notNull().default(100),
    /** HNSW candidates per vector search (pgvector `hnsw.ef_search`). */
    efSearch: integer().notNull().default(100),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.tenantId, t.slug), ...tenantOwned(t)],
);

export const kbDocument = pgTable(
  'kb_document',
  {
    id: id(),
    tenantId: tenantId(),
    knowledgeBaseId: text()
      .notNull()
      .references(() => knowledgeBase.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    /** text, markdown, html, pdf or url. */
    sourceType: text({ enum: ['text', 'markdown', 'html', 'pdf', 'url'] }).notNull(),
    sourceUrl: text(),
    /** The document's text as extracted (PDF and HTML turned into text), kept so it can be ingested again. */
    content: text().notNull(),
    contentHash: text().notNull(),
    bytes: integer().notNull(),
    status: text({ enum: documentStatusValues }).notNull().default('QUEUED'),
    /** 0–1 while ingesting. */
    progress: real().notNull().default(0),
    chunkCount: counter(),
    error: text(),
    metadata: jsonb().$type<JsonObject>(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.knowledgeBaseId, t.createdAt), ...tenantOwned(t)],
);

export const kbChunk = pgTable(
  'kb_chunk',
  {
    id: id(),
    tenantId: tenantId(),
    knowledgeBaseId: text()
      .notNull()
      .references(() => knowledgeBase.id, { onDelete: 'cascade' }),
    documentId: text()
      .notNull()
      .references(() => kbDocument.id, { onDelete: 'cascade' }),
    ordinal: integer().notNull(),
    content: text().notNull(),
    metadata: jsonb().$type<JsonObject>(),
    tsv: tsvector().generatedAlwaysAs(sql`to_tsvector('english', content)`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex().on(t.documentId, t.ordinal),
    index().on(t.knowledgeBaseId),
    index('kb_chunk_tsv_index').using('gin', t.tsv),
    ...tenantOwned(t),
  ],
);

export const knowledgeBaseSelectSchema = createSelectSchema(knowledgeBase);
export type KnowledgeBase = typeof knowledgeBase.$inferSelect;
export const kbDocumentSelectSchema = createSelectSchema(kbDocument);
export type KbDocument = typeof kbDocument.$inferSelect;
export type KbChunk = typeof kbChunk.$inferSelect;
