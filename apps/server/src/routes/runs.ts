// /api/agents/{id}/runs: run an agent and read its recorded runs with their traces.
import { createRoute, z } from '@hono/zod-openapi';
import {
  agentOverview,
  cancelRun,
  chatRun,
  executeRun,
  getRun,
  getTrace,
  listRuns,
  listThreads,
  overviewQuerySchema,
  overviewSchema,
  rerunRun,
  runCreateSchema,
  runDetailSchema,
  runListQuerySchema,
  streamCreateSchema,
  streamRun,
  threadRunSchema,
  threadRuns,
  threadSummarySchema,
  traceSchema,
} from '@trellis/core';
import { agentRunSelectSchema } from '@trellis/db';
import { createUIMessageStreamResponse } from 'ai';
import {
  AgentIdParam,
  commonErrors,
  component,
  createRouter,
  jsonBody,
  jsonResponse,
  RunIdParam,
  security,
} from '../http/openapi';

const RunSchema = component(agentRunSelectSchema, 'AgentRun');
const RunDetailSchema = component(runDetailSchema, 'AgentRunDetail');
const RunParam = RunIdParam;
const tags = ['Runs'];

const streamResponses = {
  200: {
    description: 'UI message stream (text/event-stream)',
    content: { 'text/event-stream': { schema: z.string() } },
  },
  ...commonErrors,
};

/**
 * `x-trellis-overhead-ms`: the time this request spent outside the model calls and tool executions of the run —
 * authentication, validation, resolving, recording and reading back — so callers can see what Trellis adds.
 */
const OVERHEAD_HEADER = 'x-trellis-overhead-ms';
function overheadMs(t0: number, detail: { trace: { steps: { durationMs: number | null }[] } | null }): string {
  const inRun = (detail.trace?.steps ?? []).reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
  return Math.max(0, performance.now() - t0 - inRun).toFixed(1);
}

/** The SSE response for a streamed run, with the run's and thread's ids in headers. */
function uiStreamResponse(result: Awaited<ReturnType<typeof streamRun>>) {
  const headers: Record<string, string> = { 'x-trellis-run-id': result.run.id };
  if (result.threadId) headers['x-trellis-thread-id'] = result.threadId;
  // The stream's own response type is not the route's JSON response type: the document describes it as SSE.
  return createUIMessageStreamResponse({ stream: result.stream, headers }) as never;
}

