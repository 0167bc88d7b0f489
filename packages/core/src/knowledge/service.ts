// Knowledge bases: CRUD (each base with its embedding model, chunking and its own HNSW index), documents added as text,
// a URL or an uploaded file (ingested by the knowledge-ingest job, with progress), re-ingested or deleted with their
// chunks, and hybrid search — vector and full text fused by reciprocal rank, with document and metadata filters and a
// citation per hit. Without pgvector every search is full text (`mode: 'text'`), said in each answer.
import { createHash } from 'node:crypto';
import type { KbDocument, KnowledgeBase } from '@trellis/db';
import { slugFromName } from '../agents/schemas';
import { recordAudit } from '../audit/audit-store';
import type { Executor, ServiceContext } from '../context';
import { conflict, invalidInput, isUniqueViolation, notFound } from '../errors';
import { jobId, logSendFailure } from '../jobs/queue';
import { formatOf, pdfText, type SourceFormat } from './chunking';
import { embedderFor, OFFLINE_EMBEDDER } from './embedders';
import { ingestDocument } from './ingest';
import { KnowledgeStore } from './knowledge-store';
import {
  type DocumentCreateInput,
  documentCreateSchema,
  type KnowledgeBaseCreateInput,
  knowledgeBaseCreateSchema,
  knowledgeBaseUpdateSchema,
  type SearchHit,
  type SearchQuery,
  searchQuerySchema,
} from './schemas';

async function findBase(ctx: ServiceContext, idOrSlug: string): Promise<KnowledgeBase> {
  const kb = await KnowledgeStore.of(ctx).findBase(idOrSlug);
  if (!kb) throw notFound('Knowledge base', idOrSlug);
  return kb;
}

async function write<T>(ctx: ServiceContext, fn: (store: KnowledgeStore, tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction((tx) => fn(KnowledgeStore.of(ctx, tx), tx));
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('A knowledge base with that slug already exists', { field: 'slug' });
    throw e;
  }
}

export async function listKnowledgeBases(ctx: ServiceContext) {
  const bases = await KnowledgeStore.of(ctx).listBases();
  return { knowledgeBases: bases.map(({ tenantId: _t, ...kb }) => kb), vectorSearch: ctx.runtime.vectorSearch };
}

export async function getKnowledgeBase(ctx: ServiceContext, idOrSlug: string) {
  const kb = await findBase(ctx, idOrSlug);
  const { tenantId: _t, ...rest } = kb;
  return { ...rest, ...(await KnowledgeStore.of(ctx).counts(kb.id)) };
}

export async function createKnowledgeBase(ctx: ServiceContext, raw: KnowledgeBaseCreateInput) {
  const input = knowledgeBaseCreateSchema.parse(raw);
  // The model must be usable now (a provider that is not configured is refused here, not at the first ingest).
  const embedder = embedderFor(
    ctx,
    input.embeddingModel,
    input.embeddingModel === OFFLINE_EMBEDDER ? undefined : input.dimensions,
  );
  return write(ctx, async (store, tx) => {
    const kb = await store.insertBase({
      slug: input.slug ?? slugFromName(input.name, 'knowledge'),
      name: input.name,
      description: input.description ?? null,
      embeddingModel: embedder.id,
      dimensions: embedder.dimensions,
      chunkSize: input.chunkSize,
      chunkOverlap: input.chunkOverlap,
      efSearch: input.efSearch,
      createdBy: ctx.actor.type === 'system' ? null : ctx.actor.id,
    });
    if (ctx.runtime.vectorSearch) await store.createVectorIndex(kb);
    const { tenantId: _t, ...view } = kb;
    await recordAudit(tx, ctx, {
      action: 'knowledgeBase.create',
      entityType: 'knowledgeBase',
      entityId: kb.id,
      after: view,
    });
    return { ...view, documents: 0, chunks: 0 };
  });
}

export async function updateKnowledgeBase(ctx: ServiceContext, idOrSlug: string, raw: unknown) {
  const input = knowledgeBaseUpdateSchema.parse(raw);
  const kb = await findBase(ctx, idOrSlug);
  return write(ctx, async (store, tx) => {
    const row = await store.updateBase(kb.id, input);
    if (!row) throw notFound('Knowledge base', idOrSlug);
    const { tenantId: _t, ...after } = row;
    await recordAudit(tx, ctx, {
      action: 'knowledgeBase.update',
      entityType: 'knowledgeBase',
      entityId: kb.id,
      before: { name: kb.name, description: kb.description, efSearch: kb.efSearch },
      after,
    });
    return { ...after, ...(await KnowledgeStore.of(ctx, tx).counts(kb.id)) };
  });
}

