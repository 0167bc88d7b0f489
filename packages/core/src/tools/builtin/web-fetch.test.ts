// web-fetch: the tool wraps safeFetch under the run's policy, returning refusals and failures as data.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@trellis/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToolContext, WebFetchPolicy } from '../types';
import { webFetchTool } from './web-fetch';

let server: http.Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/slow') return;
    if (req.url?.startsWith('/to-metadata')) {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// Nothing but 127.0.0.1/localhost may ever be connected to.
beforeEach(() => {
  const real = http.request;
  vi.spyOn(http, 'request').mockImplementation(((...args: Parameters<typeof http.request>) => {
    const target = args[0] instanceof URL ? args[0] : new URL(String(args[0]));
    if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
      throw new Error(`test guard: attempted connection to ${target.host}`);
    }
    return (real as (...a: unknown[]) => http.ClientRequest)(...args);
  }) as typeof http.request);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const ctxWith = (webFetch: Partial<WebFetchPolicy> = {}, abortSignal?: AbortSignal): ToolContext => ({
  db: {} as Db,
  tenantId: 'org-web',
  webFetch: { allowlist: [], maxBytes: 100_000, timeoutMs: 2_000, maxRedirects: 3, ...webFetch },
  abortSignal,
});

const fetchTool = (url: string, ctx: ToolContext) =>
  webFetchTool.execute(webFetchTool.inputSchema.parse({ url }), ctx) as Promise<Record<string, unknown>>;

describe('web-fetch tool', () => {
  it.each([
    'http://127.0.0.1:PORT/',
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:PORT/',
    'http://localhost:PORT/',
    'http://0.0.0.0/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/',
    'file:///etc/passwd',
    'ftp://x',
    'http://user:secret@example.com/',
  ])('refuses %s with blocked: true', async (raw) => {
    const url = raw.replace('PORT', String(port));
    const before = hits.length;
    const out = await fetchTool(url, ctxWith());
    expect(out).toEqual({ url, blocked: true, error: expect.stringMatching(/^refused: /) });
    expect(hits.length).toBe(before);
  });

  it('fetches an allowlisted local URL', async () => {
    const out = await fetchTool(`http://127.0.0.1:${port}/data`, ctxWith({ allowlist: [`127.0.0.1:${port}`] }));
    expect(out).toMatchObject({ status: 200, contentType: 'application/json', body: '{"ok":true}', truncated: false });
    expect(out).not.toHaveProperty('error');
  });

  it('refuses a redirect from an allowlisted host to the metadata address', async () => {
    const out = await fetchTool(`http://127.0.0.1:${port}/to-metadata`, ctxWith({ allowlist: [`127.0.0.1:${port}`] }));
    expect(out.blocked).toBe(true);
    expect(out.error).toMatch(/^refused: 169\.254\.169\.254 is not a public address/);
  });

  it('reports a timeout as a failed fetch, not a refusal', async () => {
    const out = await fetchTool(
      `http://127.0.0.1:${port}/slow`,
      ctxWith({ allowlist: [`127.0.0.1:${port}`], timeoutMs: 150 }),
    );
    expect(out).toEqual({
      url: `http://127.0.0.1:${port}/slow`,
      blocked: false,
      error: 'fetch failed: request timed out after 150 ms',
    });
  });

  it("passes the run's abort signal to the request", async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await fetchTool(
      `http://127.0.0.1:${port}/slow`,
      ctxWith({ allowlist: [`127.0.0.1:${port}`] }, controller.signal),
    );
    expect(out.blocked).toBe(false);
    expect(out.error).toMatch(/^fetch failed: .*abort/i);
  });

  it('its schema refuses an empty or over-long URL', () => {
    expect(webFetchTool.inputSchema.safeParse({ url: '' }).success).toBe(false);
    expect(webFetchTool.inputSchema.safeParse({ url: `https://example.com/${'a'.repeat(2100)}` }).success).toBe(false);
  });
});
