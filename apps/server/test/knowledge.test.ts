// Knowledge bases end to end: documents as text, Markdown, HTML, a PDF upload and a URL are ingested by the job
// (chunked, embedded offline, indexed) and found again by hybrid search with known answers, filters and citations; a
// re-ingest replaces a document's chunks and a delete removes them; an agent's knowledge-search tool cites them. On
// PGlite (pgvector) search is hybrid; on PostgreSQL without pgvector it falls back to full text, and says so.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kbChunk, kbDocument } from '@trellis/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoWrites } from './agent-helpers';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

const vectors = process.env.TRELLIS_TEST_DB !== 'postgres';
const expectedMode = vectors ? 'hybrid' : 'text';
const pdf = readFileSync(new URL('./fixtures/office-cat.pdf', import.meta.url));

let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };
let mallory: ApiClient & { tenantId: string };
let site: Server;
let siteUrl: string;
let pageText =
  '<html><body><h1>Parking</h1><p>Visitors park in the blue garage on Elm Street, level two.</p></body></html>';
let kb: { id: string; slug: string };
const docs: Record<string, string> = {};

beforeAll(async () => {
  site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(pageText));
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  h = await startHarnessWithFakeOpenAi({ WEB_FETCH_ALLOWLIST: new URL(siteUrl).host });
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => site?.close(r));
});

async function ready(docId: string, kbId = kb.id) {
  for (let i = 0; i < 300; i++) {
    const doc = (await alice.get(`/api/knowledge-bases/${kbId}/documents/${docId}`)).body;
    if (doc.status === 'READY' || doc.status === 'FAILED') return doc;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`document ${docId} was not ingested`);
}

const search = (q: string, extra = '') =>
  alice.get(`/api/knowledge-bases/${kb.slug}/search?q=${encodeURIComponent(q)}${extra}`);

