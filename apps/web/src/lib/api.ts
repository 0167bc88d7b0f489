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

/** The ApiError of a failed response: the API's error body (code, message, request id, details) when it has one. */
function errorOf(status: number, statusText: string, json: unknown): ApiError {
  const e = (
    json as {
      error?: { code?: string; message?: string; requestId?: string; details?: ApiError['details'] };
      message?: string;
    }
  )?.error;
  const message = e?.message ?? (json as { message?: string })?.message ?? `${status} ${statusText}`;
  return new ApiError(status, e?.code ?? `HTTP_${status}`, message, e?.requestId, e?.details);
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
  if (!res.ok) throw errorOf(res.status, res.statusText, json);
  return json as T;
}

/**
 * POSTs a multipart form with XMLHttpRequest, which (unlike fetch) reports the upload's progress: `onProgress` gets
 * the share sent (0–1). Errors are ApiErrors like `api`'s; status 0 means the network failed.
 */
export function upload<T>(path: string, form: FormData, onProgress: (sent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const json = xhr.responseText ? safeJson(xhr.responseText) : undefined;
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as T);
      else reject(errorOf(xhr.status, xhr.statusText, json));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload failed: the server could not be reached'));
    xhr.send(form);
  });
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
