// safeFetch's SSRF policy: private, loopback, link-local and metadata addresses are refused before any connection
// (unless the operator allowlisted host:port), every redirect hop is checked again, and bodies and time are capped.
// Only 127.0.0.1 is ever connected to: http.request is guarded so any other destination fails the test.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BlockedAddressError, isPublicAddress, type SafeFetchOptions, safeFetch } from './safe-fetch';

interface TestServer {
  server: http.Server;
  port: number;
  hits: string[];
}

async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

async function stopServer(s: TestServer | undefined) {
  if (!s) return;
  s.server.closeAllConnections();
  await new Promise<void>((resolve) => s.server.close(() => resolve()));
}

let main: TestServer;
let other: TestServer;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  main = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('hello from the test server');
    } else if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('a'.repeat(10_000));
    } else if (url.pathname === '/slow') {
      // never answers
    } else if (url.pathname === '/trickle') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('x'), 40);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    } else if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      res.end();
    } else if (url.pathname.startsWith('/chain/')) {
      const n = Number(url.pathname.slice('/chain/'.length));
      res.writeHead(302, { location: `/chain/${n + 1}` });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  other = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('other server');
  });
});

afterAll(async () => {
  for (const t of timers) clearInterval(t);
  await stopServer(main);
  await stopServer(other);
});

