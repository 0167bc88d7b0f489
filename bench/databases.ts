// The databases benchmarks run on: an in-memory PGlite, and a throwaway database on a PostgreSQL server that is
// created for the measurement and dropped after it.
import { type DatabaseHandle, openDatabase } from '@trellis/db';

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
  const pg = (await import('pg')).default;
  const name = `trellis_bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  try {
    return await measure(database);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
