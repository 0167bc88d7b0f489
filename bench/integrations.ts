// What the integrations cost. Knowledge search on the embedded database (pgvector): BENCH_KB_CHUNKS (default 100,000)
// synthetic chunks — 512-dimension vectors around 500 topics, text from a 2,000-word vocabulary — searched through
// the store's own statement: vector (HNSW), exact (no index) and hybrid (vector + full text fused), and recall@10 of
// HNSW against exact at three ef_search widths. Ingest: real documents through the knowledge-ingest job with the
// offline embedder, chunks per second. MCP: a tool call through Trellis's bound tool (cached connection, gate,
// timeout, recording) against the MCP SDK's own client calling the same stdio server directly, interleaved.
import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { organization, tenantDb } from '@trellis/db';
import { seededRandom } from '@trellis/testkit';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../packages/core/src/config';
import { systemContext } from '../packages/core/src/context';
import { ingestDocument } from '../packages/core/src/knowledge/ingest';
import { KnowledgeStore } from '../packages/core/src/knowledge/knowledge-store';
import { addDocument, createKnowledgeBase } from '../packages/core/src/knowledge/service';
import { McpConnections } from '../packages/core/src/mcp/connections';
import { createRuntime } from '../packages/core/src/runtime';
import { bindExternal } from '../packages/core/src/tools/registry';
import { onPglite } from './databases';
import { ms, percentile } from './stats';

const DIMS = 512;
const TOPICS = 500;

export interface SearchBench {
  chunks: number;
  seedSeconds: number;
  indexSeconds: number;
  queries: number;
  vector: { p50: number; p95: number };
  exact: { p50: number; p95: number };
  hybrid: { p50: number; p95: number };
  recall: { efSearch: number; recall: number; p50: number }[];
}

export interface IntegrationsBench {
  search: SearchBench;
  ingest: { documents: number; chunks: number; seconds: number; embedSeconds: number };
  mcp: { calls: number; direct: { p50: number; p95: number }; trellis: { p50: number; p95: number } };
}

