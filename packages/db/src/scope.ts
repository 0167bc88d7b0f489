// Scoped database handles, the client side of row-level tenant isolation (the policy is `tenantIsolation` in
// schema/columns.ts). Every statement runs on a connection whose session settings name its scope: a tenant's handle
// (`forTenant`) sees and writes only that tenant's rows, whatever its query says; the system handle (`db` of a
// DatabaseHandle) sees every row and is for the paths that are global on purpose — rollups, recovery, supervisors,
// auth. The settings are switched only when a connection changes scope: a pooled PostgreSQL connection remembers the
// scope it was last given; PGlite's single session switches only when no statement of another scope is in flight.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { scopeSettings } from './schema/columns';

export type Scope = { kind: 'system' } | { kind: 'tenant'; tenantId: string };

export const systemScope: Scope = { kind: 'system' };

/** The scope's identity, and the two session settings that give it to a connection. */
export function scopeKey(scope: Scope): string {
  return scope.kind === 'system' ? 'system' : `tenant:${scope.tenantId}`;
}

const setScopeSql = 'select set_config($1, $2, false), set_config($3, $4, false)';
const setScopeParams = (scope: Scope) => [
  scopeSettings.scope,
  scope.kind,
  scopeSettings.tenantId,
  scope.kind === 'tenant' ? scope.tenantId : '',
];

const connectionScope = Symbol('trellis.connectionScope');
type ScopedConnection = pg.PoolClient & { [connectionScope]?: string };

/**
 * A pg pool whose connections carry one scope: what Drizzle's node-postgres driver is given in place of the pool. Its
 * class name contains "Pool", which is how Drizzle knows to take a dedicated connection for a transaction.
 */
export class ScopedPgPool {
  private readonly key: string;
  private readonly params: string[];

  constructor(
    private readonly pool: pg.Pool,
    scope: Scope,
  ) {
    this.key = scopeKey(scope);
    this.params = setScopeParams(scope);
  }

  async connect(): Promise<pg.PoolClient> {
    const client = (await this.pool.connect()) as ScopedConnection;
    if (client[connectionScope] !== this.key) {
      try {
        await client.query(setScopeSql, this.params);
      } catch (e) {
        client.release(e as Error);
        throw e;
      }
      client[connectionScope] = this.key;
    }
    return client;
  }

  async query(config: unknown, values?: unknown[]): Promise<pg.QueryResult> {
    const client = await this.connect();
    try {
      return await client.query(config as pg.QueryConfig, values);
    } finally {
      client.release();
    }
  }
}

interface Waiter {
  key: string;
  params: string[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The scope of PGlite's one session. Statements of the current scope run at once (as many as PGlite queues);
 * one of another scope waits until those in flight are done, then switches the settings. Waiters are served in
 * order, so a busy scope cannot starve another.
 */
export class PgliteScopes {
  private current: string | undefined;
  private active = 0;
  private switching = false;
  private readonly queue: Waiter[] = [];

  constructor(private readonly pglite: PGlite) {}

  async run<T>(key: string, params: string[], work: () => Promise<T>): Promise<T> {
    if (!this.switching && this.current === key && !this.queue.length) this.active++;
    else await new Promise<void>((resolve, reject) => this.enqueue({ key, params, resolve, reject }));
    try {
      return await work();
    } finally {
      this.active--;
      this.pump();
    }
  }

  private enqueue(waiter: Waiter) {
    this.queue.push(waiter);
    this.pump();
  }

  private pump() {
    if (this.active > 0 || this.switching || !this.queue.length) return;
    const head = this.queue[0];
    if (head.key !== this.current) {
      this.switching = true;
      this.pglite
        .query(setScopeSql, head.params)
        .then(
          () => {
            this.current = head.key;
          },
          (e) => {
            this.current = undefined;
            this.queue.shift();
            head.reject(e);
          },
        )
        .finally(() => {
          this.switching = false;
          this.pump();
        });
      return;
    }
    while (this.queue.length && this.queue[0].key === this.current) {
      this.active++;
      (this.queue.shift() as Waiter).resolve();
    }
  }
}

/** What Drizzle's PGlite driver is given in place of the PGlite instance: its statements run in one scope. */
export class ScopedPglite {
  private readonly key: string;
  private readonly params: string[];

  constructor(
    private readonly pglite: PGlite,
    private readonly scopes: PgliteScopes,
    scope: Scope,
  ) {
    this.key = scopeKey(scope);
    this.params = setScopeParams(scope);
  }

  query(...args: Parameters<PGlite['query']>) {
    return this.scopes.run(this.key, this.params, () => this.pglite.query(...args));
  }

  transaction<T>(callback: Parameters<PGlite['transaction']>[0]): Promise<T> {
    return this.scopes.run(this.key, this.params, () => this.pglite.transaction(callback)) as Promise<T>;
  }
}
