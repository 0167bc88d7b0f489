// Defence in depth for every response and every cookie-authenticated write: the usual security headers with a strict
// Content-Security-Policy (scripts only from this origin, plus the hashes of the inline scripts a page declares), and
// writes with a session cookie accepted only from a trusted origin (a cross-site form or script cannot use the
// session; API keys are not ambient credentials, so key-authenticated calls are not checked).
import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { HttpError } from './errors';
import { apiKeyFrom } from './tenant';

/** The policy for this origin; `scriptHashes` ('sha256-…') allow a page's own inline scripts. */
export function contentSecurityPolicy(scriptHashes: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((h) => ` '${h}'`).join('')}`,
    // React and the chart library set style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The CSP hashes of the inline `<script>` elements of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `sha256-${createHash('sha256').update(body).digest('base64')}`,
  );
}

/** Security headers on every response; a page that needs its inline scripts sets its own CSP with their hashes. */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: undefined,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: 'max-age=15552000; includeSubDomains',
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

/** The CSP header unless the response set its own. */
export function defaultContentSecurityPolicy() {
  const policy = contentSecurityPolicy();
  return createMiddleware(async (c, next) => {
    await next();
    if (!c.res.headers.has('content-security-policy')) c.res.headers.set('content-security-policy', policy);
  });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * 403 for a write that carries a session cookie but comes from another origin: its Origin (or, without one, its
 * Referer) must be one of `trusted`; with neither, the browser's `Sec-Fetch-Site` must say same-origin. Requests
 * with an API key, and clients that send no cookie, are not browsers acting on a session and pass.
 */
export function sameOriginWrites(trusted: string[]) {
  const origins = new Set(trusted.map((o) => new URL(o).origin));
  return createMiddleware(async (c, next) => {
    const headers = c.req.raw.headers;
    // A request with an API key is authenticated by the key alone (tenant.ts), never by the cookie.
    if (SAFE.has(c.req.method) || !headers.get('cookie') || apiKeyFrom(headers)) return next();
    const from = headers.get('origin') ?? headers.get('referer');
    let origin: string | undefined;
    try {
      origin = from ? new URL(from).origin : undefined;
    } catch {}
    const sameSite = !from && headers.get('sec-fetch-site') === 'same-origin';
    if ((origin && origins.has(origin)) || sameSite) return next();
    throw new HttpError(
      403,
      'CROSS_ORIGIN_REFUSED',
      'A signed-in write must come from this site: the request’s Origin is missing or not trusted',
    );
  });
}
