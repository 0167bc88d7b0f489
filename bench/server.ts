// A real Trellis HTTP server on 127.0.0.1 over a given database, for benchmarks that measure through HTTP.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { DatabaseHandle } from '@trellis/db';
import { buildTrellis } from '../apps/server/src/server';

/** `env` adds to the bench defaults (e.g. a provider key and base URL). */
export async function startBenchServer(database: DatabaseHandle, env: Record<string, string> = {}) {
  let handler: (req: Request) => Promise<Response> | Response = () => new Response('starting', { status: 503 });
  const server = serve({ fetch: (req) => handler(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const trellis = await buildTrellis({
    database,
    env: {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'trellis-bench-')),
      BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-1',
      BETTER_AUTH_URL: url,
      LOG_LEVEL: 'silent',
      // The benchmarks drive one key and one address far past any production rate.
      RATE_LIMIT_API_KEY_PER_MINUTE: '0',
      RATE_LIMIT_IP_PER_MINUTE: '0',
      ...env,
    },
  });
  handler = trellis.app.fetch as typeof handler;
  return {
    url,
    trellis,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await trellis.close();
    },
  };
}
