// Seeding: every built-in agent once per organization, on the first configured provider, never twice.
import { agent, agentVersion, organization } from '@trellis/db';
import { createTestDatabase } from '@trellis/testkit';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config';
import type { ServiceContext } from '../context';
import { createRuntime } from '../runtime';
import { codeDefinedAgents, tripPlannerAgents } from './definitions';
import { defaultModel, seedOrganization } from './seed';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values([
    { id: 'org-a', name: 'A', slug: 'a' },
    { id: 'org-b', name: 'B', slug: 'b' },
  ]);
});
afterAll(() => handle?.close());

const ctxFor = (tenantId: string, env: Record<string, string> = {}): ServiceContext => ({
  db: handle.db,
  tenantId,
  actor: { type: 'system', id: 'test' },
  clock: () => new Date(),
  runtime: createRuntime(loadConfig(env)),
});

describe('seedOrganization', () => {
  it('creates the 12 built-in agents with version 1, and nothing on a second call', async () => {
    const created = await seedOrganization(ctxFor('org-a'));
    expect(created.sort()).toEqual([...codeDefinedAgents, ...tripPlannerAgents].map((d) => d.slug).sort());
    const rows = await handle.db.select().from(agent).where(eq(agent.tenantId, 'org-a'));
    expect(rows).toHaveLength(12);
    expect(
      rows
        .filter((r) => r.type === 'SYSTEM')
        .map((r) => r.slug)
        .sort(),
    ).toEqual(codeDefinedAgents.map((d) => d.slug).sort());
    expect(rows.every((r) => r.modelProvider === 'demo' && r.version === 1)).toBe(true);
    expect(await seedOrganization(ctxFor('org-a'))).toEqual([]);
    expect(await handle.db.select().from(agentVersion).where(eq(agentVersion.tenantId, 'org-a'))).toHaveLength(12);
  });

  it('fills in only what is missing and leaves edited agents alone', async () => {
    await seedOrganization(ctxFor('org-b'));
    await handle.db.delete(agent).where(and(eq(agent.tenantId, 'org-b'), eq(agent.slug, 'routing-agent')));
    await handle.db
      .update(agent)
      .set({ instructions: 'edited' })
      .where(and(eq(agent.tenantId, 'org-b'), eq(agent.slug, 'budget-agent')));
    expect(await seedOrganization(ctxFor('org-b'))).toEqual(['routing-agent']);
    const [budget] = await handle.db
      .select()
      .from(agent)
      .where(and(eq(agent.tenantId, 'org-b'), eq(agent.slug, 'budget-agent')));
    expect(budget.instructions).toBe('edited');
  });

  it('uses the first configured real provider for new organizations', () => {
    expect(defaultModel(ctxFor('x').runtime.models)).toEqual({ modelProvider: 'demo', modelName: 'demo-1' });
    expect(defaultModel(ctxFor('x', { ANTHROPIC_API_KEY: 'k' }).runtime.models)).toEqual({
      modelProvider: 'anthropic',
      modelName: 'claude-3-5-haiku-20241022',
    });
    expect(defaultModel(ctxFor('x', { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' }).runtime.models)).toEqual({
      modelProvider: 'openai',
      modelName: 'gpt-4o-mini',
    });
  });
});
