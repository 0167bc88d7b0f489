// Helpers shared by the agent test files: typed users, exact error assertions and a snapshot of an organization's
// agent tables, to prove that a rejected request wrote nothing.
import { agent, agentTool, agentVersion } from '@trellis/db';
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Harness, Response } from './harness';

export type User = Awaited<ReturnType<Harness['signUp']>>;

/** The code-defined agents (SPEC §5), seeded as SYSTEM rows into every organization. */
export const systemSlugs = ['assistant', 'evaluated', 'research', 'structured', 'vision'];

/**
 * A 400 VALIDATION_FAILED whose message names `field`; when the answer lists zod issues, one of them is at `field`
 * (or, for a key the schema does not know, names it).
 */
export function expectInvalid(res: Response, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.message).toContain(field);
  const issues = res.body.error.details?.issues as Array<{ path: string; code: string; message: string }> | undefined;
  if (issues) {
    const named = issues.some(
      (i) => i.path === field || (i.code === 'unrecognized_keys' && i.message.includes(`"${field}"`)),
    );
    expect(named, JSON.stringify(issues)).toBe(true);
  }
}

/** A 404 NOT_FOUND naming what was asked for. */
export function expectNotFound(res: Response, key: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(404);
  expect(res.body.error.code).toBe('NOT_FOUND');
  expect(res.body.error.message).toContain(`'${key}'`);
}

/** Every agent, version and tool-binding row of one organization, in a stable order. */
export async function tenantState(h: Harness, tenantId: string) {
  const db = h.trellis.database.db;
  const agents = await db.select().from(agent).where(eq(agent.tenantId, tenantId)).orderBy(asc(agent.id));
  const versions = await db
    .select()
    .from(agentVersion)
    .where(eq(agentVersion.tenantId, tenantId))
    .orderBy(asc(agentVersion.id));
  const tools = await db
    .select({ agentId: agentTool.agentId, toolId: agentTool.toolId, config: agentTool.config })
    .from(agentTool)
    .where(eq(agentTool.tenantId, tenantId))
    .orderBy(asc(agentTool.agentId), asc(agentTool.toolId));
  return { agents, versions, tools };
}

/** Runs `action` and asserts that no agent, version or tool row of the given organizations changed. */
export async function expectNoWrites(h: Harness, tenantIds: string[], action: () => Promise<Response>) {
  const before = await Promise.all(tenantIds.map((t) => tenantState(h, t)));
  expect(before.every((s) => s.agents.length >= 12 && s.versions.length >= 12)).toBe(true);
  const res = await action();
  const after = await Promise.all(tenantIds.map((t) => tenantState(h, t)));
  expect(after).toEqual(before);
  return res;
}

/** The tool ids bound to an agent in agent_tool, sorted. */
export async function toolRowsOf(h: Harness, agentId: string) {
  const rows = await h.trellis.database.db
    .select({ toolId: agentTool.toolId, config: agentTool.config })
    .from(agentTool)
    .where(eq(agentTool.agentId, agentId))
    .orderBy(asc(agentTool.toolId));
  return rows;
}

/** The version rows of an agent, oldest first. */
export async function versionRowsOf(h: Harness, agentId: string) {
  return h.trellis.database.db
    .select()
    .from(agentVersion)
    .where(eq(agentVersion.agentId, agentId))
    .orderBy(asc(agentVersion.version));
}

/**
 * The snapshot a version should hold for an agent as the API returns it, written out field by field (not derived
 * from the product's own field list, so a field it forgets to capture makes the comparison fail).
 */
export function expectedSnapshot(a: any) {
  return {
    slug: a.slug,
    name: a.name,
    description: a.description,
    instructions: a.instructions,
    instructionsTemplate: a.instructionsTemplate,
    modelProvider: a.modelProvider,
    modelName: a.modelName,
    temperature: a.temperature,
    maxTokens: a.maxTokens,
    modelConfig: a.modelConfig,
    outputSchema: a.outputSchema,
    memoryEnabled: a.memoryEnabled,
    memoryConfig: a.memoryConfig,
    maxSteps: a.maxSteps,
    scorers: a.scorers,
    scorerSampleRate: a.scorerSampleRate,
    isPublic: a.isPublic,
    isActive: a.isActive,
    tags: a.tags,
    metadata: a.metadata,
    tools: (a.tools as string[]).map((toolId) => ({ toolId, config: null })),
  };
}
