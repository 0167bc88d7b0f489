// SSRF: every outbound URL a user can set — an alert destination's `url` and the web-fetch tool's `url`, driven by a
// real agent run — is aimed at a listener on this machine (and at private and metadata addresses) in every spelling
// a URL parser accepts, directly and through an allowlisted redirector. The listener must never receive a request;
// the API answers a 4xx, or the tool result / alert delivery states the refusal.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlockedAddressError, raiseAlert, safeFetch, systemContext } from '@trellis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startHarnessWithFakeOpenAi } from './harness';

interface Listener {
  server: Server;
  port: number;
  hits: string[];
}

/** A counting HTTP listener; `host` '::' (dual stack) also accepts 127.0.0.1 and ::1, so every loopback form lands. */
async function listen(host: string, handler?: (url: URL) => { status: number; location?: string }): Promise<Listener> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const answer = handler?.(new URL(req.url ?? '/', 'http://x')) ?? { status: 200 };
    res.writeHead(answer.status, answer.location ? { location: answer.location } : {}).end('listener body');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port, hits };
}

async function stop(l: Listener | undefined) {
  if (!l) return;
  l.server.closeAllConnections();
  await new Promise((r) => l.server.close(r));
}

let victim: Listener;
let redirector: Listener;
let h: Awaited<ReturnType<typeof startHarnessWithFakeOpenAi>>;
let alice: ApiClient & { tenantId: string };

beforeAll(async () => {
  victim = await listen('::').catch(() => listen('127.0.0.1'));
  // The operator allowlisted this one (WEB_FETCH_ALLOWLIST): it answers /redirect?to=<url> with a 302 to <url>.
  redirector = await listen('127.0.0.1', (url) =>
    url.pathname === '/redirect' ? { status: 302, location: url.searchParams.get('to') ?? '/' } : { status: 200 },
  );
  h = await startHarnessWithFakeOpenAi({
    WEB_FETCH_ALLOWLIST: `127.0.0.1:${redirector.port}`,
    WEB_FETCH_TIMEOUT_MS: '2000',
  });
  alice = await h.signUp();
});
afterAll(async () => {
  await h?.close();
  await stop(victim);
  await stop(redirector);
});

/** Private destinations: the victim listener in every spelling, then addresses that must never be tried at all. */
const privateUrls = (p: number) => [
  `http://127.0.0.1:${p}/`,
  `http://localhost:${p}/`,
  `http://[::1]:${p}/`,
  `http://2130706433:${p}/`,
  `http://0x7f.0.0.1:${p}/`,
  `http://0x7f000001:${p}/`,
  `http://0177.0.0.1:${p}/`,
  `http://127.1:${p}/`,
  `http://127.0.0.1.:${p}/`,
  `HTTP://127.0.0.1:${p}/`,
  `http://[::ffff:127.0.0.1]:${p}/`,
  `http://[0:0:0:0:0:ffff:7f00:1]:${p}/`,
  `http://[::127.0.0.1]:${p}/`,
  `http://0.0.0.0:${p}/`,
  `http://0:${p}/`,
  `http://[::]:${p}/`,
  `https://127.0.0.1:${p}/`,
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00:ec2::254]/latest/meta-data/',
  'http://10.0.0.1/',
  'http://172.16.0.1/',
  'http://192.168.0.1/',
  'http://100.64.0.1/',
  'http://[fc00::1]/',
  'http://[fe80::1]/',
];
const credentialUrls = (p: number) => [`http://user@127.0.0.1:${p}/`, `http://user:pass@localhost:${p}/`];
const otherSchemes = (p: number) => [
  'file:///etc/passwd',
  `gopher://127.0.0.1:${p}/_GET%20/`,
  `ftp://127.0.0.1:${p}/`,
  `dict://127.0.0.1:${p}/`,
  'data:text/plain,hello',
  'javascript:alert(1)',
];
/** Where the allowlisted redirector sends a request next: the victim, a metadata address, another scheme. */
const redirectTargets = (p: number) => [
  `http://127.0.0.1:${p}/`,
  `http://localhost:${p}/`,
  `http://[::1]:${p}/`,
  `http://2130706433:${p}/`,
  `http://[::ffff:127.0.0.1]:${p}/`,
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
];
const viaRedirector = (target: string) =>
  `http://127.0.0.1:${redirector.port}/redirect?to=${encodeURIComponent(target)}`;

/** The refusal messages of safe-fetch's guard (BlockedAddressError). */
const REFUSAL =
  /is not a public address|resolves to a non-public address|credentials are not allowed|only http and https/;