function unit(v: number[]) {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

const vocabulary = Array.from({ length: 2000 }, (_, i) => `w${(i * 2654435761) % 1_000_003}`);

function runtimeFor(vectorSearch: boolean) {
  const runtime = createRuntime(loadConfig({ BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-1' }), {
    secret: 'bench-secret-bench-secret-bench-secret-1',
  });
  runtime.vectorSearch = vectorSearch;
  return runtime;
}

async function searchAtScale(chunks: number, queries: number): Promise<SearchBench> {
  return onPglite(async (database) => {
    const tenantId = 'org-bench-kb';
    await database.db.insert(organization).values({ id: tenantId, name: 'Bench', slug: tenantId });
    const ctx = systemContext(tenantDb(database.db, tenantId), runtimeFor(true), tenantId);
    const kb = await createKnowledgeBase(ctx, { name: 'Bench corpus' });
    const docId = crypto.randomUUID();
    await database.db.execute(sql`insert into kb_document (id, tenant_id, knowledge_base_id, title, source_type, content,
      content_hash, bytes, status) values (${docId}, ${tenantId}, ${kb.id}, 'corpus', 'text', '', '', 0, 'READY')`);
    const rnd = seededRandom(42);
    const centers = Array.from({ length: TOPICS }, () => unit(Array.from({ length: DIMS }, () => rnd() - 0.5)));
    const near = (topic: number, spread: number) => unit(centers[topic].map((x) => x + (rnd() - 0.5) * spread));
    const words = (topic: number) =>
      Array.from(
        { length: 40 },
        (_, i) => vocabulary[(topic * 37 + Math.floor(rnd() * 60) + i) % vocabulary.length],
      ).join(' ');
    // The index is dropped for the load and built after it (as a bulk load would).
    await KnowledgeStore.of(ctx).dropVectorIndex(kb.id);
    const t0 = performance.now();
    for (let i = 0; i < chunks; i += 500) {
      const rows = Array.from({ length: Math.min(500, chunks - i) }, (_, j) => {
        const topic = Math.floor(rnd() * TOPICS);
        return sql`(${crypto.randomUUID()}, ${tenantId}, ${kb.id}, ${docId}, ${i + j}, ${words(topic)}, '{}'::jsonb, ${`[${near(topic, 0.08).join(',')}]`}::vector)`;
      });
      await database.db.execute(sql`insert into kb_chunk (id, tenant_id, knowledge_base_id, document_id, ordinal, content,
        metadata, embedding) values ${sql.join(rows, sql`, `)}`);
    }
    const seedSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await KnowledgeStore.of(ctx).createVectorIndex(kb);
    await database.db.execute(sql`analyze kb_chunk`);
    const indexSeconds = (performance.now() - t1) / 1000;

    const store = KnowledgeStore.of(ctx);
    const qs = Array.from({ length: queries }, () => {
      const topic = Math.floor(rnd() * TOPICS);
      return { embedding: near(topic, 0.1), text: words(topic).split(' ').slice(0, 4).join(' ') };
    });
    const base = { k: 10, candidates: 40, efSearch: 100 };
    const time = async (fn: (q: (typeof qs)[number]) => Promise<unknown>) => {
      for (const q of qs.slice(0, 5)) await fn(q);
      const samples: number[] = [];
      for (const q of qs) {
        const t = performance.now();
        await fn(q);
        samples.push(performance.now() - t);
      }
      return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
    };
    const idsOf = async (q: (typeof qs)[number], exact: boolean, efSearch: number) =>
      (await store.search(kb, { ...base, text: '', embedding: q.embedding, exact, efSearch })).map((r) => r.chunk_id);
    const exactIds = await Promise.all(qs.map((q) => idsOf(q, true, 100)));
    const recall = [];
    for (const efSearch of [40, 100, 200]) {
      let found = 0;
      const samples: number[] = [];
      for (const [i, q] of qs.entries()) {
        const t = performance.now();
        const ids = await idsOf(q, false, efSearch);
        samples.push(performance.now() - t);
        found += ids.filter((id) => exactIds[i].includes(id)).length;
      }
      recall.push({ efSearch, recall: found / (qs.length * 10), p50: percentile(samples, 50) });
    }
    return {
      chunks,
      seedSeconds,
      indexSeconds,
      queries,
      vector: await time((q) => store.search(kb, { ...base, text: '', embedding: q.embedding })),
      exact: await time((q) => store.search(kb, { ...base, text: '', embedding: q.embedding, exact: true })),
      hybrid: await time((q) => store.search(kb, { ...base, text: q.text, embedding: q.embedding })),
      recall,
    };
  });
}

/** Real prose-like documents through the ingest job with the offline embedder. */
async function ingestRate(documents: number) {
  return onPglite(async (database) => {
    const tenantId = 'org-bench-ingest';
    await database.db.insert(organization).values({ id: tenantId, name: 'Bench', slug: tenantId });
    const ctx = systemContext(tenantDb(database.db, tenantId), runtimeFor(true), tenantId);
    const kb = await createKnowledgeBase(ctx, { name: 'Handbook', chunkSize: 800, chunkOverlap: 100 });
    const sentence = (i: number) =>
      `Section ${i} explains how the team handles ${vocabulary[i % 2000]} requests, who approves them, and how long each step takes before the customer hears back.`;
    const ids: string[] = [];
    for (let d = 0; d < documents; d++) {
      const content = Array.from({ length: 60 }, (_, i) => sentence(d * 60 + i)).join(' ');
      // Without a job system the document is ingested in the background; the measure below ingests it again.
      ids.push((await addDocument(ctx, kb.id, { title: `Doc ${d}`, content })).id);
    }
    await ctx.runtime.settled();
    await database.db.execute(sql`update kb_document set status = 'QUEUED' where tenant_id = ${tenantId}`);
    // Embedding alone, on the same texts, to tell the model's share from ours.
    const { embedderFor } = await import('../packages/core/src/knowledge/embedders');
    const { chunkText } = await import('../packages/core/src/knowledge/chunking');
    const texts = (
      await Promise.all(
        ids.map(async (_, d) =>
          chunkText('text', Array.from({ length: 60 }, (_, i) => sentence(d * 60 + i)).join(' '), 800, 100),
        ),
      )
    )
      .flat()
      .map((c) => c.content);
    const te = performance.now();
    await embedderFor(ctx, kb.embeddingModel, kb.dimensions).embed(texts);
    const embedSeconds = (performance.now() - te) / 1000;
    const t0 = performance.now();
    let chunks = 0;
    for (const id of ids) chunks += Number((await ingestDocument(ctx, id)).chunks ?? 0);
    return { documents, chunks, seconds: (performance.now() - t0) / 1000, embedSeconds };
  });
}

async function mcpOverhead(calls: number) {
  const require = createRequire(import.meta.url);
  const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
  const direct = new Client({ name: 'bench', version: '1.0.0' });
  await direct.connect(
    new StdioClientTransport({ command: process.execPath, args: [everything, 'stdio'], stderr: 'ignore' }),
  );
  const connections = new McpConnections();
  const spec = {
    serverId: 'bench',
    tenantId: 'bench',
    name: 'everything',
    definition: { command: process.execPath, args: [everything, 'stdio'], stderr: 'ignore' as const },
    timeoutMs: 30_000,
    version: '1',
  };
  try {
    const tool = (await connections.tools(spec))['everything_get-sum'];
    const bound = bindExternal(
      [
        {
          name: 'everything_get-sum',
          description: tool.description,
          inputSchema: tool.inputSchema,
          mcpServerId: 'bench',
          execute: (input) => tool.execute?.(input as never, {} as never) as Promise<unknown>,
        },
      ],
      () => {},
      () => {},
    )['everything_get-sum'];
    const viaTrellis = () => bound.execute?.({ a: 2, b: 3 } as never, {} as never);
    const viaSdk = () => direct.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } });
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < calls + 50; i++) {
      const [first, second, into] = i % 2 ? [viaSdk, viaTrellis, [a, b]] : [viaTrellis, viaSdk, [b, a]];
      let t = performance.now();
      await first();
      const d1 = performance.now() - t;
      t = performance.now();
      await second();
      const d2 = performance.now() - t;
      if (i >= 50) {
        into[0].push(d1);
        into[1].push(d2);
      }
    }
    return {
      calls,
      direct: { p50: percentile(a, 50), p95: percentile(a, 95) },
      trellis: { p50: percentile(b, 50), p95: percentile(b, 95) },
    };
  } finally {
    await direct.close();
    await connections.close();
  }
}

