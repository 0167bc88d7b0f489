// Serves the workspace UI's build (apps/web/dist): hashed assets with long caching, and index.html for every other
// non-API path so the single-page app's routes work on reload. Without a build, `/` explains how to make one.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { contentSecurityPolicy, inlineScriptHashes } from '../http/security';

export const webDist = resolve(fileURLToPath(new URL('../../../web/dist', import.meta.url)));

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

const missingBuild = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trellis</title></head>
<body style="font:16px system-ui;max-width:40rem;margin:3rem auto"><h1>Trellis is running</h1>
<p>The workspace UI has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it when needed).
The API is available: <a href="/api/docs">API reference</a>.</p></body></html>`;

export function webRoutes(dist = webDist) {
  const app = new Hono();
  app.get('/assets/*', async (c) => {
    const file = normalize(join(dist, c.req.path));
    if (!file.startsWith(join(dist, 'assets'))) return c.notFound();
    try {
      const body = await readFile(file);
      return c.body(body, 200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
      });
    } catch {
      return c.notFound();
    }
  });
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const index = join(dist, 'index.html');
    if (!existsSync(index)) return c.html(missingBuild);
    const html = await readFile(index, 'utf8');
    // The page's one inline script (the theme, applied before first paint) is allowed by its hash.
    const csp = contentSecurityPolicy(inlineScriptHashes(html));
    return c.html(html, 200, { 'cache-control': 'no-cache', 'content-security-policy': csp });
  });
  return app;
}
