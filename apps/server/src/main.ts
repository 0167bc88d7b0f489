// `npm start`: serves Trellis on PORT (default 3000) with the embedded database unless DATABASE_URL is set.
import { serve } from '@hono/node-server';
import { buildTrellis } from './server';

const t0 = performance.now();
const trellis = await buildTrellis();
const { PORT, HOST } = trellis.config.env;
const server = serve({ fetch: trellis.app.fetch, port: PORT, hostname: HOST }, (info) => {
  const db = trellis.database.kind === 'pglite' ? `embedded PGlite in ${trellis.config.env.DATA_DIR}` : 'PostgreSQL';
  const ms = Math.round(performance.now() - t0);
  console.log(`Trellis ready at http://localhost:${info.port} (${db}) in ${ms} ms — API reference at /api/docs`);
});

let stopping = false;
/** Stops accepting connections, lets runs in flight finish (TRELLIS_DRAIN_SECONDS), then stops. */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const inFlight = trellis.runtime.inFlight.size;
  console.log(`${signal}: shutting down${inFlight ? ` after ${inFlight} run(s) in flight` : ''}`);
  server.close();
  await trellis.close({ drainMs: trellis.config.env.TRELLIS_DRAIN_SECONDS * 1000 });
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
