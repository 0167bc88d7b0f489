// /v1: the OpenAI-compatible API. `GET /v1/models` lists the organization's active agents by slug; `POST
// /v1/chat/completions` runs one (to completion or streamed as chat.completion.chunk events) through the same run
// pipeline as every other entry point — recorded, costed, budgeted, guarded. Errors use OpenAI's error shape and
// statuses, so an unchanged OpenAI client (API key as `Authorization: Bearer`) works against it.
import { executeRun, guardrailKeyOf, listAgents, type RunDetail, streamRun, TrellisError } from '@trellis/core';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { HttpError, zodDetails } from '../http/errors';
import type { AppEnv } from '../http/openapi';
import {
  type ChatCompletionRequest,
  chatCompletionRequestSchema,
  chunkOf,
  completionId,
  completionOf,
  ignoredParams,
  type OpenAiError,
  runRequestOf,
  usageOf,
} from '../openai/protocol';

/** The header that names a conversation thread for memory (OpenAI's body has no such field). */
const THREAD_HEADER = 'x-trellis-thread-id';

class OpenAiHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: OpenAiError,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

/** Errors a client should not retry (the answer would be the same): OpenAI's clients obey `x-should-retry`. */
const noRetry = { 'x-should-retry': 'false' };

/** Our errors in OpenAI's shape and status. */
function openAiErrorOf(err: unknown): OpenAiHttpError {
  if (err instanceof OpenAiHttpError) return err;
  if (err instanceof ZodError) {
    const { message, issues } = zodDetails(err);
    const param = issues[0]?.path || null;
    return new OpenAiHttpError(400, { message, type: 'invalid_request_error', param, code: null }, noRetry);
  }
  if (err instanceof SyntaxError)
    return new OpenAiHttpError(
      400,
      { message: `Malformed JSON body: ${err.message}`, type: 'invalid_request_error', param: null, code: null },
      noRetry,
    );
  if (err instanceof TrellisError) {
    const field = typeof err.details?.field === 'string' ? err.details.field : null;
    const headers = err instanceof HttpError ? { ...err.headers } : {};
    const error = (
      status: ContentfulStatusCode,
      type: OpenAiError['type'],
      code: string | null,
      extra: Record<string, string> = {},
    ) => new OpenAiHttpError(status, { message: err.message, type, param: field, code }, { ...headers, ...extra });
    switch (err.code) {
      case 'UNAUTHENTICATED':
        return error(401, 'authentication_error', 'invalid_api_key', noRetry);
      case 'FORBIDDEN':
      case 'NO_ORGANIZATION':
        return error(403, 'permission_error', 'insufficient_permissions', noRetry);
      case 'NOT_FOUND':
        return new OpenAiHttpError(
          404,
          {
            message: `The model '${String(err.details?.id ?? '')}' does not exist: use the slug of an active agent (GET /v1/models)`,
            type: 'invalid_request_error',
            param: 'model',
            code: 'model_not_found',
          },
          noRetry,
        );
      case 'BUDGET_EXCEEDED':
        return error(429, 'insufficient_quota', 'insufficient_quota', noRetry);
      case 'RATE_LIMITED':
        return error(429, 'rate_limit_error', 'rate_limit_exceeded');
      case 'PAYLOAD_TOO_LARGE':
        return error(413, 'invalid_request_error', 'payload_too_large', noRetry);
      case 'CONFLICT':
        return error(409, 'invalid_request_error', 'conflict', noRetry);
    }
    if (err instanceof HttpError)
      return error(
        err.status,
        err.status === 403 ? 'permission_error' : 'invalid_request_error',
        err.code.toLowerCase(),
      );
    if (err.category === 'provider') return error(502, 'api_error', err.code.toLowerCase());
    if (err.category === 'user') return error(400, 'invalid_request_error', err.code.toLowerCase(), noRetry);
  }
  console.error('[v1] unhandled error', err);
  return new OpenAiHttpError(500, { message: 'Internal error', type: 'api_error', param: null, code: null });
}

function answerError(err: unknown, c: Context<AppEnv>) {
  const e = openAiErrorOf(err);
  return c.json({ error: e.body }, e.status, e.headers);
}

/** The guardrail that stopped a run, when one did: `input.*` refused the request; any other withheld the answer. */
function guardrailStop(run: Pick<RunDetail, 'errorCode' | 'error'>): { key: string; message: string } | null {
  if (run.errorCode !== 'GUARDRAIL_BLOCKED') return null;
  return { key: guardrailKeyOf(run.error), message: run.error ?? 'Blocked by a guardrail' };
}

/** A recorded run that did not complete, as the error OpenAI's API would answer (null: answer it as a completion). */
function failedRunError(run: RunDetail): OpenAiHttpError | null {
  if (run.status === 'COMPLETED') return null;
  const stop = guardrailStop(run);
  if (stop && !stop.key.startsWith('input.')) return null;
  const err = new TrellisError(run.errorCode ?? 'RUN_FAILED', run.error ?? 'The run failed', {
    category: stop ? 'user' : run.errorCode === 'RUN_CANCELLED' ? 'system' : 'provider',
  });
  const mapped = openAiErrorOf(err);
  if (stop) mapped.body.code = 'content_filter';
  return mapped;
}

