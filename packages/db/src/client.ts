// Opens the database: embedded PGlite (with pgvector) under a data directory when no URL is given — a new one starts
// from the build's template (template.ts) — PostgreSQL through `pg` otherwise. Both are wrapped by the same Drizzle
// schema; pending migrations are applied on open.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema/index';
import {
  type EmbeddedTemplate,
  embeddedTemplate,
  loadEmbeddedTemplate,
  templateFolder,
  templateManifest,
} from './template';

export type Schema = typeof schema;
/** The Drizzle database every service receives; the same type for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance in embedded mode (for pg-boss's adapter and dumps). */
  pglite?: PGlite;
  /** The pg pool in server mode. */
  pool?: pg.Pool;
  /** The connection string in server mode (pg-boss opens its own pool with it). */
  url?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  url?: string;
  /** Embedded data directory (default `./.data`); the database lives in `<dataDir>/pglite`. */
  dataDir?: string;
  /** Use an in-memory embedded database (tests). */
  inMemory?: boolean;
  /** A `dumpDataDir()` tarball to start the embedded database from (tests). */
  loadDataDir?: Blob | File;
  /** Apply pending migrations after opening (default true). */
  migrate?: boolean;
  /** pg pool size (default 10). */
  poolSize?: number;
}

const casing = 'snake_case' as const;

/** PostgreSQL settings of the embedded database. Its default 128 MB of shared buffers are written through at start
 * (≈0.4 s) and held for good; one process with one session is served well by 16 MB and the OS page cache. */
const pgliteSettings = ['shared_buffers=16MB'];

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  const handle = options.url ? await openPostgres(options.url, options.poolSize ?? 10) : await openPglite(options);
  if (options.migrate !== false) await migrateDatabase(handle);
  return handle;
}

async function openPglite(options: OpenOptions): Promise<DatabaseHandle> {
  let dataDir: string | undefined;
  let loadDataDir = options.loadDataDir;
  if (!options.inMemory && !options.loadDataDir) {
    dataDir = join(resolve(options.dataDir ?? './.data'), 'pglite');
    mkdirSync(dataDir, { recursive: true });
    // A new data directory starts from the build's template when there is one (migrations still run after).
    if (!existsSync(join(dataDir, 'PG_VERSION'))) loadDataDir = loadEmbeddedTemplate();
  }
  const pglite = await PGlite.create({
    dataDir,
    extensions: { vector },
    loadDataDir,
    startParams: [...PGlite.defaultStartParams, ...pgliteSettings.flatMap((setting) => ['-c', setting])],
  });
  const db = drizzlePglite(pglite, { schema, casing }) as unknown as Db;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
  const db = drizzlePg(pool, { schema, casing }) as unknown as Db;
  return { db, kind: 'postgres', pool, url, close: () => pool.end() };
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (await migrationsApplied(handle)) return;
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder });
  } else {
    await migratePg(handle.db as never, { migrationsFolder });
  }
}

/** Makes the embedded template for this PGlite, pgvector and set of migrations (a new in-memory database, migrated,
 * dumped) in `templateFolder`, replacing older ones, and writes its manifest. */
export async function writeEmbeddedTemplate(): Promise<EmbeddedTemplate> {
  const startedAt = Date.now();
  const template = embeddedTemplate();
  const handle = await openDatabase({ inMemory: true });
  try {
    const dump = await (handle.pglite as PGlite).dumpDataDir('gzip');
    mkdirSync(templateFolder, { recursive: true });
    const partial = `${template.file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, template.file);
  } finally {
    await handle.close();
  }
  for (const f of readdirSync(templateFolder)) {
    const stale = f.endsWith('.tar.gz') && join(templateFolder, f) !== template.file;
    if (stale) rmSync(join(templateFolder, f), { force: true });
  }
  writeFileSync(templateManifest, `${JSON.stringify({ ...template, startedAt }, null, 1)}\n`);
  return template;
}

/** True when the database already holds the newest migration of the folder: the migrator would only read every file
 * and create its schema and table if missing, so a restart skips it. Any doubt (no table yet) says false. */
async function migrationsApplied(handle: DatabaseHandle): Promise<boolean> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  try {
    const result = await handle.db.execute(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const last = (result as unknown as { rows: { created_at: string | number }[] }).rows[0];
    return last !== undefined && Number(last.created_at) >= newest;
  } catch {
    return false;
  }
}
