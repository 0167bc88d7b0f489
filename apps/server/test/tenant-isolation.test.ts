// Tenant isolation by the database (row-level security), on PGlite and on PostgreSQL as an ordinary role: every table
// that holds a tenant's rows carries the policy, forced for its owner; a tenant's handle sees and writes only that
// tenant's rows even when a query forgets its filter; a connection without a scope sees nothing; the system handle
// sees all; and PGlite's one session keeps scopes apart under concurrent statements and transactions.
import { agent, agentRun, type Db } from '@trellis/db';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, type Harness, startHarness } from './harness';

let h: Harness;
type Tenant = ApiClient & { tenantId: string };
let alice: Tenant;
let bob: Tenant;

const rows = async (db: Db, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

/** Tables of the public schema with a tenant_id column, and how PostgreSQL protects each. */
async function tenantTables(db: Db) {
  return (await rows(
    db,
    sql`select c.relname as "table", c.relrowsecurity as "enabled", c.relforcerowsecurity as "forced",
          exists (select from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as "policy"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        order by 1`,
  )) as { table: string; enabled: boolean; forced: boolean; policy: boolean }[];
}

async function useTheProduct(user: Tenant) {
  expect((await user.put('/api/agents/assistant', { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(200);
  expect((await user.post('/api/agents/assistant/runs', { input: 'hello' })).status).toBe(201);
  const chat = await fetch(`${h.url}/api/agents/assistant/chat`, {
    method: 'POST',
    headers: { ...user.authHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ input: 'remember me', threadId: 'thread-1' }),
  });
  expect(chat.status).toBe(200);
  await chat.text();
  expect((await user.put('/api/budget', { monthlyLimitUsd: 5 })).status).toBe(200);
}

beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  bob = await h.signUp();
  await useTheProduct(alice);
  await useTheProduct(bob);
  // The run-completed jobs write cost events and rollups for both.
  await vi.waitFor(
    async () => {
      const counted = await rows(h.trellis.database.db, sql`select count(*)::int as n from cost_event`);
      expect(counted[0].n).toBeGreaterThanOrEqual(4);
    },
    { timeout: 20_000, interval: 100 },
  );
});
afterAll(async () => {
  await h?.close();
});

describe('row-level tenant isolation', () => {
  it('the server connects as a role the policies apply to', () => {
    expect(h.trellis.database.rowSecurity).toBe('enforced');
  });

  it('every table with a tenant_id has the isolation policy, forced for its owner', async () => {
    const tables = await tenantTables(h.trellis.database.db);
    expect(tables.length).toBeGreaterThanOrEqual(45);
    expect(tables.filter((t) => !(t.enabled && t.forced && t.policy)).map((t) => t.table)).toEqual([]);
  });

  it("a tenant's handle sees exactly its own rows of every table, whatever the query filters on", async () => {
    const system = h.trellis.database.db;
    const tables = await tenantTables(system);
    const seen = new Map<string, number>();
    for (const { table } of tables) {
      for (const user of [alice, bob]) {
        const mine = h.trellis.database.forTenant(user.tenantId);
        const id = sql.identifier(table);
        const [all] = await rows(mine, sql`select count(*)::int as n from ${id}`);
        const [own] = await rows(system, sql`select count(*)::int as n from ${id} where tenant_id = ${user.tenantId}`);
        const [foreign] = await rows(
          mine,
          sql`select count(*)::int as n from ${id} where tenant_id <> ${user.tenantId}`,
        );
        expect({ table, n: all.n, foreign: foreign.n }).toEqual({ table, n: own.n, foreign: 0 });
        seen.set(`${table}:${user === alice ? 'alice' : 'bob'}`, all.n as number);
      }
    }
    // The check above compared real rows: both tenants own some in the tables the product wrote.
    for (const table of ['agent', 'agent_run', 'agent_trace', 'memory_message', 'cost_event', 'budget_policy']) {
      expect(seen.get(`${table}:alice`), table).toBeGreaterThan(0);
      expect(seen.get(`${table}:bob`), table).toBeGreaterThan(0);
    }
  });

  it('reads, updates and deletes by a bare id reach nothing of another tenant; inserts for it are refused', async () => {
    const system = h.trellis.database.db;
    const mine = h.trellis.database.forTenant(alice.tenantId);
    const [bobsAgent] = await system.select().from(agent).where(eq(agent.tenantId, bob.tenantId)).limit(1);
    const [bobsRun] = await system.select().from(agentRun).where(eq(agentRun.tenantId, bob.tenantId)).limit(1);

    expect(await mine.select().from(agentRun).where(eq(agentRun.id, bobsRun.id))).toEqual([]);
    expect(await mine.update(agent).set({ name: 'taken' }).where(eq(agent.id, bobsAgent.id)).returning()).toEqual([]);
    expect(await mine.delete(agentRun).where(eq(agentRun.id, bobsRun.id)).returning()).toEqual([]);
    const values = { tenantId: bob.tenantId, slug: 'planted', name: 'Planted', instructions: 'x' };
    await expect(
      mine.insert(agent).values({ ...values, modelProvider: 'demo', modelName: 'demo-1' }),
    ).rejects.toThrow();
    // Moving one's own row to another tenant is refused as well.
    const [own] = await mine.select().from(agent).limit(1);
    await expect(mine.update(agent).set({ tenantId: bob.tenantId }).where(eq(agent.id, own.id))).rejects.toThrow();

    const [after] = await system.select().from(agent).where(eq(agent.id, bobsAgent.id));
    expect(after.name).toBe(bobsAgent.name);
    expect(await system.select().from(agentRun).where(eq(agentRun.id, bobsRun.id))).toHaveLength(1);
    expect(await system.select().from(agent).where(eq(agent.slug, 'planted'))).toEqual([]);
  });

  it('a connection that names no scope sees no tenant rows', async () => {
    const database = h.trellis.database;
    if (database.kind === 'postgres') {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        expect((await client.query('select count(*)::int as n from agent_run')).rows[0].n).toBe(0);
        await expect(
          client.query(
            "insert into agent (id, tenant_id, slug, name, instructions, model_provider, model_name) values ('x', $1, 'x', 'x', 'x', 'demo', 'demo-1')",
            [alice.tenantId],
          ),
        ).rejects.toThrow(/row-level security/);
      } finally {
        await client.end();
      }
    } else {
      // PGlite has one session: clear the settings for one transaction only.
      const n = await database.pglite?.transaction(async (tx) => {
        await tx.query("select set_config('trellis.scope', '', true), set_config('trellis.tenant_id', '', true)");
        return (await tx.query<{ n: number }>('select count(*)::int as n from agent_run')).rows[0].n;
      });
      expect(n).toBe(0);
    }
    expect((await rows(database.db, sql`select count(*)::int as n from agent_run`))[0].n).toBeGreaterThan(0);
  });

  it('concurrent statements and transactions of different scopes each see their own rows', async () => {
    const database = h.trellis.database;
    const expected = async (tenantId?: string) =>
      (
        await database.db
          .select({ id: agentRun.id })
          .from(agentRun)
          .where(tenantId ? eq(agentRun.tenantId, tenantId) : undefined)
      ).length;
    const want = { alice: await expected(alice.tenantId), bob: await expected(bob.tenantId), all: await expected() };
    const count = async (db: Db) => (await db.select({ id: agentRun.id }).from(agentRun)).length;
    const inTransaction = (db: Db) =>
      db.transaction(async (tx) => {
        const first = await tx.select({ id: agentRun.id }).from(agentRun);
        await new Promise((r) => setTimeout(r, 5));
        const second = await tx.select({ id: agentRun.id }).from(agentRun);
        return first.length === second.length ? second.length : -1;
      });
    const work: Promise<[string, number]>[] = [];
    for (let i = 0; i < 30; i++) {
      const [name, db] = (
        [
          ['alice', database.forTenant(alice.tenantId)],
          ['bob', database.forTenant(bob.tenantId)],
          ['all', database.db],
        ] as const
      )[i % 3];
      work.push((i % 2 ? inTransaction(db) : count(db)).then((n) => [name, n]));
    }
    for (const [name, n] of await Promise.all(work)) expect(n, name).toBe(want[name as keyof typeof want]);
  });
});