async function readBody(c: Context<AppEnv>): Promise<{ raw: Record<string, unknown>; body: ChatCompletionRequest }> {
  const raw = (await c.req.json()) as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new OpenAiHttpError(
      400,
      { message: 'The body must be a JSON object', type: 'invalid_request_error', param: null, code: null },
      noRetry,
    );
  return { raw: raw as Record<string, unknown>, body: chatCompletionRequestSchema.parse(raw) };
}

function runHeaders(runId: string, ignored: string[]): Record<string, string> {
  return {
    'x-trellis-run-id': runId,
    ...(ignored.length ? { 'x-trellis-ignored-params': ignored.join(',') } : {}),
  };
}

const sse = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

/** Streams the run as chat.completion.chunk events, ending with `[DONE]` (or an error event if the run failed). */
async function streamCompletion(c: Context<AppEnv>, body: ChatCompletionRequest, ignored: string[]) {
  const model = body.model;
  const result = await streamRun(c.var.ctx, model, runRequestOf(body, c.req.header(THREAD_HEADER)), {
    signal: c.req.raw.signal,
    via: 'openai',
  });
  const id = completionId(result.run.id);
  const created = Math.floor(Date.now() / 1000);
  const withUsage = body.stream_options?.include_usage === true;
  const encoder = new TextEncoder();
  const reader = result.stream.getReader();
  const events = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (data: unknown) => controller.enqueue(encoder.encode(sse(data)));
      send(chunkOf(id, created, model, { role: 'assistant', content: '' }, null, withUsage));
      let final: { status?: string; error?: string; promptTokens?: number; completionTokens?: number } = {};
      let errorCode: string | undefined;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.type === 'text-delta') send(chunkOf(id, created, model, { content: value.delta }, null, withUsage));
        else if (value.type === 'message-metadata' && value.messageMetadata)
          final = { ...final, ...(value.messageMetadata as typeof final) };
        else if (value.type === 'data-guardrail') errorCode = 'GUARDRAIL_BLOCKED';
      }
      const run = {
        id: result.run.id,
        errorCode: errorCode ?? (final.status === 'COMPLETED' ? null : 'RUN_FAILED'),
        error: final.error ?? null,
      };
      const stop = guardrailStop(run);
      if (final.status === 'COMPLETED' || stop) {
        const filtered = stop ? { refusal: stop.message } : {};
        send(chunkOf(id, created, model, filtered, stop ? 'content_filter' : 'stop', withUsage));
        if (withUsage) {
          const usage = usageOf({
            promptTokens: final.promptTokens ?? 0,
            completionTokens: final.completionTokens ?? 0,
            totalTokens: (final.promptTokens ?? 0) + (final.completionTokens ?? 0),
          });
          send({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices: [], usage });
        }
        send('[DONE]');
      } else {
        const message = final.error ?? 'The run failed';
        send({ error: { message, type: 'api_error', param: null, code: 'run_failed' } });
      }
      controller.close();
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(events, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...runHeaders(result.run.id, ignored),
    },
  });
}

/** The /v1 app; `guards` (body limit, rate limits, authentication, access) run first, their errors in OpenAI's shape. */
export function openAiRoutes(guards: MiddlewareHandler<AppEnv>[]) {
  const v1 = new Hono<AppEnv>();
  v1.onError(answerError);
  for (const guard of guards) v1.use('*', guard);

  v1.get('/models', async (c) => {
    const agents = await listAgents(c.var.ctx, { active: true });
    return c.json({
      object: 'list',
      data: agents.map((a) => ({
        id: a.slug,
        object: 'model',
        created: Math.floor(a.createdAt.getTime() / 1000),
        owned_by: 'trellis',
      })),
    });
  });

  v1.get('/models/:model', async (c) => {
    const slug = c.req.param('model');
    const agent = (await listAgents(c.var.ctx, { active: true })).find((a) => a.slug === slug);
    if (!agent) throw new TrellisError('NOT_FOUND', `Agent '${slug}' was not found`, { details: { id: slug } });
    return c.json({
      id: agent.slug,
      object: 'model',
      created: Math.floor(agent.createdAt.getTime() / 1000),
      owned_by: 'trellis',
    });
  });

  v1.post('/chat/completions', async (c) => {
    const { raw, body } = await readBody(c);
    const ignored = ignoredParams(raw);
    if (body.stream) return streamCompletion(c, body, ignored);
    const run = await executeRun(c.var.ctx, body.model, runRequestOf(body, c.req.header(THREAD_HEADER)), {
      via: 'openai',
    });
    const failed = failedRunError(run);
    if (failed) throw new OpenAiHttpError(failed.status, failed.body, { ...failed.headers, ...runHeaders(run.id, []) });
    const stop = guardrailStop(run);
    return c.json(completionOf(run, body.model, stop?.message ?? null), 200, runHeaders(run.id, ignored));
  });

  v1.all('*', (c) =>
    c.json(
      {
        error: {
          message: `No route for ${c.req.method} ${c.req.path}: Trellis serves /v1/models and /v1/chat/completions`,
          type: 'invalid_request_error',
          param: null,
          code: 'unknown_url',
        },
      },
      404,
    ),
  );
  return v1;
}
