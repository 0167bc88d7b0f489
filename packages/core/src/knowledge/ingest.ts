// The knowledge-ingest job: a queued document is read (a URL fetched under web-fetch's rules), chunked, embedded in
// batches (progress kept on the document) and its chunks replaced in the transaction that marks it READY — so a
// search sees the old chunks or the new ones, never half. A document that cannot be read or embedded is FAILED with
// the reason. Idempotent: a document no longer queued or in progress is left alone.
import type { ServiceContext } from '../context';
import { safeFetchBytes } from '../tools/builtin/safe-fetch';
import { chunkText, formatOf, pdfText, type SourceFormat } from './chunking';
import { embedderFor } from './embedders';
import { type ChunkRow, KnowledgeStore } from './knowledge-store';

/** Texts per embedding call (and per progress update). */
const EMBED_BATCH = 32;
/** The largest page or file a URL document may be. */
const URL_MAX_BYTES = 10_000_000;

/** The text and format of a URL document, fetched now. */
async function fetchSource(ctx: ServiceContext, url: string): Promise<{ format: SourceFormat; content: string }> {
  const res = await safeFetchBytes(url, {
    ...ctx.runtime.webFetch,
    maxBytes: URL_MAX_BYTES,
    headers: { accept: 'text/html,text/markdown,text/plain,application/pdf,*/*' },
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`fetching ${url} answered HTTP ${res.status}`);
  if (res.truncated) throw new Error(`${url} is larger than ${URL_MAX_BYTES} bytes`);
  const format = formatOf(res.contentType, new URL(res.url).pathname);
  if (!format) throw new Error(`${url} is ${res.contentType || 'of no stated type'}: not text, Markdown, HTML or PDF`);
  return { format, content: format === 'pdf' ? await pdfText(new Uint8Array(res.body)) : res.body.toString('utf8') };
}

export async function ingestDocument(ctx: ServiceContext, documentId: string) {
  const store = KnowledgeStore.of(ctx);
  const doc = await store.findDocumentById(documentId);
  if (!doc) return { handled: false };
  if (doc.status !== 'QUEUED' && doc.status !== 'PROCESSING') return { handled: true, skipped: doc.status };
  const kb = await store.findBase(doc.knowledgeBaseId);
  if (!kb) return { handled: false };
  await store.updateDocument(doc.id, { status: 'PROCESSING', progress: 0.05, error: null });
  try {
    let { content } = doc;
    let format = doc.sourceType as SourceFormat;
    if (doc.sourceType === 'url' && doc.sourceUrl) {
      ({ format, content } = await fetchSource(ctx, doc.sourceUrl));
      await store.updateDocument(doc.id, { content, bytes: Buffer.byteLength(content), progress: 0.1 });
    }
    const chunks = await chunkText(format, content, kb.chunkSize, kb.chunkOverlap);
    if (!chunks.length) throw new Error('the document holds no text');
    const rows: ChunkRow[] = chunks.map((c, ordinal) => ({
      ordinal,
      content: c.content,
      metadata: { ...(doc.metadata ?? {}), ...c.metadata },
    }));
    if (ctx.runtime.vectorSearch) {
      const embedder = embedderFor(ctx, kb.embeddingModel, kb.dimensions);
      for (let i = 0; i < rows.length; i += EMBED_BATCH) {
        const batch = rows.slice(i, i + EMBED_BATCH);
        const vectors = await embedder.embed(batch.map((r) => r.content));
        batch.forEach((r, j) => {
          r.embedding = vectors[j];
        });
        const done = Math.min(rows.length, i + EMBED_BATCH);
        await store.updateDocument(doc.id, { progress: 0.1 + (0.85 * done) / rows.length });
      }
    }
    await ctx.db.transaction(async (tx) => {
      const inTx = KnowledgeStore.of(ctx, tx);
      await inTx.replaceChunks(doc, rows, ctx.runtime.vectorSearch);
      await inTx.updateDocument(doc.id, { status: 'READY', progress: 1, chunkCount: rows.length, error: null });
    });
    await store.analyze();
    return { handled: true, chunks: rows.length };
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    await store.updateDocument(doc.id, { status: 'FAILED', error });
    return { handled: true, failed: error };
  }
}
