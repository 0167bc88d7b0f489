// The embedded database's template: a database created and migrated once (by the server build) that a first start on
// an empty data directory loads (≈2 s) instead of creating one and applying every migration (≈8 s or more).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the build keeps templates (gitignored). */
export const templateFolder = join(packageRoot, 'dist');

export interface EmbeddedTemplate {
  /** The gzipped data directory, named after what it was made with: PGlite, pgvector and the newest migration. */
  file: string;
  /** The files that name it: a change to any of them calls for a new template. */
  inputs: string[];
}

function packageJsonOf(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'package.json');
}

/** The template this PGlite, pgvector and set of migrations call for (whether or not it exists). */
export function embeddedTemplate(): EmbeddedTemplate {
  const journal = join(packageRoot, 'migrations/meta/_journal.json');
  const pglite = packageJsonOf('@electric-sql/pglite');
  const pgvector = packageJsonOf('@electric-sql/pglite-pgvector');
  const version = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  const { entries } = JSON.parse(readFileSync(journal, 'utf8')) as { entries: { when: number }[] };
  const newest = Math.max(0, ...entries.map((e) => e.when));
  const name = `pglite-${version(pglite)}-pgvector-${version(pgvector)}-migration-${newest}.tar.gz`;
  return { file: join(templateFolder, name), inputs: [journal, pglite, pgvector] };
}

/** The template as `PGlite.create({ loadDataDir })` takes it, when the build made the one this code calls for. */
export function loadEmbeddedTemplate(): Blob | undefined {
  const { file } = embeddedTemplate();
  if (!existsSync(file)) return undefined;
  return new Blob([readFileSync(file)], { type: 'application/x-gzip' });
}

/** Written with a template: its file and inputs, which the build reads to tell whether the template is current. */
export const templateManifest = join(templateFolder, 'template.json');
