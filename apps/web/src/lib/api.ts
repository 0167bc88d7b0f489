// The HTTP client of the UI: same-origin fetch with the session cookie, JSON in and out, and one error type that
// carries the API's code, message, field details and request id.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: { issues?: { path: string; message: string }[]; field?: string },
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Messages per field path (the fields under `within`, e.g. `input`, when given), for showing them at the field. */
  fieldErrors(within?: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.details?.issues ?? []) {
      const path = within && issue.path.startsWith(`${within}.`) ? issue.path.slice(within.length + 1) : issue.path;
      out[path.split('.')[0] || '_'] ??= issue.message;
    }
    if (this.details?.field && !out[this.details.field]) out[this.details.field] = this.message;
    return out;
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const e = (
      json as {
        error?: { code?: string; message?: string; requestId?: string; details?: ApiError['details'] };
        message?: string;
      }
    )?.error;
    const message = e?.message ?? (json as { message?: string })?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, message, e?.requestId, e?.details);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Builds a query string from defined values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}