describe('SSRF through alert destinations', () => {
  it('refuses non-http(s) destination URLs at creation with a 400 that says why', async () => {
    for (const url of otherSchemes(victim.port)) {
      const res = await alice.post('/api/alert-destinations', { kind: 'webhook', url });
      expect(res.status, url).toBe(400);
      expect(JSON.stringify(res.body), url).toContain('url must be an http(s) URL');
    }
  });

  it('accepts private destinations but refuses them at delivery without sending a request; the alert shows each failure', async () => {
    // The code's choice: a destination URL is only checked when an alert is delivered (its host may resolve
    // differently by then), so creation succeeds and every delivery attempt must be refused before connecting.
    const urls = [...privateUrls(victim.port), ...credentialUrls(victim.port)];
    const ids = new Map<string, string>();
    for (const [i, url] of urls.entries()) {
      const res = await alice.post('/api/alert-destinations', { kind: i % 2 ? 'slack' : 'webhook', url });
      expect(res.status, url).toBe(201);
      ids.set(res.body.id, url);
    }
    // An allowlisted destination that redirects to the victim: deliveries follow no redirects at all.
    const bounced = await alice.post('/api/alert-destinations', {
      kind: 'webhook',
      url: viaRedirector(`http://127.0.0.1:${victim.port}/`),
      secret: 'whsec-ssrf-0123456789',
    });
    expect(bounced.status).toBe(201);
    const redirectorHits = redirector.hits.length;

    const alert = await raiseAlert(systemContext(h.trellis.database.db, h.trellis.runtime, alice.tenantId), {
      agentId: null,
      severity: 'WARNING',
      source: 'SYSTEM',
      message: 'ssrf probe',
      dedupeKey: `ssrf:${Date.now()}`,
    });
    expect(alert).not.toBeNull();
    const listed = (await alice.get('/api/alerts?source=SYSTEM')).body.alerts.find(
      (a: { id: string }) => a.id === alert?.id,
    );
    const deliveries = listed.metadata.deliveries as Record<string, string>;
    expect(Object.keys(deliveries).sort()).toEqual([...ids.keys(), bounced.body.id].sort());
    for (const [id, url] of ids) {
      expect(deliveries[id], url).toMatch(/^failed: /);
      expect(deliveries[id], url).toMatch(REFUSAL);
    }
    expect(deliveries[bounced.body.id]).toBe('failed: more than 0 redirects');
    expect(redirector.hits.length - redirectorHits).toBe(1);
    expect(victim.hits).toEqual([]);
  });
});

describe('SSRF through the web-fetch tool of an agent run', () => {
  let agentId: string;
  beforeAll(async () => {
    const created = await alice.post('/api/agents', {
      name: 'Fetcher',
      instructions: 'Fetch what you are asked to.',
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
      tools: ['web-fetch'],
      maxSteps: 3,
    });
    expect(created.status).toBe(201);
    agentId = created.body.id;
  });

  /** One run whose model asks for web-fetch of every url at once; answers each call's output by url. */
  async function fetchAll(urls: string[]) {
    h.fake.enqueue({ toolCalls: urls.map((url) => ({ name: 'web-fetch', args: { url } })) }, { text: 'done' });
    const run = await alice.post(`/api/agents/${agentId}/runs`, { input: 'fetch these' });
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('COMPLETED');
    const outputs = new Map<string, { error?: string; blocked?: boolean; status?: number; body?: string }>();
    for (const call of run.body.toolCalls) outputs.set(call.inputJson.url, call.outputJson);
    expect([...outputs.keys()].sort()).toEqual([...urls].sort());
    return outputs;
  }

  it('fetches from the allowlisted host (so the tool path really connects)', async () => {
    const out = await fetchAll([`http://127.0.0.1:${redirector.port}/page`]);
    expect(out.get(`http://127.0.0.1:${redirector.port}/page`)).toMatchObject({ status: 200, body: 'listener body' });
  });

  it('refuses every private, loopback, metadata, credential and non-http URL; the listener receives nothing', async () => {
    const urls = [...privateUrls(victim.port), ...credentialUrls(victim.port), ...otherSchemes(victim.port)];
    const out = await fetchAll(urls);
    for (const url of urls) {
      expect(out.get(url), url).toMatchObject({ blocked: true, error: expect.stringMatching(/^refused: /) });
      expect(out.get(url)?.error, url).toMatch(REFUSAL);
    }
    expect(victim.hits).toEqual([]);
  });

  it('refuses a redirect from the allowlisted host to a private address or another scheme', async () => {
    const before = redirector.hits.length;
    const targets = redirectTargets(victim.port);
    const out = await fetchAll(targets.map(viaRedirector));
    for (const target of targets) {
      expect(out.get(viaRedirector(target)), target).toMatchObject({
        blocked: true,
        error: expect.stringMatching(REFUSAL),
      });
    }
    // The first hop was made (the refusal is the redirect's), the second never.
    expect(redirector.hits.length - before).toBe(targets.length);
    expect(victim.hits).toEqual([]);
  });
});

describe('SSRF through safe-fetch redirects (unit level)', () => {
  it('refuses each redirect target with BlockedAddressError when only the redirector is allowlisted', async () => {
    const policy = {
      allowlist: [`127.0.0.1:${redirector.port}`],
      maxBytes: 10_000,
      timeoutMs: 2_000,
      maxRedirects: 3,
    };
    for (const target of redirectTargets(victim.port)) {
      const err = await safeFetch(viaRedirector(target), policy).catch((e: unknown) => e);
      expect(err, target).toBeInstanceOf(BlockedAddressError);
    }
    expect(victim.hits).toEqual([]);
  });

  it('control: the same listener is reached once its address is allowlisted, so the probes above could have landed', async () => {
    const policy = (allowlist: string[]) => ({ allowlist, maxBytes: 10_000, timeoutMs: 2_000, maxRedirects: 3 });
    const target = `http://127.0.0.1:${victim.port}/control`;
    const res = await safeFetch(
      viaRedirector(target),
      policy([`127.0.0.1:${redirector.port}`, `127.0.0.1:${victim.port}`]),
    );
    expect(res).toMatchObject({ status: 200, body: 'listener body', redirects: [target] });
    expect(victim.hits).toEqual(['GET /control']);
  });
});