// Any connection attempt to something other than 127.0.0.1 (or localhost, which must be refused by the lookup)
// throws a plain Error, so a test expecting BlockedAddressError fails instead of sending traffic.
beforeEach(() => {
  const realHttp = http.request;
  const realHttps = https.request;
  const guard =
    <T extends typeof http.request>(real: T) =>
    (...args: Parameters<T>) => {
      const target = args[0] instanceof URL ? args[0] : new URL(String(args[0]));
      if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
        throw new Error(`test guard: attempted connection to ${target.host}`);
      }
      return (real as (...a: unknown[]) => http.ClientRequest)(...args);
    };
  vi.spyOn(http, 'request').mockImplementation(guard(realHttp) as typeof http.request);
  vi.spyOn(https, 'request').mockImplementation(guard(realHttps) as typeof https.request);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const policy = (over: Partial<SafeFetchOptions> = {}): SafeFetchOptions => ({
  allowlist: [`127.0.0.1:${main.port}`],
  maxBytes: 1_000_000,
  timeoutMs: 2_000,
  maxRedirects: 3,
  ...over,
});
const noAllowlist = () => policy({ allowlist: [] });

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['10.0.0.1', false],
    ['192.168.1.1', false],
    ['172.16.0.1', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fc00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('safeFetch refusals', () => {
  it('refuses loopback literals even with a server listening there, without sending a request', async () => {
    for (const url of [`http://127.0.0.1:${main.port}/page`, `http://[::1]:${main.port}/page`]) {
      await expect(safeFetch(url, noAllowlist()), url).rejects.toBeInstanceOf(BlockedAddressError);
    }
    expect(main.hits).not.toContain('/page');
  });

  it('refuses localhost after resolving it, without sending a request', async () => {
    const before = main.hits.length;
    const err = await safeFetch(`http://localhost:${main.port}/page`, noAllowlist()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect((err as Error).message).toMatch(/localhost resolves to a non-public address/);
    expect(main.hits.length).toBe(before);
  });

  it.each([
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'https://10.0.0.1/',
    'http://0.0.0.0/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://192.168.1.1/',
  ])('refuses %s before connecting', async (url) => {
    const requests = vi.mocked(http.request).mock.calls.length + vi.mocked(https.request).mock.calls.length;
    await expect(safeFetch(url, noAllowlist())).rejects.toBeInstanceOf(BlockedAddressError);
    expect(vi.mocked(http.request).mock.calls.length + vi.mocked(https.request).mock.calls.length).toBe(requests);
  });

  it.each([
    ['file:///etc/passwd', /only http and https/],
    ['ftp://x', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['not a url', /not a valid URL/],
    [`http://user:pass@127.0.0.1:PORT/page`, /credentials/],
    ['http://user@example.com/', /credentials/],
  ])('refuses %s', async (raw, message) => {
    const url = raw.replace('PORT', String(main.port));
    const err = await safeFetch(url, policy()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect((err as Error).message).toMatch(message);
    expect(vi.mocked(http.request)).not.toHaveBeenCalled();
  });
});

describe('safeFetch on an allowlisted local server', () => {
  it('returns status, content type and body of a page', async () => {
    const res = await safeFetch(`http://127.0.0.1:${main.port}/page`, policy());
    expect(res).toEqual({
      url: `http://127.0.0.1:${main.port}/page`,
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'hello from the test server',
      truncated: false,
      redirects: [],
    });
  });

  it('returns non-2xx statuses as results', async () => {
    const res = await safeFetch(`http://127.0.0.1:${main.port}/missing`, policy());
    expect(res.status).toBe(404);
    expect(res.body).toBe('not found');
  });

  it('truncates a body larger than maxBytes', async () => {
    const res = await safeFetch(`http://127.0.0.1:${main.port}/big`, policy({ maxBytes: 1000 }));
    expect(res.truncated).toBe(true);
    expect(res.body).toBe('a'.repeat(1000));
    const whole = await safeFetch(`http://127.0.0.1:${main.port}/big`, policy({ maxBytes: 10_000 }));
    expect(whole.truncated).toBe(false);
    expect(whole.body).toHaveLength(10_000);
  });

  it('fails a server that does not answer within timeoutMs', async () => {
    const t0 = Date.now();
    await expect(safeFetch(`http://127.0.0.1:${main.port}/slow`, policy({ timeoutMs: 200 }))).rejects.toThrow(
      /timed out after 200 ms/,
    );
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('fails a body that trickles in for longer than timeoutMs', async () => {
    const t0 = Date.now();
    const err = await safeFetch(
      `http://127.0.0.1:${main.port}/trickle`,
      policy({ timeoutMs: 300, maxBytes: 200 }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/timed out after 300 ms/);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('follows a redirect to another allowlisted path and lists it', async () => {
    const target = `http://127.0.0.1:${main.port}/page`;
    const res = await safeFetch(`http://127.0.0.1:${main.port}/redirect?to=${encodeURIComponent(target)}`, policy());
    expect(res.status).toBe(200);
    expect(res.url).toBe(target);
    expect(res.body).toBe('hello from the test server');
    expect(res.redirects).toEqual([target]);
  });

  it('resolves a relative redirect against the current URL', async () => {
    const res = await safeFetch(`http://127.0.0.1:${main.port}/redirect?to=/page`, policy());
    expect(res.redirects).toEqual([`http://127.0.0.1:${main.port}/page`]);
    expect(res.body).toBe('hello from the test server');
  });

  it('refuses a redirect to a port that is not allowlisted, without reaching it', async () => {
    const target = `http://127.0.0.1:${other.port}/`;
    await expect(
      safeFetch(`http://127.0.0.1:${main.port}/redirect?to=${encodeURIComponent(target)}`, policy()),
    ).rejects.toBeInstanceOf(BlockedAddressError);
    expect(other.hits).toEqual([]);
    // the same URL is reachable when the operator allowlists it
    const allowed = await safeFetch(target, policy({ allowlist: [`127.0.0.1:${other.port}`] }));
    expect(allowed.body).toBe('other server');
    other.hits.length = 0;
  });

  it.each([
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:MAIN/page',
    'http://localhost:MAIN/page',
    'file:///etc/passwd',
  ])('refuses a redirect to %s', async (raw) => {
    const target = raw.replace('MAIN', String(main.port));
    const err = await safeFetch(
      `http://127.0.0.1:${main.port}/redirect?to=${encodeURIComponent(target)}`,
      policy(),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedAddressError);
    const hosts = vi.mocked(http.request).mock.calls.map((c) => new URL(String(c[0])).hostname);
    expect(hosts.every((h) => h === '127.0.0.1' || h === 'localhost')).toBe(true);
  });

  it('fails a redirect chain longer than maxRedirects', async () => {
    const err = await safeFetch(`http://127.0.0.1:${main.port}/chain/0`, policy({ maxRedirects: 2 })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(BlockedAddressError);
    expect((err as Error).message).toBe('more than 2 redirects');
    expect(vi.mocked(http.request)).toHaveBeenCalledTimes(3);
  });

  it('follows exactly maxRedirects redirects', async () => {
    const res = await safeFetch(
      `http://127.0.0.1:${main.port}/redirect?to=/redirect%3Fto%3D/page`,
      policy({ maxRedirects: 2 }),
    );
    expect(res.body).toBe('hello from the test server');
    expect(res.redirects).toHaveLength(2);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = safeFetch(`http://127.0.0.1:${main.port}/slow`, policy({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