describe('knowledge bases', () => {
  it('creates a knowledge base on the offline embedder and reports the search mode', async () => {
    const res = await alice.post('/api/knowledge-bases', {
      name: 'Company handbook',
      chunkSize: 300,
      chunkOverlap: 30,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      slug: 'company-handbook',
      embeddingModel: 'offline/universal-sentence-encoder-lite',
      dimensions: 512,
      documents: 0,
    });
    kb = res.body;
    const list = await alice.get('/api/knowledge-bases');
    expect(list.body).toMatchObject({ vectorSearch: vectors, knowledgeBases: [{ slug: 'company-handbook' }] });
    expect((await alice.get('/api/health')).body.knowledge).toEqual({ search: expectedMode });
  });

  it.each([
    [{ name: 'x', chunkSize: 200, chunkOverlap: 200 }, 'chunkOverlap'],
    [{ name: 'x', embeddingModel: 'not-a-model' }, 'embeddingModel'],
    [{ name: '' }, 'name'],
  ])('refuses %j with a 400 naming the field', async (body, field) => {
    const res = await expectNoWrites(h, [alice.tenantId], () => alice.post('/api/knowledge-bases', body));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain(field);
  });

  it('refuses a provider embedding model whose provider is not configured', async () => {
    const res = await alice.post('/api/knowledge-bases', {
      name: 'Remote',
      embeddingModel: 'google/text-embedding-004',
      dimensions: 768,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MODEL_NOT_CONFIGURED');
  });
});

describe('documents', () => {
  it('ingests text, Markdown, HTML, a PDF upload and a URL, with progress to READY', async () => {
    const add = async (body: unknown) => {
      const res = await alice.post(`/api/knowledge-bases/${kb.id}/documents`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(['QUEUED', 'PROCESSING', 'READY']).toContain(res.body.status);
      return res.body.id as string;
    };
    docs.refunds = await add({
      title: 'Refund policy',
      content:
        'Customers may return any item within 30 days of delivery for a full refund. Refunds are paid to the original card within five business days.',
      metadata: { team: 'support' },
    });
    docs.shipping = await add({
      title: 'Shipping',
      content: 'We ship to forty countries. Standard delivery takes five business days; express takes two.',
      metadata: { team: 'logistics' },
    });
    docs.warranty = await add({
      title: 'Warranty',
      format: 'markdown',
      content:
        '# Warranty\n\n## Electronics\n\nElectronics carry a two-year warranty against defects.\n\n## Furniture\n\nFurniture carries a ten-year frame warranty.',
    });
    docs.support = await add({
      title: 'Support hours',
      format: 'html',
      content:
        '<html><head><script>var tracking = 1;</script></head><body><h1>Support hours</h1><p>Our support desk answers calls Monday to Friday from nine to five.</p></body></html>',
    });
    const form = new FormData();
    form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'office-cat.pdf');
    form.set('title', 'Office animals');
    const upload = await fetch(`${h.url}/api/knowledge-bases/${kb.id}/documents`, {
      method: 'POST',
      headers: alice.authHeaders(),
      body: form,
    });
    expect(upload.status).toBe(202);
    docs.pdf = (await upload.json()).id;
    docs.url = await add({ url: `${siteUrl}/parking.html`, title: 'Parking' });

    for (const id of Object.values(docs)) {
      const doc = await ready(id);
      expect(doc, JSON.stringify(doc)).toMatchObject({ status: 'READY', progress: 1 });
      expect(doc.chunkCount).toBeGreaterThan(0);
    }
    const warranty = await h.trellis.database.db.select().from(kbChunk).where(eq(kbChunk.documentId, docs.warranty));
    expect(warranty.map((c) => c.metadata)).toEqual([
      { h1: 'Warranty', h2: 'Electronics' },
      { h1: 'Warranty', h2: 'Furniture' },
    ]);
    const support = await h.trellis.database.db.select().from(kbChunk).where(eq(kbChunk.documentId, docs.support));
    expect(support.map((c) => c.content).join(' ')).not.toContain('tracking');
    const listed = await alice.get(`/api/knowledge-bases/${kb.id}/documents`);
    expect(listed.body.documents).toHaveLength(6);
    expect(listed.body.documents[0]).not.toHaveProperty('content');
    if (vectors) {
      const embedded = await h.trellis.database.db.execute(
        sql`select count(*)::int as n from kb_chunk where tenant_id = ${alice.tenantId} and embedding is not null`,
      );
      const total = await h.trellis.database.db.select().from(kbChunk).where(eq(kbChunk.tenantId, alice.tenantId));
      expect((embedded as unknown as { rows: { n: number }[] }).rows[0].n).toBe(total.length);
    }
  });

  it.each([
    ['an empty document', { title: 'x', content: '' }],
    ['a file URL', { url: 'file:///etc/passwd' }],
    ['an unknown format', { title: 'x', content: 'y', format: 'docx' }],
  ])('refuses %s with a 400, writing nothing', async (_name, body) => {
    const res = await expectNoWrites(h, [alice.tenantId], () =>
      alice.post(`/api/knowledge-bases/${kb.id}/documents`, body),
    );
    expect(res.status).toBe(400);
  });

  it('refuses an upload it cannot read as text', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array([0, 1, 2, 3])], { type: 'application/zip' }), 'archive.zip');
    const res = await fetch(`${h.url}/api/knowledge-bases/${kb.id}/documents`, {
      method: 'POST',
      headers: alice.authHeaders(),
      body: form,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/Unsupported file type/);
  });

  it('a URL the SSRF rules refuse fails the document with the reason', async () => {
    const res = await alice.post(`/api/knowledge-bases/${kb.id}/documents`, { url: 'http://169.254.169.254/latest' });
    expect(res.status).toBe(202);
    const doc = await ready(res.body.id);
    expect(doc.status).toBe('FAILED');
    expect(doc.error).toMatch(/not a public address/);
    await alice.delete(`/api/knowledge-bases/${kb.id}/documents/${res.body.id}`);
  });
});