export async function deleteKnowledgeBase(ctx: ServiceContext, idOrSlug: string) {
  const kb = await findBase(ctx, idOrSlug);
  return write(ctx, async (store, tx) => {
    await store.deleteBase(kb.id);
    if (ctx.runtime.vectorSearch) await store.dropVectorIndex(kb.id);
    await recordAudit(tx, ctx, {
      action: 'knowledgeBase.delete',
      entityType: 'knowledgeBase',
      entityId: kb.id,
      before: { name: kb.name, slug: kb.slug },
    });
    return { id: kb.id, slug: kb.slug, deleted: true as const };
  });
}

/** An uploaded file, as the route read it. */
export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
  title?: string;
  metadata?: Record<string, string | number | boolean>;
}

/** The document's text and format from a JSON body or an upload (a PDF read to text here). */
async function sourceOf(input: DocumentCreateInput | UploadedFile): Promise<{
  title: string;
  format: SourceFormat | 'url';
  content: string;
  sourceUrl: string | null;
  bytes: number;
  metadata?: Record<string, unknown>;
}> {
  if ('bytes' in input) {
    const format = formatOf(input.type, input.name);
    if (!format)
      throw invalidInput(`Unsupported file type '${input.type || input.name}': upload text, Markdown, HTML or PDF`, {
        field: 'file',
      });
    const content = format === 'pdf' ? await pdfText(input.bytes) : new TextDecoder().decode(input.bytes);
    if (!content.trim()) throw invalidInput('The file holds no text', { field: 'file' });
    return {
      title: input.title ?? input.name,
      format,
      content,
      sourceUrl: null,
      bytes: input.bytes.length,
      metadata: input.metadata,
    };
  }
  const body = documentCreateSchema.parse(input);
  if ('url' in body)
    return {
      title: body.title ?? body.url,
      format: 'url',
      content: '',
      sourceUrl: body.url,
      bytes: 0,
      metadata: body.metadata,
    };
  return {
    title: body.title,
    format: body.format ?? 'text',
    content: body.content,
    sourceUrl: null,
    bytes: Buffer.byteLength(body.content),
    metadata: body.metadata,
  };
}

/** Sends the document to the knowledge-ingest job (or ingests it in the background when no job system runs). */
function sendIngest(ctx: ServiceContext, doc: KbDocument) {
  const jobs = ctx.runtime.jobs;
  const work = jobs
    ? jobs
        .send(
          'knowledge-ingest',
          { tenantId: ctx.tenantId, documentId: doc.id },
          { id: jobId('knowledge-ingest', `${doc.id}:${doc.updatedAt.getTime()}`) },
        )
        .catch(logSendFailure('knowledge-ingest'))
    : ingestDocument(ctx, doc.id).catch((e) => console.error(`[knowledge] ingest of ${doc.id} failed: ${String(e)}`));
  ctx.runtime.background(work);
}

const documentView = ({ tenantId: _t, content: _c, ...doc }: KbDocument) => doc;

/** Adds a document (queued for ingest; `202` semantics): its text, a URL to fetch, or an uploaded file. */
export async function addDocument(ctx: ServiceContext, kbIdOrSlug: string, input: DocumentCreateInput | UploadedFile) {
  const kb = await findBase(ctx, kbIdOrSlug);
  const source = await sourceOf(input);
  const doc = await write(ctx, async (store, tx) => {
    const row = await store.insertDocument({
      knowledgeBaseId: kb.id,
      title: source.title.slice(0, 300),
      sourceType: source.format,
      sourceUrl: source.sourceUrl,
      content: source.content,
      contentHash: createHash('sha256').update(source.content).digest('hex'),
      bytes: source.bytes,
      status: 'QUEUED',
      metadata: source.metadata ?? null,
      createdBy: ctx.actor.type === 'system' ? null : ctx.actor.id,
    });
    await recordAudit(tx, ctx, {
      action: 'knowledgeDocument.create',
      entityType: 'knowledgeDocument',
      entityId: row.id,
      after: { knowledgeBaseId: kb.id, title: row.title, sourceType: row.sourceType, sourceUrl: row.sourceUrl },
    });
    return row;
  });
  sendIngest(ctx, doc);
  return documentView(doc);
}

export async function listDocuments(ctx: ServiceContext, kbIdOrSlug: string) {
  const kb = await findBase(ctx, kbIdOrSlug);
  return (await KnowledgeStore.of(ctx).listDocuments(kb.id)).map(({ tenantId: _t, ...d }) => d);
}

