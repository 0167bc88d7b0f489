// Fresh databases for test files. A vitest globalSetup migrates one template per test run — a PGlite dump, or a
// PostgreSQL template database — and every test file gets its own copy, so files never share state. On PostgreSQL
// the databases belong to, and are used as, an ordinary role (as in production): a superuser would skip row-level
// security, and with it the isolation the tests check.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '@trellis/db';
import pg from 'pg';

export type TestDbKind = 'pglite' | 'postgres';

/** PGlite: the gzipped data-dir dump of a migrated database; PostgreSQL: the server and the template's name. */
export type TestDbTemplate =
  | { kind: 'pglite'; dumpPath: string }
  | { kind: 'postgres'; serverUrl: string; template: string };

/** The ordinary role (no superuser, no BYPASSRLS) that owns and uses test and benchmark databases. */
export const ORDINARY_ROLE = 'trellis_test';

/** `url` for database `name`, connecting as `role` when given. */
export const withDatabase = (url: string, name: string, role?: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  if (role) {
    u.username = role;
    u.password = '';
  }
  return u.toString();
};

/** Creates the ordinary role on the server unless it exists (concurrent runs may race to create it). */
export async function ensureOrdinaryRole(serverUrl: string): Promise<void> {
  await adminQuery(
    serverUrl,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ORDINARY_ROLE}') THEN
         CREATE ROLE ${ORDINARY_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS;
       END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
  );
}

export async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Builds the migrated template for `kind`; returns it and a teardown that removes it. */
export async function prepareTemplate(
  kind: TestDbKind,
  serverUrl = process.env.TEST_DATABASE_URL,
): Promise<{ template: TestDbTemplate; teardown: () => Promise<void> }> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ inMemory: true });
    if (!handle.pglite) throw new Error('expected an embedded database');
    const dump = await handle.pglite.dumpDataDir('gzip');
    await handle.close();
    const dumpPath = join(tmpdir(), `trellis-template-${process.pid}-${randomBytes(4).toString('hex')}.tar.gz`);
    await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
    return { template: { kind: 'pglite', dumpPath }, teardown: async () => {} };
  }
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is required for PostgreSQL tests');
  const template = `trellis_tpl_${randomBytes(4).toString('hex')}`;
  await ensureOrdinaryRole(serverUrl);
  await adminQuery(serverUrl, `CREATE DATABASE ${template} OWNER ${ORDINARY_ROLE}`);
  const handle = await openDatabase({ url: withDatabase(serverUrl, template, ORDINARY_ROLE), poolSize: 1 });
  await handle.close();
  return {
    template: { kind: 'postgres', serverUrl, template },
    teardown: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`),
  };
}

/** A fresh, migrated database copied from `template`; `close()` also drops a PostgreSQL copy. */
export async function createTestDatabase(template: TestDbTemplate): Promise<DatabaseHandle> {
  if (template.kind === 'pglite') {
    const bytes = await readFile(template.dumpPath);
    return openDatabase({ loadDataDir: new Blob([bytes], { type: 'application/x-gzip' }), migrate: false });
  }
  const name = `trellis_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(template.serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template.template} OWNER ${ORDINARY_ROLE}`);
  const url = withDatabase(template.serverUrl, name, ORDINARY_ROLE);
  const handle = await openDatabase({ url, migrate: false, poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(template.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