describe('search', () => {
  it.each([
    ['how many days do I have to return an item for a refund', 'Refund policy'],
    ['how long does standard delivery take', 'Shipping'],
    ['warranty on electronics', 'Warranty'],
    ['when can I call the support desk', 'Support hours'],
    ['what is the name of the office cat', 'Office animals'],
    ['where do visitors park', 'Parking'],
  ])('finds the answer to "%s" in %s', async (q, title) => {
    const res = await search(q, '&k=3');
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe(expectedMode);
    expect(
      res.body.hits[0].documentTitle,
      JSON.stringify(res.body.hits.map((h: { documentTitle: string }) => h.documentTitle)),
    ).toBe(title);
    expect(res.body.hits[0].citation).toMatch(new RegExp(`^${title}, part \\d+`));
    expect(res.body.hits[0].score).toBeGreaterThan(0);
  });

  it('ranks by both lists: a hit carries its vector and text ranks', async () => {
    const res = await search('refund within 30 days');
    const top = res.body.hits[0];
    expect(top.textRank).toBe(1);
    if (vectors) expect(top.vectorRank).not.toBeNull();
    else expect(top.vectorRank).toBeNull();
  });

  it('finds by meaning alone when no word matches (vector search)', async () => {
    if (!vectors) return;
    const res = await search('getting my money back', '&mode=vector&k=2');
    expect(res.body.mode).toBe('vector');
    expect(res.body.hits.map((h: { documentTitle: string }) => h.documentTitle)).toContain('Refund policy');
  });

  it('filters by documents and by document metadata', async () => {
    const byDoc = await search('business days', `&documentIds=${docs.shipping}`);
    expect(new Set(byDoc.body.hits.map((h: { documentId: string }) => h.documentId))).toEqual(new Set([docs.shipping]));
    const byMeta = await search('business days', `&metadata=${encodeURIComponent('{"team":"support"}')}`);
    expect(byMeta.body.hits.length).toBeGreaterThan(0);
    expect(byMeta.body.hits.every((h: { documentTitle: string }) => h.documentTitle === 'Refund policy')).toBe(true);
  });

  it.each([
    ['', 'q'],
    ['x&k=0', 'k'],
    ['x&metadata=not-json', 'metadata'],
  ])('refuses q=%s with a 400', async (query, field) => {
    const res = await alice.get(`/api/knowledge-bases/${kb.id}/search?q=${query}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain(field);
  });

  it('re-ingests a URL document: its chunks are replaced by the new text', async () => {
    pageText = '<html><body><h1>Parking</h1><p>Visitors now park in the red garage on Oak Avenue.</p></body></html>';
    const res = await alice.post(`/api/knowledge-bases/${kb.id}/documents/${docs.url}/reingest`);
    expect(res.status).toBe(202);
    await ready(docs.url);
    const chunks = await h.trellis.database.db.select().from(kbChunk).where(eq(kbChunk.documentId, docs.url));
    expect(chunks.map((c) => c.content).join(' ')).toContain('red garage');
    expect(chunks.map((c) => c.content).join(' ')).not.toContain('blue garage');
    const hits = (await search('red garage Oak Avenue')).body.hits;
    expect(hits[0].documentId).toBe(docs.url);
  });

  it('deleting a document removes its chunks (and vectors) from search', async () => {
    const res = await alice.delete(`/api/knowledge-bases/${kb.id}/documents/${docs.pdf}`);
    expect(res.body).toEqual({ id: docs.pdf, deleted: true });
    expect(await h.trellis.database.db.select().from(kbChunk).where(eq(kbChunk.documentId, docs.pdf))).toEqual([]);
    const hits = (await search('office cat Marmalade')).body.hits;
    expect(hits.every((hit: { documentId: string }) => hit.documentId !== docs.pdf)).toBe(true);
    expect((await alice.get(`/api/knowledge-bases/${kb.id}/documents/${docs.pdf}`)).status).toBe(404);
  });
});

describe('a provider embedding model', () => {
  it('embeds with the configured provider (OpenAI protocol) and searches by it', async () => {
    const res = await alice.post('/api/knowledge-bases', {
      name: 'Provider embedded',
      embeddingModel: 'openai/text-embedding-3-small',
      dimensions: 64,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ embeddingModel: 'openai/text-embedding-3-small', dimensions: 64 });
    h.fake.reset();
    const doc = await alice.post(`/api/knowledge-bases/${res.body.id}/documents`, {
      title: 'Garden',
      content: 'Tomatoes need six hours of sun. Water the basil every morning.',
    });
    expect((await ready(doc.body.id, res.body.id)).status).toBe('READY');
    const hits = await alice.get(
      `/api/knowledge-bases/${res.body.id}/search?q=${encodeURIComponent('sun for tomatoes')}`,
    );
    expect(hits.body.hits[0].documentTitle).toBe('Garden');
    const embeddings = h.fake.requests.filter((r) => r.provider === 'openai-embeddings');
    if (vectors) {
      // The document's chunk, then the question.
      expect(embeddings.map((r) => r.model)).toEqual(['text-embedding-3-small', 'text-embedding-3-small']);
      expect(hits.body.hits[0].vectorRank).toBe(1);
    } else expect(embeddings).toEqual([]);
  });

  it('fails a document whose vectors come back with other dimensions', async () => {
    if (!vectors) return;
    const res = await alice.post('/api/knowledge-bases', {
      name: 'Wrong size',
      embeddingModel: 'openai/text-embedding-3-small',
      dimensions: 32,
    });
    const doc = await alice.post(`/api/knowledge-bases/${res.body.id}/documents`, { title: 'x', content: 'some text' });
    const done = await ready(doc.body.id, res.body.id);
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(/returned 64 dimensions; the knowledge base expects 32/);
  });
});

describe('the knowledge-search tool', () => {
  it('lets an agent search with citations inside a run', async () => {
    const agent = await alice.post('/api/agents', {
      name: 'Handbook helper',
      instructions: 'Answer from the handbook and cite it.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['knowledge-search'],
    });
    expect(agent.status).toBe(201);
    h.fake.reset();
    h.fake.enqueue(
      { toolCalls: [{ name: 'knowledge-search', args: { query: 'refund days', knowledgeBase: kb.slug, k: 2 } }] },
      { text: 'Within 30 days [Refund policy, part 1].' },
    );
    const run = await alice.post(`/api/agents/${agent.body.id}/runs`, {
      input: 'How long do I have to return things?',
    });
    expect(run.body.status).toBe('COMPLETED');
    const call = run.body.toolCalls[0];
    expect(call).toMatchObject({ toolKey: 'knowledge-search', success: true });
    expect(call.outputJson.results[0]).toMatchObject({ knowledgeBase: kb.slug });
    expect(call.outputJson.results[0].citation).toMatch(/^Refund policy, part 1/);
    // The model got the passage and its citation as the tool result.
    expect(JSON.stringify(h.fake.requests[1].body)).toContain('Refund policy, part 1');
  });
});

describe('another organization', () => {
  it('gets 404 for every route of the knowledge base, and its search tool sees none of it', async () => {
    const routes = [
      () => mallory.get(`/api/knowledge-bases/${kb.id}`),
      () => mallory.put(`/api/knowledge-bases/${kb.id}`, { name: 'mine' }),
      () => mallory.get(`/api/knowledge-bases/${kb.id}/documents`),
      () => mallory.get(`/api/knowledge-bases/${kb.id}/documents/${docs.refunds}`),
      () => mallory.post(`/api/knowledge-bases/${kb.id}/documents`, { title: 'x', content: 'y' }),
      () => mallory.post(`/api/knowledge-bases/${kb.id}/documents/${docs.refunds}/reingest`),
      () => mallory.delete(`/api/knowledge-bases/${kb.id}/documents/${docs.refunds}`),
      () => mallory.get(`/api/knowledge-bases/${kb.id}/search?q=refund`),
      () => mallory.delete(`/api/knowledge-bases/${kb.id}`),
    ];
    for (const call of routes) expect((await call()).status).toBe(404);
    expect((await mallory.get('/api/knowledge-bases')).body.knowledgeBases).toEqual([]);
    const [doc] = await h.trellis.database.db.select().from(kbDocument).where(eq(kbDocument.id, docs.refunds));
    expect(doc.status).toBe('READY');
  });

  it('deleting the knowledge base removes its documents and chunks', async () => {
    const res = await alice.delete(`/api/knowledge-bases/${kb.id}`);
    expect(res.body).toMatchObject({ deleted: true });
    expect(await h.trellis.database.db.select().from(kbChunk).where(eq(kbChunk.knowledgeBaseId, kb.id))).toEqual([]);
    expect((await alice.get(`/api/knowledge-bases/${kb.id}`)).status).toBe(404);
  });
});
