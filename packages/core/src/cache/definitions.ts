// The definitions a run reads on every call, cached per process: resolved agent records, model prices, budget
// and guardrail policies and verified API keys. A change announced by any process (changes.ts) drops what it touches; a cancel
// aborts the run if it executes here.
import type { Agent, BudgetPolicy } from '@trellis/db';
import type { CompiledPolicy } from '../guardrails/checks';
import type { LearningState } from '../learning/config';
import type { ModelPrice } from '../models/pricing';
import type { Change } from './changes';
import { TenantCache } from './tenant-cache';

/** An agent as stored (or its code-defined fallback), with its tool ids and the id of its current version. */
export interface StoredAgent {
  record: Agent;
  tools: string[];
  source: 'database' | 'fallback';
  versionId: string | null;
}

/** A verified API key: the organization it belongs to and until when it is valid. */
export interface VerifiedApiKey {
  id: string;
  tenantId: string;
  expiresAt: Date | null;
  /** A usage-limited key: verified (and counted) on every call, never trusted from the cache. */
  verifyEachCall: boolean;
  /** What the key may do (access/roles.ts); undefined for a key saved before keys had scopes. */
  scopes?: string[];
}

/** Every API key lives under this pseudo-tenant (a key is looked up before its organization is known). */
export const API_KEYS_TENANT = '*';

export class DefinitionCaches {
  readonly agents = new TenantCache<StoredAgent | null>();
  readonly prices = new TenantCache<ModelPrice | undefined>();
  readonly budgets = new TenantCache<BudgetPolicy[]>();
  /** The compiled guardrail policy in force per agent ('' for code-defined agents); null when it checks nothing. */
  readonly guardrails = new TenantCache<CompiledPolicy | null>();
  /** Each agent's learning policy and its running experiment (which routes the agent's runs). */
  readonly learning = new TenantCache<LearningState>();
  /** Verified keys by the SHA-256 of the key; null is a key that failed verification (kept briefly). */
  readonly apiKeys = new TenantCache<VerifiedApiKey | null>({ tenants: 1, perTenant: 10_000, ttlMs: 60_000 });

  /** Applies a definitions change; returns false for other kinds. */
  apply(change: Change): boolean {
    switch (change.kind) {
      case 'agents':
        this.agents.invalidate(change.tenantId);
        return true;
      case 'prices':
        this.prices.invalidate(change.tenantId);
        return true;
      case 'budgets':
        this.budgets.invalidate(change.tenantId);
        return true;
      case 'guardrails':
        this.guardrails.invalidate(change.tenantId);
        return true;
      case 'learning':
        this.learning.invalidate(change.tenantId);
        return true;
      case 'apiKeys':
        this.apiKeys.invalidate();
        return true;
      default:
        return false;
    }
  }

  /** Everything may have changed (the change listener reconnected). */
  clear(): void {
    for (const cache of [this.agents, this.prices, this.budgets, this.guardrails, this.learning, this.apiKeys])
      cache.invalidate();
  }
}
