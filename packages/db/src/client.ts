// Opens the database: embedded PGlite (with pgvector) under a data directory when no URL is given — a new one starts
// from the build's template (template.ts) — PostgreSQL through `pg` otherwise. Both are wrapped by the same Drizzle
// schema, as a system handle and one handle per tenant (scope.ts); pending migrations are applied on open. PGlite's
// session runs as the ordinary role `trellis`, which owns every object, so row-level security applies to it.
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
import { PgliteScopes, type Scope, ScopedPglite, ScopedPgPool, systemScope } from './scope';
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
  /** The system handle: every tenant's rows. For the paths that are global on purpose (recovery, rollups across
   * tenants, supervisors, auth) and for tests reading what was stored. */
  db: Db;
  /** One tenant's handle: its statements see and write only that tenant's rows, whatever they filter on. */
  forTenant(tenantId: string): Db;
  /** 'bypassed' when the connecting role is a superuser or has BYPASSRLS: the isolation policies are not applied. */
  rowSecurity: 'enforced' | 'bypassed';
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
  await pglite.exec(adoptOwnershipSql);
  await pglite.exec(`SET SESSION AUTHORIZATION ${embeddedRole}`);
  const scopes = new PgliteScopes(pglite);
  const connect = (scope: Scope) =>
    drizzlePglite(new ScopedPglite(pglite, scopes, scope) as never, { schema, casing }) as unknown as Db;
  return { ...scopedHandles(connect), rowSecurity: 'enforced', kind: 'pglite', pglite, close: () => pglite.close() };
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
  const connect = (scope: Scope) =>
    drizzlePg(new ScopedPgPool(pool, scope) as never, { schema, casing }) as unknown as Db;
  const role = await pool.query<{ bypass: boolean }>(
    'select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user',
  );
  const rowSecurity = role.rows[0]?.bypass ? 'bypassed' : 'enforced';
  return { ...scopedHandles(connect), rowSecurity, kind: 'postgres', pool, url, close: () => pool.end() };
}

/** Tenant handles kept ready, most recently used last; the oldest is dropped past this many. */
const tenantHandlesKept = 1000;
const tenantHandleOf = new WeakMap<Db, (tenantId: string) => Db>();

function scopedHandles(connect: (scope: Scope) => Db): Pick<DatabaseHandle, 'db' | 'forTenant'> {
  const tenants = new Map<string, Db>();
  const forTenant = (tenantId: string) => {
    let db = tenants.get(tenantId);
    if (db) tenants.delete(tenantId);
    else db = connect({ kind: 'tenant', tenantId });
    tenants.set(tenantId, db);
    if (tenants.size > tenantHandlesKept) tenants.delete(tenants.keys().next().value as string);
    return db;
  };
  const db = connect(systemScope);
  tenantHandleOf.set(db, forTenant);
  return { db, forTenant };
}

/**
 * The handle of `tenantId` on the same database as `db`, when `db` is a system handle; a tenant's handle or an open
 * transaction is returned as it is (a transaction keeps the scope it was opened in).
 */
export function tenantDb(db: Db, tenantId: string): Db {
  return tenantHandleOf.get(db)?.(tenantId) ?? db;
}

/** The ordinary role PGlite's session runs as: not a superuser, so the isolation policies apply to it. */
const embeddedRole = 'trellis';
const ownedSchemas = "('public', 'drizzle', 'pgboss')";
/**
 * Run as PGlite's superuser at every open: creates the pgvector extension (it ships with PGlite; only a superuser may
 * create it), and makes sure `trellis` exists and owns the schemas and objects Trellis and pg-boss create (a data directory from before row-level security has them owned by the superuser); a no-op
 * otherwise. Extension members and objects that follow their table (indexes, owned sequences) are left alone.
 */
const adoptOwnershipSql = `CREATE EXTENSION IF NOT EXISTS vector;
DO $$
DECLARE r record;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${embeddedRole}') THEN
    CREATE ROLE ${embeddedRole} NOSUPERUSER NOBYPASSRLS;
  END IF;
  EXECUTE format('GRANT CREATE, CONNECT, TEMPORARY ON DATABASE %I TO ${embeddedRole}', current_database());
  FOR r IN SELECT nspname FROM pg_namespace
    WHERE nspname IN ${ownedSchemas} AND nspowner <> '${embeddedRole}'::regrole LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO ${embeddedRole}', r.nspname);
  END LOOP;
  FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ${ownedSchemas} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND c.relowner <> '${embeddedRole}'::regrole
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
        AND d.deptype IN ('a', 'i', 'e')) LOOP
    EXECUTE format('ALTER TABLE %I.%I OWNER TO ${embeddedRole}', r.nspname, r.relname);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname IN ${ownedSchemas} AND t.typowner <> '${embeddedRole}'::regrole
      AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
        AND d.deptype = 'e') LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO ${embeddedRole}', r.name);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ${ownedSchemas} AND p.proowner <> '${embeddedRole}'::regrole
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
        AND d.deptype = 'e') LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO ${embeddedRole}', r.name);
  END LOOP;
END $$;`;

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
