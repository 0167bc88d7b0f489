// Builds the server and the command line to plain JavaScript in apps/server/dist (esbuild): our workspace code
// (@trellis/*) bundled, third-party packages left as imports from node_modules; then the embedded database template
// (packages/db/src/template.ts) when it is missing or stale. `--if-stale` builds the server only when needed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'apps/server/dist');
/** Written last by every build: when it ran and the workspace files it read, to tell later whether it is stale. */
const manifest = join(outdir, 'build.json');
const entryPoints = {
  main: 'apps/server/src/bin/main.ts',
  cli: 'apps/server/src/bin/cli.ts',
  'embedded-template': 'apps/server/src/bin/embedded-template.ts',
};
/** Written with the embedded database's template (packages/db/src/template.ts): its file and the files naming it. */
const templateManifest = join(root, 'packages/db/dist/template.json');
const self = relative(root, fileURLToPath(import.meta.url));

/** True without a build, or when a file it was built from (or this script) changed or vanished since. */
export function isStale() {
  let built;
  try {
    built = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return true;
  }
  return changedSince(built.builtAt, [...built.inputs, self]);
}

/** True without an embedded database template, or when the migrations or PGlite changed since it was made. */
export function isTemplateStale() {
  let made;
  try {
    made = JSON.parse(readFileSync(templateManifest, 'utf8'));
  } catch {
    return true;
  }
  return !existsSync(made.file) || changedSince(made.startedAt, made.inputs);
}

function changedSince(time, files) {
  return files.some((f) => {
    const path = resolve(root, f);
    return !existsSync(path) || statSync(path).mtimeMs > time;
  });
}

// Sources that find files next to themselves (the migrations, the UI build, swagger-ui) keep doing so when bundled:
// their `import.meta.url` becomes their own source file's URL, relative to the bundle's.
const sourceFileUrls = {
  name: 'source-file-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const path = relative(outdir, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(path)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

// Bare imports stay imports (resolved from node_modules at run time), except our own workspace packages.
const thirdPartyExternal = {
  name: 'third-party-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@trellis/') ? undefined : { external: true },
    );
  },
};

export async function buildServer() {
  const started = Date.now();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: 'linked',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [thirdPartyExternal, sourceFileUrls],
  });
  mkdirSync(outdir, { recursive: true });
  const written = new Set([manifest]);
  // Each file is written whole and renamed into place, so a process starting meanwhile never reads half a file.
  for (const file of result.outputFiles) {
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
    written.add(file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  writeFileSync(manifest, `${JSON.stringify({ builtAt: started, inputs }, null, 1)}\n`);
  for (const entry of readdirSync(outdir, { withFileTypes: true })) {
    const path = join(outdir, entry.name);
    if (entry.isFile() && !written.has(path)) rmSync(path, { force: true });
  }
  return { ms: Date.now() - started, files: result.outputFiles.length };
}

/** Makes the embedded database template with the built code (≈10 s, once per PGlite version and set of migrations). */
export function writeTemplate() {
  console.log('Making the embedded database template…');
  execFileSync(process.execPath, [join(outdir, 'embedded-template.js')], { stdio: 'inherit' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv.includes('--if-stale') || isStale()) {
    const { ms } = await buildServer();
    console.log(`Built the server into apps/server/dist in ${ms} ms`);
  }
  // Only the embedded database uses the template.
  if (!process.env.DATABASE_URL && isTemplateStale()) writeTemplate();
}
