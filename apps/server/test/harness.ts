// Test harness: a real Trellis HTTP server on 127.0.0.1 over a fresh database, and API clients that sign up,
// keep their session cookie, or authenticate with an API key.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createTestDatabase, type FakeLlm, startFakeLlm } from '@trellis/testkit';
import { inject } from 'vitest';
import { buildTrellis, type Trellis } from '../src/server';

export interface Response<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class ApiClient {
  constructor(
    readonly baseURL: string,
    private readonly auth: { cookie?: string; apiKey?: string } = {},
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const res = await fetch(this.baseURL + path, {
      method,
      headers: {
        ...this.authHeaders(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** The headers that authenticate this client (for clients other than ours, e.g. the AI SDK chat transport). */
  authHeaders(): Record<string, string> {
    return {
      origin: this.baseURL,
      ...(this.auth.cookie ? { cookie: this.auth.cookie } : {}),
      ...(this.auth.apiKey ? { 'x-api-key': this.auth.apiKey } : {}),
    };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
  put = <T = any>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  /** An API key for this client's active organization (created through Better Auth's endpoint). */
  async createApiKey(name = 'test key'): Promise<{ key: string; id: string }> {
    const session = await this.get('/api/auth/get-session');
    const res = await this.post('/api/auth/api-key/create', {
      name,
      organizationId: session.body.session.activeOrganizationId,
    });
    if (res.status !== 200) throw new Error(`api key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { key: res.body.key, id: res.body.id };
  }
}

export interface Harness {
  url: string;
  /** The environment the server was built with. */
  env: Record<string, string>;
  trellis: Trellis;
  anonymous: ApiClient;
  /** Signs up a new user (who gets a new organization) and returns their client. */
  signUp(email?: string): Promise<ApiClient & { tenantId: string; userId: string }>;
  close(): Promise<void>;
}

let counter = 0;

/** Signs up a new user (who gets a new organization) on the Trellis at `url` and returns their client. */
export async function signUpAt(url: string, email = `user${++counter}-${Date.now()}@example.com`) {
  const res = await fetch(`${url}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: 'correct horse battery', name: email.split('@')[0] }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const client = new ApiClient(url, { cookie });
  const session = await client.get('/api/auth/get-session');
  return Object.assign(client, {
    tenantId: session.body.session.activeOrganizationId as string,
    userId: session.body.user.id as string,
  });
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const database = await createTestDatabase(inject('testDbTemplate'));
  let handler: (req: Request) => Response | Promise<globalThis.Response> = () =>
    new globalThis.Response('starting', { status: 503 });
  const server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fullEnv = {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'trellis-test-')),
    BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret-1234',
    BETTER_AUTH_URL: url,
    LOG_LEVEL: 'silent',
    ...env,
  };
  const trellis = await buildTrellis({ database, env: fullEnv });
  handler = trellis.app.fetch as typeof handler;
  const anonymous = new ApiClient(url);
  return {
    url,
    env: fullEnv,
    trellis,
    anonymous,
    signUp: (email?: string) => signUpAt(url, email),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await trellis.close();
      await database.close();
    },
  };
}

/**
 * A second Trellis web process on the harness's database: its own runtime, caches and change listener, the same
 * secret and environment, no job worker (the first one works the queues). What one changes the other must see.
 */
export async function startPeer(h: Harness, env: Record<string, string> = {}) {
  let handler: (req: Request) => Response | Promise<globalThis.Response> = () =>
    new globalThis.Response('starting', { status: 503 });
  const server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const trellis = await buildTrellis({
    database: h.trellis.database,
    env: { ...h.env, BETTER_AUTH_URL: url, TRELLIS_WORKER: 'off', ...env },
  });
  handler = trellis.app.fetch as typeof handler;
  return {
    url,
    trellis,
    client: (apiKey: string) => new ApiClient(url, { apiKey }),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await trellis.close();
    },
  };
}

/**
 * A harness whose OpenAI provider is a fake server on 127.0.0.1 speaking the real protocol; closing closes both.
 * `env` may be computed from the fake, e.g. to point other providers at it too.
 */
export async function startHarnessWithFakeOpenAi(
  env: Record<string, string> | ((fake: FakeLlm) => Record<string, string>) = {},
  fakeOptions?: Parameters<typeof startFakeLlm>[0],
) {
  const fake = await startFakeLlm(fakeOptions);
  const extra = typeof env === 'function' ? env(fake) : env;
  const h = await startHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.openaiBaseURL, ...extra });
  return {
    ...h,
    fake,
    close: async () => {
      await h.close();
      await fake.close();
    },
  };
}
