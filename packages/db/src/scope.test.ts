// The embedded database runs as the ordinary role `trellis`: a data directory from before row-level security, whose
// objects the superuser owns, is adopted when opened, and the isolation policies then apply to its session.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase } from './client';
import { agent, organization } from './schema/index';

describe('the embedded database role', () => {
  it('adopts a data directory the superuser owns, then enforces isolation on its session', {
    timeout: 60_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'trellis-adopt-'));
    const pgliteDir = join(dataDir, 'pglite');
    const old = await PGlite.create({ dataDir: pgliteDir, extensions: { vector } });
    await migrate(drizzle(old), { migrationsFolder });
    // What pg-boss leaves in its schema: tables, a type, a function.
    await old.exec(`create schema pgboss; create table pgboss.job (id serial primary key);
      create type pgboss.job_state as enum ('created'); create function pgboss.job_now() returns timestamptz
      language sql as 'select now()'`);
    await old.close();

    const handle = await openDatabase({ dataDir, migrate: false });
    try {
      const owners = await handle.db.execute(sql`
        select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname in ('public', 'drizzle', 'pgboss') and c.relkind = 'r'
                   and c.relowner <> 'trellis'::regrole) as tables,
               (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'pgboss' and p.proowner <> 'trellis'::regrole) as functions,
               (select nspowner = 'trellis'::regrole from pg_namespace where nspname = 'pgboss') as schema,
               current_user as "user"`);
      expect((owners as unknown as { rows: unknown[] }).rows[0]).toEqual({
        tables: 0,
        functions: 0,
        schema: true,
        user: 'trellis',
      });
      await handle.db.insert(organization).values([
        { id: 'org-a', name: 'A', slug: 'a', createdAt: new Date() },
        { id: 'org-b', name: 'B', slug: 'b', createdAt: new Date() },
      ]);
      const common = { instructions: 'x', modelProvider: 'demo', modelName: 'demo-1' };
      await handle.db.insert(agent).values([
        { tenantId: 'org-a', slug: 'a', name: 'A', ...common },
        { tenantId: 'org-b', slug: 'b', name: 'B', ...common },
      ]);
      expect((await handle.forTenant('org-a').select().from(agent)).map((a) => a.slug)).toEqual(['a']);
      await expect(
        handle
          .forTenant('org-a')
          .insert(agent)
          .values({ tenantId: 'org-b', slug: 'c', name: 'C', ...common }),
      ).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });
});
