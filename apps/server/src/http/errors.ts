// One error format for every response: { error: { code, message, details?, requestId } }. Domain codes map to HTTP
// statuses here; anything unexpected is logged with its cause and answered as "internal error" with the request id.
import { TrellisError } from '@trellis/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';

const statusByCode: Record<string, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_PROVIDER: 400,
  MODEL_NOT_CONFIGURED: 400,
  UNAUTHENTICATED: 401,
  NO_ORGANIZATION: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BUDGET_EXCEEDED: 402,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  PROVIDER_ERROR: 502,
};

export class HttpError extends TrellisError {
  constructor(
    readonly status: ContentfulStatusCode,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    /** Response headers that go with the error (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(code, message, { details });
  }
}

/** Readable messages for zod issues: "name: Too small…", one per issue. */
export function zodDetails(error: ZodError) {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return { message: `Invalid request: ${message}`, issues };
}

export function errorBody(c: Context, code: string, message: string, details?: unknown) {
  return {
    error: { code, message, ...(details ? { details } : {}), requestId: c.get('requestId') as string | undefined },
  };
}

export function onError(err: Error, c: Context) {
  if (err instanceof ZodError) {
    const { message, issues } = zodDetails(err);
    return c.json(errorBody(c, 'VALIDATION_FAILED', message, { issues }), 400);
  }
  if (err instanceof HttpError) {
    return c.json(errorBody(c, err.code, err.message, err.details), err.status, err.headers);
  }
  if (err instanceof TrellisError) {
    const status =
      statusByCode[err.code] ?? (err.category === 'provider' ? 502 : err.category === 'system' ? 500 : 400);
    return c.json(errorBody(c, err.code, err.message, err.details), status);
  }
  if (err instanceof HTTPException) {
    const code =
      err.status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : err.status === 401
          ? 'UNAUTHENTICATED'
          : err.status === 400
            ? 'VALIDATION_FAILED'
            : 'HTTP_ERROR';
    return c.json(errorBody(c, code, err.message || 'Request failed'), err.status as ContentfulStatusCode);
  }
  if (err instanceof SyntaxError && /JSON/i.test(err.message)) {
    return c.json(errorBody(c, 'VALIDATION_FAILED', `Malformed JSON body: ${err.message}`), 400);
  }
  console.error(`[${c.get('requestId') ?? '-'}] unhandled error`, err);
  return c.json(errorBody(c, 'INTERNAL_ERROR', 'Internal error'), 500);
}
