// `npm start`: brings the builds up to date (the workspace UI, the server, the embedded database template), then
// becomes the server, `node --max-semi-space-size=8 apps/server/dist/main.js`, in this same process (execve).
import { fileURLToPath, pathToFileURL } from 'node:url';
import './ensure-web-build.mjs';
import { buildServer, isStale, isTemplateStale, writeTemplate } from './build-server.mjs';

if (isStale()) {
  const { ms } = await buildServer();
  console.log(`Built the server into apps/server/dist in ${ms} ms`);
}
if (!process.env.DATABASE_URL && isTemplateStale()) writeTemplate();

const main = fileURLToPath(new URL('../apps/server/dist/main.js', import.meta.url));
// Semi-spaces of 8 MB: V8 grows the young generation to 128 MB while the server starts and keeps it. On Linux, a fixed
// glibc trim threshold, which gives freed memory back to the system sooner: the ~600 MB V8's optimizing compiler
// takes for one of PGlite's wasm functions shortly after start otherwise leave ~60 MB resident.
const flags = ['--max-semi-space-size=8'];
const env = { ...process.env };
if (process.platform === 'linux' && !env.GLIBC_TUNABLES?.includes('glibc.malloc.trim_threshold')) {
  env.GLIBC_TUNABLES = [env.GLIBC_TUNABLES, 'glibc.malloc.trim_threshold=65536'].filter(Boolean).join(':');
}
if (process.execve) {
  process.execve(process.execPath, [process.execPath, ...flags, main, ...process.argv.slice(2)], env);
} else {
  await import(pathToFileURL(main).href); // Windows: no execve; the server runs in this process as it is
}
