// The context every service call receives: the database, the tenant it is scoped to, who is acting, the clock,
// and the runtime (models, tools, code-defined agents). Tenant scoping starts here.
import { type Db, tenantDb } from '@trellis/db';
import type { Runtime } from './runtime';

export interface Actor {
  type: 'user' | 'apiKey' | 'system';
  id: string;
}

export interface ServiceContext {
  /** The tenant's handle (row-level security shows it only `tenantId`'s rows), or a transaction opened on it. */
  db: Db;
  tenantId: string;
  actor: Actor;
  clock: () => Date;
  runtime: Runtime;
}

/** A transaction of `Db` (what `db.transaction(fn)` hands to `fn`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Where a query can run: the database or an open transaction. */
export type Executor = Db | Tx;

/** The context of work Trellis does on a tenant's behalf outside a request (jobs, recovery): actor `system`, on the
 * tenant's handle of `db`'s database (an open transaction stays the one given). */
export function systemContext(db: Db, runtime: Runtime, tenantId: string, actorId = 'jobs'): ServiceContext {
  return {
    db: tenantDb(db, tenantId),
    tenantId,
    actor: { type: 'system', id: actorId },
    clock: () => new Date(),
    runtime,
  };
}
