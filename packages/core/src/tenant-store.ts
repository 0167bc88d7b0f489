// What every per-domain store shares: it is bound to one tenant (an organization) and runs on the tenant's handle or
// a transaction opened on it. `XStore.of(ctx)` makes the store of a request's or job's tenant.
import type { Executor, ServiceContext } from './context';

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
}
