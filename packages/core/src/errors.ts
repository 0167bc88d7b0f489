// Domain errors: one base class with a stable UPPER_SNAKE code, a category and plain JSON details.
// The HTTP layer maps codes to statuses; core never knows about HTTP.

export type ErrorCategory = 'user' | 'system' | 'provider';

export class TrellisError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly details?: Record<string, unknown>;

  constructor(
    code: string,
    message: string,
    options: { category?: ErrorCategory; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'TrellisError';
    this.code = code;
    this.category = options.category ?? 'user';
    this.details = options.details;
  }
}

export const notFound = (entity: string, id: string) =>
  new TrellisError('NOT_FOUND', `${entity} '${id}' was not found`, { details: { entity, id } });

export const invalidInput = (message: string, details?: Record<string, unknown>) =>
  new TrellisError('VALIDATION_FAILED', message, { details });

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new TrellisError('CONFLICT', message, { details });

/** Wraps a failure from a model provider once, at the boundary; our own errors pass through unchanged. */
export function providerError(cause: unknown): TrellisError {
  if (cause instanceof TrellisError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const status = (cause as { statusCode?: number })?.statusCode;
  return new TrellisError('PROVIDER_ERROR', `Model provider call failed: ${message}`, {
    category: 'provider',
    details: status ? { status } : undefined,
    cause,
  });
}

/** True when `e` (or an error in its cause chain) is PostgreSQL's unique_violation (23505). */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
