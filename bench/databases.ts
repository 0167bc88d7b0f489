// The databases benchmarks run on: an in-memory PGlite, and a throwaway database on a PostgreSQL server that is
// created for the measurement and dropped after it, owned and used by an ordinary role as in production (a superuser
// would skip row-level security and its cost).
import { type DatabaseHandle, openDatabase } from '@trellis/db';
import { adminQuery, ensureOrdinaryRole, ORDINARY_ROLE, withDatabase } from '@trellis/testkit';

export const PGLITE_LABEL = 'PGlite (embedded, in-memory)';
export const POSTGRES_LABEL = 'PostgreSQL 15 (127.0.0.1, pool of 10)';

export async function onPglite<T>(measure: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase({ inMemory: true });
  try {
    return await measure(database);
  } finally {
    await database.close();
  }
}

export async function onTempPostgres<T>(serverUrl: string, measure: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const name = `trellis_bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await ensureOrdinaryRole(serverUrl);
  await adminQuery(serverUrl, `CREATE DATABASE ${name} OWNER ${ORDINARY_ROLE}`);
  const database = await openDatabase({ url: withDatabase(serverUrl, name, ORDINARY_ROLE) });
  try {
    if (database.rowSecurity !== 'enforced') throw new Error(`${ORDINARY_ROLE} bypasses row-level security`);
    return await measure(database);
  } finally {
    await database.close();
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
