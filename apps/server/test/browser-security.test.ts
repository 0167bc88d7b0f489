// Defence in depth for browsers: security headers and a strict Content-Security-Policy on the UI and the API (the
// UI's inline theme script allowed by its hash, nothing else inline), and signed-in writes refused from other origins.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webDist } from '../src/routes/web';
import { type ApiClient, type Harness, startHarness } from './harness';

let h: Harness;
let alice: Awaited<ReturnType<Harness['signUp']>>;

beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
});
afterAll(async () => {
  await h?.close();
});

const csp = (res: Response) => res.headers.get('content-security-policy') ?? '';

describe('security headers', () => {
  it('the API answers with nosniff, no framing, and a policy that allows only this origin', async () => {
    const res = await fetch(`${h.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(csp(res)).toContain("default-src 'self'");
    expect(csp(res)).toContain("script-src 'self'");
    expect(csp(res)).toContain("frame-ancestors 'none'");
    expect(csp(res)).not.toContain('unsafe-eval');
    // Errors carry them too.
    expect((await fetch(`${h.url}/api/nothing-here`)).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.skipIf(!existsSync(`${webDist}/index.html`))(
    'the UI page allows its inline theme script by hash, and only that',
    async () => {
      const res = await fetch(`${h.url}/workspace`);
      expect(res.status).toBe(200);
      const html = readFileSync(`${webDist}/index.html`, 'utf8');
      const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      expect(inline).toContain('trellis-theme');
      const hash = `sha256-${createHash('sha256').update(inline).digest('base64')}`;
      const scripts = /script-src ([^;]*)/.exec(csp(res))?.[1] ?? '';
      expect(scripts.split(' ')).toEqual(["'self'", `'${hash}'`]);
    },
  );
});

describe('signed-in writes from another origin', () => {
  const create = (headers: Record<string, string>, client: ApiClient = alice) =>
    fetch(`${h.url}/api/agents`, {
      method: 'POST',
      headers: { ...client.authHeaders(), 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name: `Origin check ${Math.random()}`, instructions: 'x' }),
    });

  it('are refused with 403 and write nothing; from this site they pass', async () => {
    const before = (await alice.get('/api/agents')).body.agents.length;
    const foreign = await create({ origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('CROSS_ORIGIN_REFUSED');
    const referer = await create({ origin: '', referer: 'https://evil.example/page' });
    expect(referer.status).toBe(403);
    const bare = await create({ origin: '' });
    expect(bare.status).toBe(403);
    expect((await alice.get('/api/agents')).body.agents).toHaveLength(before);

    expect((await create({})).status).toBe(201);
    expect((await create({ origin: '', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });

  it('an API key is not a browser credential: its calls pass from anywhere, reads are never checked', async () => {
    const { key } = await alice.createApiKey();
    const res = await fetch(`${h.url}/api/agents`, {
      method: 'POST',
      headers: { 'x-api-key': key, origin: 'https://elsewhere.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'From a script', instructions: 'x' }),
    });
    expect(res.status).toBe(201);
    const read = await fetch(`${h.url}/api/agents`, {
      headers: { ...alice.authHeaders(), origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
  });
});
