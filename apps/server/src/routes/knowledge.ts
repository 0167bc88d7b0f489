// /api/knowledge-bases: knowledge bases, their documents (JSON text or URL, or a multipart file upload: text, Markdown,
// HTML or PDF — ingested by a job, with progress) and hybrid search with scores and citations.
import { createRoute, z } from '@hono/zod-openapi';
import {
  addDocument,
  createKnowledgeBase,
  deleteDocument,
  deleteKnowledgeBase,
  documentCreateSchema,
  documentViewSchema,
  getDocument,
  getKnowledgeBase,
  invalidInput,
  knowledgeBaseCreateSchema,
  knowledgeBaseUpdateSchema,
  knowledgeBaseViewSchema,
  listDocuments,
  listKnowledgeBases,
  reingestDocument,
  searchHitSchema,
  searchKnowledgeBase,
  searchQuerySchema,
  updateKnowledgeBase,
} from '@trellis/core';
import type { Context } from 'hono';
import { type AppEnv, commonErrors, component, createRouter, jsonResponse, pathId, security } from '../http/openapi';

const BaseSchema = component(knowledgeBaseViewSchema, 'KnowledgeBase');
const DocumentSchema = component(documentViewSchema, 'KnowledgeDocument');
const HitSchema = component(searchHitSchema, 'KnowledgeSearchHit');
const tags = ['Knowledge'];
const BaseParam = z.object({ kbId: pathId('kbId') });
const DocParam = BaseParam.extend({ docId: pathId('docId') });
const errors = { ...commonErrors, 409: commonErrors[400] };

/** The document a request adds: its JSON body, or the `file` (with optional `title` and `metadata`) of a form. */
async function documentInput(c: Context<AppEnv>) {
  if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
    return documentCreateSchema.parse(await c.req.json());
  const form = await c.req.parseBody();
  const file = form.file;
  if (!(file instanceof File)) throw invalidInput('Send the document as the form field `file`', { field: 'file' });
  let metadata: Record<string, string | number | boolean> | undefined;
  if (typeof form.metadata === 'string' && form.metadata.trim()) {
    try {
      metadata = JSON.parse(form.metadata);
    } catch {
      throw invalidInput('metadata must be a JSON object', { field: 'metadata' });
    }
  }
  return {
    name: file.name,
    type: file.type,
    bytes: new Uint8Array(await file.arrayBuffer()),
    title: typeof form.title === 'string' && form.title.trim() ? form.title.trim().slice(0, 300) : undefined,
    metadata,
  };
}

export const knowledgeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-bases',
      tags,
      security,
      summary: "The organization's knowledge bases with document and chunk counts, and whether vector search is on",
      responses: {
        200: jsonResponse(
          z.object({ knowledgeBases: z.array(BaseSchema), vectorSearch: z.boolean() }),
          'Knowledge bases',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listKnowledgeBases(c.var.ctx), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/knowledge-bases',
      tags,
      security,
      summary: 'Create a knowledge base (embedding model, chunk size and overlap, HNSW ef_search)',
      request: { body: { required: true, content: { 'application/json': { schema: knowledgeBaseCreateSchema } } } },
      responses: { 201: jsonResponse(BaseSchema, 'The knowledge base'), ...errors },
    }),
    async (c) => c.json(await createKnowledgeBase(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-bases/{kbId}',
      tags,
      security,
      summary: 'One knowledge base (id or slug)',
      request: { params: BaseParam },
      responses: { 200: jsonResponse(BaseSchema, 'The knowledge base'), ...commonErrors },
    }),
    async (c) => c.json(await getKnowledgeBase(c.var.ctx, c.req.valid('param').kbId), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/knowledge-bases/{kbId}',
      tags,
      security,
      summary: 'Rename it, describe it, or widen its vector search (efSearch)',
      request: {
        params: BaseParam,
        body: { required: true, content: { 'application/json': { schema: knowledgeBaseUpdateSchema } } },
      },
      responses: { 200: jsonResponse(BaseSchema, 'The knowledge base'), ...errors },
    }),
    async (c) => c.json(await updateKnowledgeBase(c.var.ctx, c.req.valid('param').kbId, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/knowledge-bases/{kbId}',
      tags,
      security,
      summary: 'Delete the knowledge base with its documents, chunks and vectors',
      request: { params: BaseParam },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), slug: z.string(), deleted: z.literal(true) }), 'Deleted'),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await deleteKnowledgeBase(c.var.ctx, c.req.valid('param').kbId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/knowledge-bases/{kbId}/documents',
      tags,
      security,
      summary:
        'Add a document: JSON `{title, content, format?}` or `{url}`, or a multipart upload (`file`: text, Markdown, HTML or PDF)',
      description:
        'Answers 202 with the document QUEUED; the knowledge-ingest job chunks and embeds it (watch `status` and `progress`).',
      request: {
        params: BaseParam,
        body: {
          required: false,
          content: {
            'application/json': { schema: documentCreateSchema },
            'multipart/form-data': {
              schema: z.object({ file: z.any(), title: z.string().optional(), metadata: z.string().optional() }),
            },
          },
        },
      },
      responses: { 202: jsonResponse(DocumentSchema, 'The document, queued'), ...errors },
    }),
    async (c) => c.json(await addDocument(c.var.ctx, c.req.valid('param').kbId, await documentInput(c as never)), 202),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-bases/{kbId}/documents',
      tags,
      security,
      summary: 'The documents, newest first, with status, progress and chunk counts',
      request: { params: BaseParam },
      responses: { 200: jsonResponse(z.object({ documents: z.array(DocumentSchema) }), 'Documents'), ...commonErrors },
    }),
    async (c) => c.json({ documents: await listDocuments(c.var.ctx, c.req.valid('param').kbId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-bases/{kbId}/documents/{docId}',
      tags,
      security,
      summary: 'One document',
      request: { params: DocParam },
      responses: { 200: jsonResponse(DocumentSchema, 'The document'), ...commonErrors },
    }),
    async (c) => {
      const { kbId, docId } = c.req.valid('param');
      return c.json(await getDocument(c.var.ctx, kbId, docId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/knowledge-bases/{kbId}/documents/{docId}',
      tags,
      security,
      summary: 'Delete the document with its chunks and vectors',
      request: { params: DocParam },
      responses: {
        200: jsonResponse(z.object({ id: z.string(), deleted: z.literal(true) }), 'Deleted'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { kbId, docId } = c.req.valid('param');
      return c.json(await deleteDocument(c.var.ctx, kbId, docId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/knowledge-bases/{kbId}/documents/{docId}/reingest',
      tags,
      security,
      summary: 'Ingest the document again (a URL is fetched again); its chunks are replaced at once when done',
      request: { params: DocParam },
      responses: { 202: jsonResponse(DocumentSchema, 'The document, queued'), ...errors },
    }),
    async (c) => {
      const { kbId, docId } = c.req.valid('param');
      return c.json(await reingestDocument(c.var.ctx, kbId, docId), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-bases/{kbId}/search',
      tags,
      security,
      summary:
        'Hybrid search: the k best chunks by reciprocal-rank fusion of vector and full-text ranks, with citations',
      request: { params: BaseParam, query: searchQuerySchema },
      responses: {
        200: jsonResponse(
          z.object({ mode: z.enum(['hybrid', 'vector', 'text']), hits: z.array(HitSchema) }),
          'Ranked chunks',
        ),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await searchKnowledgeBase(c.var.ctx, c.req.valid('param').kbId, c.req.query() as never), 200),
  );
