// Whether this database can search by embedding: pgvector installed (PGlite always has it; on PostgreSQL a superuser
// may add it at any time) and the `kb_chunk.embedding` and `memory_message.embedding` columns present — added here at start when the extension
// arrived after the migrations ran. Without it, knowledge bases search by full text alone.
import { sql } from 'drizzle-orm';
import type { Db } from './client';

export async function enableVectorSearch(db: Db): Promise<boolean> {
  const rows = await db.execute<{ installed: boolean }>(
    sql`select exists (select from pg_extension where extname = 'vector') as installed`,
  );
  if (!(rows as unknown as { rows: { installed: boolean }[] }).rows[0]?.installed) return false;
  await db.execute(sql`alter table kb_chunk add column if not exists embedding vector`);
  await db.execute(sql`alter table memory_message add column if not exists embedding vector`);
  return true;
}
