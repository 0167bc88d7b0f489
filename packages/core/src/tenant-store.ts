// What every per-domain store shares: it is bound to one tenant (an organization) and runs on the tenant's handle or
// a transaction opened on it. `XStore.of(ctx)` makes the store of a request's or job's tenant.
import { and, between, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor, ServiceContext } from './context';

/** The key columns every daily rollup shares (rollup-columns.ts in @trellis/db). */
interface RollupColumns {
  tenantId: PgColumn;
  agentId: PgColumn;
  date: PgColumn;
}

export abstract class TenantStore {
  constructor(
    protected readonly db: Executor,
    readonly tenantId: string,
  ) {}

  /** The store of the context's tenant, on its handle (or on `db`, a transaction opened on it). */
  static of<T extends TenantStore>(
    this: new (
      db: Executor,
      tenantId: string,
    ) => T,
    ctx: Pick<ServiceContext, 'db' | 'tenantId'>,
    db: Executor = ctx.db,
  ): T {
    return new this(db, ctx.tenantId);
  }

  /** `where` for one agent's rows of a daily rollup from `from` to `to` (UTC days, both included). */
  protected agentDays(rollup: RollupColumns, agentId: string, from: string, to: string): SQL {
    return and(eq(rollup.tenantId, this.tenantId), eq(rollup.agentId, agentId), between(rollup.date, from, to)) as SQL;
  }
}