export async function measureIntegrations(): Promise<IntegrationsBench> {
  const chunks = Number(process.env.BENCH_KB_CHUNKS ?? 100_000);
  console.log(`  knowledge search over ${chunks} chunks…`);
  const search = await searchAtScale(chunks, 200);
  console.log('  ingest with the offline embedder…');
  const ingest = await ingestRate(10);
  console.log('  MCP tool calls…');
  const mcp = await mcpOverhead(500);
  return { search, ingest, mcp };
}

export function integrationsMarkdown(r: IntegrationsBench): string {
  const s = r.search;
  return `## Integrations

**Knowledge search** on the embedded database (PGlite with pgvector 0.8, one thread): ${s.chunks.toLocaleString('en')}
chunks of one knowledge base — 512-dimension vectors (the offline embedder's size) around ${TOPICS} topics, 40 words of
text each — loaded in ${s.seedSeconds.toFixed(0)} s, its HNSW index (m 16, ef_construction 64, cosine) built in
${s.indexSeconds.toFixed(0)} s. ${s.queries} queries near a topic, each through the store's search statement (one
transaction: \`ef_search\`, iterative scan, the query), k = 10; the query's embedding is given (embedding a question
offline takes ≈20 ms more).

| search | p50 | p95 |
|---|---|---|
| vector, HNSW (ef_search 100) | ${ms(s.vector.p50)} | ${ms(s.vector.p95)} |
| vector, exact (no index: the baseline) | ${ms(s.exact.p50)} | ${ms(s.exact.p95)} |
| hybrid: HNSW + full text, fused | ${ms(s.hybrid.p50)} | ${ms(s.hybrid.p95)} |

| ef_search | recall@10 against exact | p50 |
|---|---|---|
${s.recall.map((x) => `| ${x.efSearch} | ${x.recall.toFixed(3)} | ${ms(x.p50)} |`).join('\n')}

**Ingest** with the offline embedder (Universal Sentence Encoder lite, TensorFlow.js WebAssembly, one thread):
${r.ingest.documents} documents, ${r.ingest.chunks} chunks of ≤ 800 characters through the knowledge-ingest job's
function (chunk, embed in batches, replace the chunks in one transaction): ${r.ingest.seconds.toFixed(1)} s, **${(r.ingest.chunks / r.ingest.seconds).toFixed(1)} chunks/s**;
embedding the same texts alone took ${r.ingest.embedSeconds.toFixed(1)} s (${((100 * r.ingest.embedSeconds) / r.ingest.seconds).toFixed(0)} % of it).

**MCP tool calls**: \`get-sum\` of \`@modelcontextprotocol/server-everything\` over stdio, ${r.mcp.calls} calls each,
interleaved: through Trellis's bound tool (the cached connection of Mastra's MCPClient, the gate, the timeout, the call
record) against the MCP SDK's own client on its own connection to a second process of the same server.

| | p50 | p95 |
|---|---|---|
| MCP SDK client, direct (baseline) | ${ms(r.mcp.direct.p50)} | ${ms(r.mcp.direct.p95)} |
| through Trellis | ${ms(r.mcp.trellis.p50)} | ${ms(r.mcp.trellis.p95)} |
| ratio | ${(r.mcp.trellis.p50 / r.mcp.direct.p50).toFixed(2)}× | ${(r.mcp.trellis.p95 / r.mcp.direct.p95).toFixed(2)}× |
`;
}

// Run alone: `node --import tsx bench/integrations.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureIntegrations();
  console.log(integrationsMarkdown(r));
  process.exit(0);
}