export async function getDocument(ctx: ServiceContext, kbIdOrSlug: string, docId: string) {
  const kb = await findBase(ctx, kbIdOrSlug);
  const doc = await KnowledgeStore.of(ctx).findDocument(kb.id, docId);
  if (!doc) throw notFound('Document', docId);
  return documentView(doc);
}

/** Ingests the document again from its kept text (a URL is fetched again): its chunks are replaced in one go. */
export async function reingestDocument(ctx: ServiceContext, kbIdOrSlug: string, docId: string) {
  const kb = await findBase(ctx, kbIdOrSlug);
  const doc = await write(ctx, async (store, tx) => {
    const current = await store.findDocument(kb.id, docId);
    if (!current) throw notFound('Document', docId);
    if (current.status === 'PROCESSING') throw conflict('The document is being ingested; try again when it is done');
    const row = await store.updateDocument(docId, { status: 'QUEUED', progress: 0, error: null });
    await recordAudit(tx, ctx, {
      action: 'knowledgeDocument.reingest',
      entityType: 'knowledgeDocument',
      entityId: docId,
    });
    return row as KbDocument;
  });
  sendIngest(ctx, doc);
  return documentView(doc);
}

/** Deletes the document and its chunks (and so its vectors) together. */
export async function deleteDocument(ctx: ServiceContext, kbIdOrSlug: string, docId: string) {
  const kb = await findBase(ctx, kbIdOrSlug);
  return write(ctx, async (store, tx) => {
    const row = await store.deleteDocument(kb.id, docId);
    if (!row) throw notFound('Document', docId);
    await recordAudit(tx, ctx, {
      action: 'knowledgeDocument.delete',
      entityType: 'knowledgeDocument',
      entityId: docId,
      before: { knowledgeBaseId: kb.id, title: row.title },
    });
    return { id: docId, deleted: true as const };
  });
}

/** Hybrid search of one knowledge base: the k best chunks with their document, score and citation. */
export async function searchKnowledgeBase(ctx: ServiceContext, kbIdOrSlug: string, raw: SearchQuery) {
  const q = searchQuerySchema.parse(raw);
  const kb = await findBase(ctx, kbIdOrSlug);
  return searchIn(ctx, kb, q);
}

export async function searchIn(
  ctx: ServiceContext,
  kb: KnowledgeBase,
  q: ReturnType<typeof searchQuerySchema.parse> & { exact?: boolean },
): Promise<{ mode: 'hybrid' | 'vector' | 'text'; hits: SearchHit[] }> {
  const mode = ctx.runtime.vectorSearch ? q.mode : 'text';
  const embedding =
    mode === 'text' ? undefined : (await embedderFor(ctx, kb.embeddingModel, kb.dimensions).embed([q.q]))[0];
  const rows = await KnowledgeStore.of(ctx).search(kb, {
    text: mode === 'vector' ? '' : q.q,
    embedding,
    k: q.k,
    candidates: Math.max(40, q.k * 4),
    documentIds: q.documentIds,
    metadata: q.metadata,
    efSearch: kb.efSearch,
    exact: q.exact,
  });
  return {
    mode,
    hits: rows.map((r) => ({
      chunkId: r.chunk_id,
      documentId: r.document_id,
      documentTitle: r.title,
      content: r.content,
      score: Number(r.score),
      vectorRank: r.vector_rank,
      textRank: r.text_rank,
      citation: `${r.title}, part ${r.ordinal + 1}${r.source_url ? ` (${r.source_url})` : ''}`,
      metadata: r.metadata,
    })),
  };
}

/**
 * The knowledge-search tool's search: one knowledge base by slug, or every one of the organization (hits merged by
 * score), each hit with its citation.
 */
export async function searchForAgent(ctx: ServiceContext, input: { query: string; knowledgeBase?: string; k: number }) {
  const store = KnowledgeStore.of(ctx);
  const bases = input.knowledgeBase
    ? [await findBase(ctx, input.knowledgeBase)]
    : (await store.listBases()).map(({ documents: _d, chunks: _c, ...kb }) => kb);
  if (!bases.length) return { query: input.query, results: [], note: 'the organization has no knowledge bases' };
  const q = searchQuerySchema.parse({ q: input.query, k: input.k });
  const found = await Promise.all(bases.map(async (kb) => ({ kb, ...(await searchIn(ctx, kb, q)) })));
  const results = found
    .flatMap(({ kb, hits }) => hits.map((h) => ({ knowledgeBase: kb.slug, ...h })))
    .sort((a, b) => b.score - a.score)
    .slice(0, input.k)
    .map((h) => ({ citation: h.citation, knowledgeBase: h.knowledgeBase, score: h.score, content: h.content }));
  return { query: input.query, mode: found[0].mode, results };
}
