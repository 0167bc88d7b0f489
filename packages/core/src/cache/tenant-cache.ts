// An in-process cache of tenant-scoped values (resolved agents, prices, budget policies, API keys): at most `tenants`
// tenants, least recently used first out, each entry kept for `ttlMs` at most. Invalidation drops a tenant's entries
// (or all); a load that started before an invalidation is returned to its caller but never kept.
import { LRUCache } from 'lru-cache';

interface TenantEntries<V> {
  generation: number;
  values: Map<string, { value: V; expiresAt: number }>;
}

export interface TenantCacheOptions {
  /** Tenants kept (default 1,000). */
  tenants?: number;
  /** Entries per tenant (default 500); beyond it the tenant's oldest entry goes. */
  perTenant?: number;
  /** How long an entry is trusted without a change notification (default 10 minutes). */
  ttlMs?: number;
}

export class TenantCache<V> {
  private readonly tenants: LRUCache<string, TenantEntries<V>>;
  private readonly perTenant: number;
  private readonly ttlMs: number;
  /** Bumped by a global invalidation: loads that started before it are not kept. */
  private epoch = 0;
  private generations = 0;

  constructor(options: TenantCacheOptions = {}) {
    this.tenants = new LRUCache({ max: options.tenants ?? 1000 });
    this.perTenant = options.perTenant ?? 500;
    this.ttlMs = options.ttlMs ?? 600_000;
  }

  /** The cached value of `key` in `tenantId`, else what `load` gives (kept unless invalidated meanwhile). */
  async get(tenantId: string, key: string, load: () => Promise<V>): Promise<V> {
    const entries = this.entriesOf(tenantId);
    const hit = entries.values.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const { generation } = entries;
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch && this.tenants.get(tenantId)?.generation === generation) {
      if (entries.values.size >= this.perTenant) entries.values.delete(entries.values.keys().next().value as string);
      entries.values.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    }
    return value;
  }

  /** Drops one tenant's entries, or every tenant's. */
  invalidate(tenantId?: string): void {
    if (tenantId === undefined) {
      this.epoch += 1;
      this.tenants.clear();
    } else {
      this.tenants.delete(tenantId);
    }
  }

  private entriesOf(tenantId: string): TenantEntries<V> {
    let entries = this.tenants.get(tenantId);
    if (!entries) {
      this.generations += 1;
      entries = { generation: this.generations, values: new Map() };
      this.tenants.set(tenantId, entries);
    }
    return entries;
  }
}
