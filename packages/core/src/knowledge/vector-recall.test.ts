// HNSW recall against exact search: a generated corpus (3,000 chunks, 512-dimension vectors around 150 topics) in a
// knowledge base with its per-base HNSW index; 50 queries near a topic through the store's search statement. The index
// (the plan is checked to use it) must find at least 95 % of the exact top 10. Needs pgvector (PGlite ships it).
import { type DatabaseHandle, organization, tenantDb } from '@trellis/db';
import { createTestDatabase, seededRandom } from '@trellis/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config';
import { systemContext } from '../context';
import { createRuntime } from '../runtime';
import { vectorLiteral } from './embedders';
import { KnowledgeStore } from './knowledge-store';
import { createKnowledgeBase } from './service';

const pgvector = process.env.TRELLIS_TEST_DB !== 'postgres';
const DIMS = 512;
let handle: DatabaseHandle;

const unit = (v: number[]) => {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};

beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values({ id: 'org-recall', name: 'Recall', slug: 'org-recall' });
});
afterAll(() => handle?.close());

describe('HNSW recall', () => {
  it.skipIf(!pgvector)('finds at least 95 % of the exact top 10', async () => {
    const runtime = createRuntime(loadConfig({ BETTER_AUTH_SECRET: 'recall-secret-recall-secret-recall-secret' }));
    runtime.vectorSearch = true;
    const ctx = systemContext(tenantDb(handle.db, 'org-recall'), runtime, 'org-recall');
    const kb = await createKnowledgeBase(ctx, { name: 'Generated' });
    const docId = crypto.randomUUID();
    await handle.db.execute(sql`insert into kb_document (id, tenant_id, knowledge_base_id, title, source_type, content,
      content_hash, bytes, status) values (${docId}, 'org-recall', ${kb.id}, 'corpus', 'text', '', '', 0, 'READY')`);
    const rnd = seededRandom(7);
    const centers = Array.from({ length: 150 }, () => unit(Array.from({ length: DIMS }, () => rnd() - 0.5)));
    const near = (topic: number, spread: number) => unit(centers[topic].map((x) => x + (rnd() - 0.5) * spread));
    for (let i = 0; i < 3000; i += 500) {
      const rows = Array.from({ length: 500 }, (_, j) => {
        const v = near(Math.floor(rnd() * centers.length), 0.08);
        return sql`(${crypto.randomUUID()}, 'org-recall', ${kb.id}, ${docId}, ${i + j}, ${`chunk ${i + j}`}, '{}'::jsonb, ${vectorLiteral(v)}::vector)`;
      });
      await handle.db.execute(sql`insert into kb_chunk (id, tenant_id, knowledge_base_id, document_id, ordinal, content,
        metadata, embedding) values ${sql.join(rows, sql`, `)}`);
    }
    // As the ingest job does after each document (PGlite has no autovacuum to do it).
    await KnowledgeStore.of(ctx).analyze();
    const store = KnowledgeStore.of(ctx);
    const efSearch = kb.efSearch;
    const search = (embedding: number[], exact: boolean) =>
      store.search(kb, { text: '', embedding, k: 10, candidates: 10, efSearch, exact });
    const plan = JSON.stringify(
      await store.search(kb, { text: '', embedding: near(0, 0.1), k: 10, candidates: 10, efSearch, explain: true }),
    );
    expect(plan).toContain('kb_chunk_hnsw_');
    let found = 0;
    for (let q = 0; q < 50; q++) {
      const embedding = near(Math.floor(rnd() * centers.length), 0.1);
      const exact = (await search(embedding, true)).map((r) => r.chunk_id);
      const approx = (await search(embedding, false)).map((r) => r.chunk_id);
      expect(exact).toHaveLength(10);
      found += approx.filter((id) => exact.includes(id)).length;
    }
    expect(found / 500).toBeGreaterThanOrEqual(0.95);
  });
});
