// Seeds an organization with the code-defined agents (as SYSTEM rows) and the trip-planner agents. Idempotent:
// agents whose slug already exists are left as they are.
import type { ServiceContext } from '../context';
import { TrellisError } from '../errors';
import type { ModelRegistry } from '../models/registry';
import { codeDefinedAgents, tripPlannerAgents } from './definitions';
import { createAgent } from './service';
import { AgentStore } from './store';

/** The model seeded agents use: the first configured real provider's everyday model, else the demo model. */
export function defaultModel(models: ModelRegistry): {
  modelProvider: 'openai' | 'anthropic' | 'google' | 'demo';
  modelName: string;
} {
  if (models.isConfigured('openai')) return { modelProvider: 'openai', modelName: 'gpt-4o-mini' };
  if (models.isConfigured('anthropic')) return { modelProvider: 'anthropic', modelName: 'claude-3-5-haiku-20241022' };
  if (models.isConfigured('google')) return { modelProvider: 'google', modelName: 'gemini-2.0-flash' };
  return { modelProvider: 'demo', modelName: 'demo-1' };
}

/** Creates every missing built-in agent in `ctx.tenantId`; returns the slugs it created. */
export async function seedOrganization(ctx: ServiceContext): Promise<string[]> {
  const existing = new Set(await AgentStore.of(ctx).slugs());
  const model = defaultModel(ctx.runtime.models);
  const created: string[] = [];
  const wanted = [
    ...codeDefinedAgents.map((d) => ({ ...d, type: 'SYSTEM' as const })),
    ...tripPlannerAgents.map((d) => ({ ...d, type: 'USER' as const })),
  ];
  for (const def of wanted) {
    if (existing.has(def.slug)) continue;
    try {
      await createAgent({ ...ctx, actor: { type: 'system', id: 'seed' } }, { ...model, ...def });
      created.push(def.slug);
    } catch (e) {
      if (!(e instanceof TrellisError && e.code === 'CONFLICT')) throw e; // created concurrently: fine
    }
  }
  return created;
}
