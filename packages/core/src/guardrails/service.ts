// Guardrail policies and events as the API serves them: read and save (a new version each time, audited, announced
// to every process's cache) the organization's policy and an agent's, list the events, and the compiled policy in
// force over a run, from the process's cache.
import type { GuardrailPolicy } from '@trellis/db';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-store';
import { announce } from '../cache/changes';
import type { ServiceContext } from '../context';
import { invalidInput } from '../errors';
import { isoDateParam, pageOf, pageParams } from '../pagination';
import { type CompiledPolicy, compilePolicy } from './checks';
import { GuardrailStore } from './guardrail-store';
import {
  defaultOrganizationPolicy,
  effectivePolicy,
  type GuardrailConfig,
  guardrailConfigSchema,
  guardsAnything,
  loosenings,
} from './policy';

export const guardrailPutSchema = z.object({ configJson: guardrailConfigSchema }).strict();

export const guardrailEventQuerySchema = z.object({
  type: z.enum(['BLOCKED', 'MODIFIED', 'FLAGGED']).optional(),
  guardrailKey: z.string().max(100).optional(),
  runId: z.string().max(200).optional(),
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  ...pageParams,
});
export type GuardrailEventQuery = z.output<typeof guardrailEventQuerySchema>;

/** A stored version's config, read with today's schema (a version saved by an older release stays readable). */
const configOf = (row: GuardrailPolicy | undefined): GuardrailConfig | null =>
  row ? guardrailConfigSchema.catch({}).parse(row.configJson) : null;

const versionView = (row: GuardrailPolicy) => ({
  version: row.version,
  configJson: configOf(row) ?? {},
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});

/** The organization policy in force: the newest saved version, else the default (version 0). */
function organizationView(row: GuardrailPolicy | undefined) {
  return row
    ? { ...versionView(row), isDefault: false }
    : { version: 0, configJson: defaultOrganizationPolicy, createdBy: null, createdAt: null, isDefault: true };
}

/**
 * A scope's guardrails: for the organization its policy; for an agent its own newest version (null: it only
 * inherits), the organization policy it inherits, and the policy in force.
 */
export async function getGuardrails(ctx: ServiceContext, agentId: string | null) {
  const { organization, agent } = await GuardrailStore.of(ctx).inForce(agentId);
  const org = organizationView(organization);
  const own = agentId ? (agent ? versionView(agent) : null) : org;
  return {
    scope: agentId ? ('agent' as const) : ('organization' as const),
    agentId,
    policy: own,
    organization: org,
    effective: effectivePolicy(org.configJson, agentId ? (own?.configJson ?? null) : null),
  };
}

export async function guardrailVersions(ctx: ServiceContext, agentId: string | null) {
  return { versions: (await GuardrailStore.of(ctx).versions(agentId)).map(versionView) };
}

/**
 * Saves a new version of a scope's policy. An agent's may only tighten the organization's: a field that asks for
 * less is refused (400, at the field). Audited; every process drops its cached policies.
 */
export async function putGuardrails(ctx: ServiceContext, agentId: string | null, raw: unknown) {
  const { configJson } = guardrailPutSchema.parse(raw);
  await ctx.db.transaction(async (tx) => {
    const store = GuardrailStore.of(ctx, tx);
    await store.lockScope(agentId);
    const { organization, agent } = await store.inForce(agentId);
    if (agentId) {
      const found = loosenings(organizationView(organization).configJson, configJson);
      if (found.length)
        throw invalidInput(found.map((l) => `configJson.${l.path.join('.')}: ${l.message}`).join('; '), {
          field: `configJson.${found[0].path.join('.')}`,
          issues: found.map((l) => ({ path: ['configJson', ...l.path].join('.'), message: l.message })),
        });
    }
    const before = agentId ? agent : organization;
    const after = await store.insertVersion(agentId, configJson, ctx.actor.type === 'system' ? null : ctx.actor.id);
    await recordAudit(tx, ctx, {
      action: 'guardrails.update',
      entityType: 'guardrails',
      entityId: after.id,
      metadata: { scope: agentId ? 'agent' : 'organization', agentId, version: after.version },
      before: before?.configJson,
      after: after.configJson,
    });
    await announce(tx, ctx.runtime.applyChange, { kind: 'guardrails', tenantId: ctx.tenantId });
  });
  return getGuardrails(ctx, agentId);
}

/** Events newest first, with a cursor; the agent's when given. */
export async function listGuardrailEvents(ctx: ServiceContext, agentId: string | null, query: GuardrailEventQuery) {
  const rows = await GuardrailStore.of(ctx).events({ ...query, agentId: agentId ?? undefined });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return { events: page, nextCursor };
}

/**
 * The compiled policy in force over a run of `agentId` (null: a code-defined agent, under the organization's alone),
 * from the process's cache; null when it checks nothing, so such a run skips the guard entirely.
 */
export function policyInForce(ctx: ServiceContext, agentId: string | null): Promise<CompiledPolicy | null> {
  return ctx.runtime.caches.guardrails.get(ctx.tenantId, agentId ?? '', async () => {
    const { organization, agent } = await GuardrailStore.of(ctx).inForce(agentId);
    const org = organizationView(organization);
    const policy = effectivePolicy(org.configJson, agentId ? configOf(agent) : null);
    if (!guardsAnything(policy)) return null;
    return compilePolicy(policy, { organization: org.version, agent: agentId && agent ? agent.version : null });
  });
}
