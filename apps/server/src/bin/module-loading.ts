// Module loading of the built server (apps/server/dist): the V8 compile cache, and a resolve hook for the ~1,400
// files third-party packages import from themselves, which Node 24 resolves slowly (see `resolveWithinPackage`).
import { lstatSync, readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Format = 'module' | 'commonjs';

/** Call before importing the application, and import it dynamically: static imports resolve before any code runs. */
export function prepareModuleLoading(): void {
  // Compiled code cached in the OS temp directory (or NODE_COMPILE_CACHE); NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  nodeModule.enableCompileCache?.();
  // Node ≥22.15; without it modules load the ordinary way.
  nodeModule.registerHooks?.({
    resolve: (specifier, context, nextResolve) =>
      resolveWithinPackage(specifier, context.parentURL, context.conditions) ?? nextResolve(specifier, context),
  });
}

/**
 * A relative `import` of a .js/.mjs/.cjs file from a file in node_modules: its URL is the specifier against the
 * importer's, its format follows from the extension or the nearest package.json's `type`. Node finds the same but
 * re-reads that package.json for every file, and re-parses its whole `exports` map each time (drizzle-orm's is
 * 130 kB, ~1 s at start). Anything less plain — no explicit `type`, a missing file, a symlink — is left to Node.
 */
function resolveWithinPackage(specifier: string, parentURL: string | undefined, conditions: readonly string[] = []) {
  if (!/^\.\.?\/.*\.[cm]?js$/.test(specifier) || !parentURL?.startsWith('file:')) return undefined;
  if (!parentURL.includes('/node_modules/') || !conditions.includes('import')) return undefined;
  const url = new URL(specifier, parentURL);
  const path = fileURLToPath(url);
  const format: Format | undefined = path.endsWith('.mjs')
    ? 'module'
    : path.endsWith('.cjs')
      ? 'commonjs'
      : packageType(dirname(path));
  if (!format || !lstatSync(path, { throwIfNoEntry: false })?.isFile()) return undefined;
  return { url: url.href, format, shortCircuit: true };
}

const typeByDirectory = new Map<string, Format | undefined>();

/** The explicit `type` of the package.json nearest to `dir` (within its package), like Node's package scope. */
function packageType(dir: string): Format | undefined {
  if (typeByDirectory.has(dir)) return typeByDirectory.get(dir);
  let type: Format | undefined;
  let json: string | undefined;
  try {
    json = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {}
  if (json !== undefined) {
    try {
      const declared = (JSON.parse(json) as { type?: unknown }).type;
      type = declared === 'module' || declared === 'commonjs' ? declared : undefined;
    } catch {}
  } else if (!dir.endsWith('/node_modules') && dirname(dir) !== dir) {
    type = packageType(dirname(dir));
  }
  typeByDirectory.set(dir, type);
  return type;
}