export const runRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/runs',
      tags,
      security,
      summary: 'Run the agent and answer with the recorded run (status COMPLETED or FAILED, with trace and tool calls)',
      request: { params: AgentIdParam, body: jsonBody(runCreateSchema) },
      responses: { 201: jsonResponse(RunDetailSchema, 'The recorded run'), ...commonErrors },
    }),
    async (c) => {
      const t0 = performance.now();
      const ctx = c.var.ctx;
      const { id } = c.req.valid('param');
      const run = await executeRun(ctx, id, c.req.valid('json'));
      c.header(OVERHEAD_HEADER, overheadMs(t0, run));
      return c.json(run, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/runs',
      tags,
      security,
      summary: 'List runs, newest first, with filters and cursor pagination',
      request: { params: AgentIdParam, query: runListQuerySchema },
      responses: {
        200: jsonResponse(z.object({ runs: z.array(RunSchema), nextCursor: z.string().nullable() }), 'A page of runs'),
        ...commonErrors,
      },
    }),
    async (c) => c.json(await listRuns(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/runs/{runId}',
      tags,
      security,
      summary: 'Get a run with its trace and tool calls',
      request: { params: RunParam },
      responses: { 200: jsonResponse(RunDetailSchema, 'The run'), ...commonErrors },
    }),
    async (c) => {
      const { id, runId } = c.req.valid('param');
      return c.json(await getRun(c.var.ctx, id, runId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/stream',
      tags,
      security,
      summary: 'Run the agent and stream the reply as an AI SDK UI message stream (SSE; works with useChat)',
      description:
        'Body: `{ input }` like a run, or what `useChat` sends (`{ id, messages, trigger }`). The stream ends with message metadata holding the run id, tokens and cost; the run is recorded like any other. Closing the connection cancels the run.',
      request: { params: AgentIdParam, body: jsonBody(streamCreateSchema) },
      responses: streamResponses,
    }),
    async (c) =>
      uiStreamResponse(
        await streamRun(c.var.ctx, c.req.valid('param').id, c.req.valid('json'), { signal: c.req.raw.signal }),
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/chat',
      tags,
      security,
      summary: 'Chat with memory: a streamed run whose earlier turns come from the thread (AI SDK UI message stream)',
      description:
        "Body as for /stream plus an optional `threadId` (a new thread is started when absent; its id is in the `x-trellis-thread-id` header). Memory is keyed by the thread and the user (requestContext.resource.userId, else the caller) inside the organization and follows the agent's memoryConfig (lastMessages, workingMemory). Only the newest user message is sent; useChat clients can send their whole history.",
      request: { params: AgentIdParam, body: jsonBody(streamCreateSchema) },
      responses: streamResponses,
    }),
    async (c) =>
      uiStreamResponse(
        await chatRun(c.var.ctx, c.req.valid('param').id, c.req.valid('json'), { signal: c.req.raw.signal }),
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/overview',
      tags,
      security,
      summary:
        'KPIs over the last `days` (default 30): runs, success rate, p50/p95 latency, tokens, cost; the latest runs',
      request: { params: AgentIdParam, query: overviewQuerySchema },
      responses: { 200: jsonResponse(component(overviewSchema, 'AgentOverview'), 'Overview'), ...commonErrors },
    }),
    async (c) => c.json(await agentOverview(c.var.ctx, c.req.valid('param').id, c.req.valid('query').days), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/threads',
      tags,
      security,
      summary: "The agent's conversation threads, newest activity first",
      request: { params: AgentIdParam },
      responses: {
        200: jsonResponse(z.object({ threads: z.array(threadSummarySchema) }), 'Threads'),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ threads: await listThreads(c.var.ctx, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/threads/{threadId}',
      tags,
      security,
      summary: 'The runs of one thread, oldest first, with their tool calls',
      request: {
        params: AgentIdParam.extend({
          threadId: z
            .string()
            .min(1)
            .max(200)
            .openapi({ param: { name: 'threadId', in: 'path' } }),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ runs: z.array(threadRunSchema) }), 'Runs of the thread'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { id, threadId } = c.req.valid('param');
      return c.json({ runs: await threadRuns(c.var.ctx, id, threadId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/runs/{runId}/cancel',
      tags,
      security,
      summary: 'Cancel a queued or running run (aborts the model call, from any process); 409 when it already finished',
      request: { params: RunParam },
      responses: { 200: jsonResponse(RunDetailSchema, 'The cancelled run'), 409: commonErrors[400], ...commonErrors },
    }),
    async (c) => {
      const { id, runId } = c.req.valid('param');
      return c.json(await cancelRun(c.var.ctx, id, runId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/agents/{id}/runs/{runId}/rerun',
      tags,
      security,
      summary:
        'Run again with the same input, thread, context and type; the new run links to the original (parentRunId)',
      request: { params: RunParam },
      responses: { 201: jsonResponse(RunDetailSchema, 'The new run'), 409: commonErrors[400], ...commonErrors },
    }),
    async (c) => {
      const t0 = performance.now();
      const { id, runId } = c.req.valid('param');
      const detail = await rerunRun(c.var.ctx, id, runId);
      c.header(OVERHEAD_HEADER, overheadMs(t0, detail));
      return c.json(detail, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/agents/{id}/runs/{runId}/trace',
      tags,
      security,
      summary: 'The run’s trace: steps with timings, tool calls, tokens and model',
      request: { params: RunParam },
      responses: { 200: jsonResponse(component(traceSchema, 'RunTrace'), 'Trace'), ...commonErrors },
    }),
    async (c) => {
      const { id, runId } = c.req.valid('param');
      return c.json(await getTrace(c.var.ctx, id, runId), 200);
    },
  );
