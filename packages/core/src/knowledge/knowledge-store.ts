// Knowledge bases' data access, bound to one tenant: bases (with their per-base HNSW index), documents, chunks
// (their embeddings written with SQL of ours: the column exists only with pgvector) and the hybrid search — vector
// and full-text ranks fused by reciprocal rank in one statement. Every statement names the tenant.
import { type KbDocument, type KnowledgeBase, kbChunk, kbDocument, knowledgeBase } from '@trellis/db';
import { and, asc, count, desc, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import { TenantStore } from '../tenant-store';
import { vectorLiteral } from './embedders';

type NewBase = Omit<typeof knowledgeBase.$inferInsert, 'tenantId' | 'id'>;
type NewDocument = Omit<typeof kbDocument.$inferInsert, 'tenantId' | 'id'>;

/** A chunk ready to store: its text, place, metadata and (with pgvector) its embedding. */
export interface ChunkRow {
  ordinal: number;
  content: string;
  metadata: Record<string, unknown>;
  embedding?: number[];
}

export interface SearchParams {
  text: string;
  embedding?: number[];
  k: number;
  /** Candidates taken from each ranking before fusion. */
  candidates: number;
  documentIds?: string[];
  metadata?: Record<string, unknown>;
  efSearch: number;
  /** Exact vector search (no index): the reference the benchmark measures recall against. */
  exact?: boolean;
  /** Answer the statement's plan (EXPLAIN rows) instead of its rows: tests check the index is used. */
  explain?: boolean;
}

export interface SearchRow {
  chunk_id: string;
  document_id: string;
  title: string;
  source_url: string | null;
  ordinal: number;
  content: string;
  metadata: Record<string, unknown> | null;
  vector_rank: number | null;
  text_rank: number | null;
  score: number;
}

/** Reciprocal-rank fusion's constant (the usual 60). */
const RRF_K = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The name of a knowledge base's HNSW index (its id is a UUID we made: safe to name and to inline). */
function indexName(kbId: string): string {
  if (!UUID.test(kbId)) throw new Error(`not a knowledge base id: ${kbId}`);
  return `kb_chunk_hnsw_${kbId.replaceAll('-', '')}`;
}

export class KnowledgeStore extends TenantStore {
  private baseKey(idOrSlug: string): SQL {
    return and(
      eq(knowledgeBase.tenantId, this.tenantId),
      or(eq(knowledgeBase.id, idOrSlug), eq(knowledgeBase.slug, idOrSlug)),
    ) as SQL;
  }

  async listBases(): Promise<(KnowledgeBase & { documents: number; chunks: number })[]> {
    const rows = await this.db
      .select()
      .from(knowledgeBase)
      .where(eq(knowledgeBase.tenantId, this.tenantId))
      .orderBy(asc(knowledgeBase.name));
    const counted = async (table: typeof kbDocument | typeof kbChunk) =>
      new Map(
        (
          await this.db
            .select({ kb: table.knowledgeBaseId, n: count() })
            .from(table)
            .where(eq(table.tenantId, this.tenantId))
            .groupBy(table.knowledgeBaseId)
        ).map((r) => [r.kb, r.n]),
      );
    const [documents, chunks] = await Promise.all([counted(kbDocument), counted(kbChunk)]);
    return rows.map((r) => ({ ...r, documents: documents.get(r.id) ?? 0, chunks: chunks.get(r.id) ?? 0 }));
  }

  async findBase(idOrSlug: string): Promise<KnowledgeBase | undefined> {
    const [row] = await this.db.select().from(knowledgeBase).where(this.baseKey(idOrSlug));
    return row;
  }

  async counts(kbId: string): Promise<{ documents: number; chunks: number }> {
    const [docs] = await this.db
      .select({ n: count() })
      .from(kbDocument)
      .where(and(eq(kbDocument.tenantId, this.tenantId), eq(kbDocument.knowledgeBaseId, kbId)));
    const [chunks] = await this.db
      .select({ n: count() })
      .from(kbChunk)
      .where(and(eq(kbChunk.tenantId, this.tenantId), eq(kbChunk.knowledgeBaseId, kbId)));
    return { documents: docs.n, chunks: chunks.n };
  }

  async insertBase(values: NewBase): Promise<KnowledgeBase> {
    const [row] = await this.db
      .insert(knowledgeBase)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  async updateBase(id: string, values: Partial<NewBase>): Promise<KnowledgeBase | undefined> {
    const [row] = await this.db.update(knowledgeBase).set(values).where(this.baseKey(id)).returning();
    return row;
  }

  async deleteBase(id: string): Promise<KnowledgeBase | undefined> {
    const [row] = await this.db.delete(knowledgeBase).where(this.baseKey(id)).returning();
    return row;
  }

  /** The base's HNSW index over its own chunks (cosine distance at its dimensions). */
  async createVectorIndex(kb: Pick<KnowledgeBase, 'id' | 'dimensions'>): Promise<void> {
    const dims = Math.trunc(kb.dimensions);
    await this.db.execute(
      sql.raw(
        `create index if not exists ${indexName(kb.id)} on kb_chunk using hnsw ((embedding::vector(${dims})) vector_cosine_ops) where knowledge_base_id = '${kb.id}'`,
      ),
    );
  }

  async dropVectorIndex(kbId: string): Promise<void> {
    await this.db.execute(sql.raw(`drop index if exists ${indexName(kbId)}`));
  }

  /**
   * Refreshes the planner's statistics of the chunks (all knowledge bases): without them a grown knowledge base looks
   * empty to the planner, which then scans instead of using its HNSW index. PGlite runs no autovacuum to do it.
   */
  async analyze(): Promise<void> {
    await this.db.execute(sql`analyze kb_chunk`);
  }

  /** The base's documents, newest first, without their text. */
  listDocuments(kbId: string): Promise<Omit<KbDocument, 'content'>[]> {
    const { content: _text, ...columns } = getTableColumns(kbDocument);
    return this.db
      .select(columns)
      .from(kbDocument)
      .where(and(eq(kbDocument.tenantId, this.tenantId), eq(kbDocument.knowledgeBaseId, kbId)))
      .orderBy(desc(kbDocument.createdAt));
  }

  async findDocument(kbId: string, docId: string): Promise<KbDocument | undefined> {
    const [row] = await this.db
      .select()
      .from(kbDocument)
      .where(
        and(eq(kbDocument.tenantId, this.tenantId), eq(kbDocument.knowledgeBaseId, kbId), eq(kbDocument.id, docId)),
      );
    return row;
  }

  async findDocumentById(docId: string): Promise<KbDocument | undefined> {
    const [row] = await this.db
      .select()
      .from(kbDocument)
      .where(and(eq(kbDocument.tenantId, this.tenantId), eq(kbDocument.id, docId)));
    return row;
  }

  async insertDocument(values: NewDocument): Promise<KbDocument> {
    const [row] = await this.db
      .insert(kbDocument)
      .values({ ...values, tenantId: this.tenantId })
      .returning();
    return row;
  }

  async updateDocument(docId: string, values: Partial<NewDocument>): Promise<KbDocument | undefined> {
    const [row] = await this.db
      .update(kbDocument)
      .set(values)
      .where(and(eq(kbDocument.tenantId, this.tenantId), eq(kbDocument.id, docId)))
      .returning();
    return row;
  }

  async deleteDocument(kbId: string, docId: string): Promise<KbDocument | undefined> {
    const [row] = await this.db
      .delete(kbDocument)
      .where(
        and(eq(kbDocument.tenantId, this.tenantId), eq(kbDocument.knowledgeBaseId, kbId), eq(kbDocument.id, docId)),
      )
      .returning();
    return row;
  }

  /** Replaces the document's chunks (call inside the transaction that marks it READY). */
  async replaceChunks(doc: Pick<KbDocument, 'id' | 'knowledgeBaseId'>, chunks: ChunkRow[], withVectors: boolean) {
    await this.db.delete(kbChunk).where(and(eq(kbChunk.tenantId, this.tenantId), eq(kbChunk.documentId, doc.id)));
    for (let i = 0; i < chunks.length; i += 200) {
      const rows = chunks
        .slice(i, i + 200)
        .map(
          (c) =>
            sql`(${crypto.randomUUID()}, ${this.tenantId}, ${doc.knowledgeBaseId}, ${doc.id}, ${c.ordinal}, ${c.content}, ${JSON.stringify(c.metadata)}::jsonb${
              withVectors ? sql`, ${c.embedding ? vectorLiteral(c.embedding) : null}::vector` : sql``
            })`,
        );
      await this.db.execute(
        sql`insert into kb_chunk (id, tenant_id, knowledge_base_id, document_id, ordinal, content, metadata${
          withVectors ? sql`, embedding` : sql``
        }) values ${sql.join(rows, sql`, `)}`,
      );
    }
  }

  /**
   * The k best chunks by reciprocal-rank fusion of the vector ranking (when an embedding is given) and the full-text
   * ranking, each over `candidates` chunks, filtered by documents and document metadata; one statement.
   */
  async search(kb: Pick<KnowledgeBase, 'id' | 'dimensions'>, p: SearchParams): Promise<SearchRow[]> {
    const filters = [sql`c.tenant_id = ${this.tenantId}`, sql`c.knowledge_base_id = ${kb.id}`];
    if (p.documentIds?.length)
      filters.push(
        sql`c.document_id in (${sql.join(
          p.documentIds.map((d) => sql`${d}`),
          sql`, `,
        )})`,
      );
    if (p.metadata && Object.keys(p.metadata).length)
      filters.push(sql`c.metadata @> ${JSON.stringify(p.metadata)}::jsonb`);
    const where = sql.join(filters, sql` and `);
    const dims = sql.raw(String(Math.trunc(kb.dimensions)));
    const vectorCte = p.embedding
      ? sql`v as (
          select id, row_number() over (order by d) as r from (
            select c.id, c.embedding::vector(${dims}) <=> ${vectorLiteral(p.embedding)}::vector(${dims}) as d
            from kb_chunk c where ${where} and c.embedding is not null
            order by d limit ${p.candidates}) s)`
      : sql`v as (select null::text as id, null::bigint as r where false)`;
    // Full text matches any of the question's words (not all of them): a question rarely repeats a passage word for
    // word; ranking puts the passages with more of its words, closer together, first. The query is written inline
    // (not joined from a CTE) so the GIN index serves it; with no words there is no text ranking at all.
    const tsquery = sql`replace(plainto_tsquery('english', ${p.text})::text, '&', '|')::tsquery`;
    const textCte = p.text.trim()
      ? sql`t as (
          select c.id, row_number() over (order by ts_rank_cd(c.tsv, ${tsquery}) desc, c.id) as r
          from kb_chunk c where ${where} and c.tsv @@ ${tsquery}
          order by ts_rank_cd(c.tsv, ${tsquery}) desc, c.id limit ${p.candidates})`
      : sql`t as (select null::text as id, null::bigint as r where false)`;
    const query = sql`with ${vectorCte},
      ${textCte},
      f as (select coalesce(v.id, t.id) as id, v.r as vr, t.r as tr from v full outer join t on v.id = t.id)
      select c.id as chunk_id, c.document_id, d.title, d.source_url, c.ordinal, c.content, c.metadata,
        f.vr::int as vector_rank, f.tr::int as text_rank,
        (coalesce(1.0 / (${RRF_K} + f.vr), 0) + coalesce(1.0 / (${RRF_K} + f.tr), 0))::float8 as score
      from f join kb_chunk c on c.id = f.id join kb_document d on d.id = c.document_id
      order by score desc, c.id limit ${p.k}`;
    return this.db.transaction(async (tx) => {
      // For this transaction only, in one statement: the search width; filters applied inside the index scan, which
      // goes on until it has enough rows (pgvector ≥ 0.8); and the HNSW index taken for the ordering — the planner
      // cannot estimate the row-level security filter and, thinking few rows match, would sort them all instead
      // (exact, but slow on a large knowledge base). `exact` turns the index off: the reference search.
      if (p.embedding)
        await tx.execute(
          sql`select set_config('hnsw.ef_search', ${String(Math.trunc(p.efSearch))}, true),
            set_config('hnsw.iterative_scan', 'relaxed_order', true),
            set_config('enable_indexscan', ${p.exact ? 'off' : 'on'}, true),
            set_config('enable_sort', ${p.exact ? 'on' : 'off'}, true)`,
        );
      const result = await tx.execute(p.explain ? sql`explain ${query}` : query);
      return (result as unknown as { rows: SearchRow[] }).rows;
    });
  }
}
