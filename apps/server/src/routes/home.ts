// `/`: until the workspace UI ships, a page that says what is running and where to go next.
import { Hono } from 'hono';

const page = (version: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trellis</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}a{color:#2563eb}</style></head>
<body><h1>Trellis ${version} is running</h1>
<p>The agent operations API is up. The workspace UI is not part of this build yet; use the API:</p>
<ul><li><a href="/api/docs">API reference</a> (OpenAPI document at <a href="/api/openapi.json">/api/openapi.json</a>)</li>
<li><a href="/api/health">Health</a></li></ul>
<p>Sign up with <code>POST /api/auth/sign-up/email</code>; your organization comes with seeded agents that run on the built-in
<strong>demo (offline)</strong> model until you configure a provider key. The README has a step-by-step walkthrough.</p>
</body></html>`;

export const homeRoutes = (version: string) => new Hono().get('/', (c) => c.html(page(version)));
