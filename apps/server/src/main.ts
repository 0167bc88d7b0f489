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
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  server.close();
  await trellis.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
