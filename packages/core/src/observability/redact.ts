// Redaction of secrets (SPEC §11) before data is stored or exported — audit snapshots, traces: the value of any key
// that names a credential is replaced by a marker, at any depth. The input is never modified.

/** SPEC §11's sensitive field names. Matched without case or separators (`API-Key`, `api_key` → `apikey`). */
export const sensitiveKeys = ['password', 'apiKey', 'api_key', 'token', 'secret', 'authorization', 'access_token'];

export const REDACTED = '[REDACTED]';
export const CIRCULAR = '[Circular]';

const normalize = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');
const normalizedKeys = [...new Set(sensitiveKeys.map(normalize))];

/**
 * True when `key` names a credential: a sensitive name on its own or as the key's last word (`clientSecret`,
 * `x-api-key`, `refresh_token`). Words that merely contain one (`maxTokens`, `tokenizer`, `secretHint`) are not.
 */
export function isSensitiveKey(key: string): boolean {
  const k = normalize(key);
  return normalizedKeys.some((s) => k.endsWith(s));
}

/**
 * A copy of `value` in which every sensitive key's value (unless null or undefined) is `[REDACTED]`. Objects are
 * walked the way JSON serializes them — own enumerable keys, `toJSON()` when present — so what is stored or sent is
 * covered; Dates are kept, primitives returned as they are, and a cycle becomes `[Circular]`.
 */
export function redactSecrets<T>(value: T): T {
  return redact(value, new Set()) as T;
}

function redact(value: unknown, ancestors: Set<object>): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (ancestors.has(value)) return CIRCULAR;
  ancestors.add(value);
  try {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return redact(toJSON.call(value), ancestors);
    if (Array.isArray(value)) return value.map((item) => redact(item, ancestors));
    // fromEntries defines every key as an own property, `__proto__` included.
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        isSensitiveKey(key) && v !== null && v !== undefined ? REDACTED : redact(v, ancestors),
      ]),
    );
  } finally {
    ancestors.delete(value);
  }
}
