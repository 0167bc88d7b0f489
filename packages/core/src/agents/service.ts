// Agent CRUD and version history. Every create, update and rollback writes an AgentVersion holding the full
// snapshot and the field-level changes; rollback writes a new version equal to the chosen snapshot. Every write
// records its audit row in the same transaction. Reads and writes go through the tenant's AgentStore (store.ts).
import type { Agent, AgentSnapshot, ConfigChange } from '@trellis/db';
import { recordAudit } from '../audit/audit-store';
import type { AuditAction } from '../audit/schemas';
import { announce } from '../cache/changes';
import type { ServiceContext, Tx } from '../context';
import { conflict, isUniqueViolation, notFound } from '../errors';
import { assertToolsKnown } from '../mcp/tools';
import { assertKnownScorers } from '../scorers/catalog';
import {
  type AgentCreateInput,
  type AgentListQuery,
  type AgentUpdateInput,
  agentCreateSchema,
  agentUpdateSchema,
  slugFromName,
  slugSchema,
  snapshotFields,
} from './schemas';
import { AgentStore } from './store';

export type AgentView = Agent & { tools: string[] };

/** The id of this tenant's agent addressed by id or slug; 404 when there is none. */
export async function agentIdOf(ctx: ServiceContext, idOrSlug: string): Promise<string> {
  const id = await AgentStore.of(ctx).idOf(idOrSlug);
  if (!id) throw notFound('Agent', idOrSlug);
  return id;
}

export function snapshotOf(row: Agent, tools: AgentSnapshot['tools']): AgentSnapshot {
  const snap = Object.fromEntries(snapshotFields.map((f) => [f, row[f]])) as Omit<AgentSnapshot, 'tools'>;
  return { ...snap, tools: [...tools].sort((a, b) => a.toolId.localeCompare(b.toolId)) };
}

/** JSON with object keys sorted, so values read back from jsonb (which reorders keys) compare equal to input. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** Field-level differences between two snapshots, in snapshot field order (tools last). */
export function diffSnapshots(before: AgentSnapshot | null, after: AgentSnapshot): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const field of [...snapshotFields, 'tools'] as const) {
    const a = before ? before[field] : null;
    const b = after[field];
    if (canonicalJson(a) !== canonicalJson(b)) changes.push({ field, before: a ?? null, after: b ?? null });
  }
  return changes;
}

async function findAgent(store: AgentStore, idOrSlug: string, lock = false): Promise<Agent> {
  const row = await store.find(idOrSlug, { lock });
  if (!row) throw notFound('Agent', idOrSlug);
  return row;
}

export async function getAgent(ctx: ServiceContext, idOrSlug: string): Promise<AgentView> {
  const store = AgentStore.of(ctx);
  const row = await findAgent(store, idOrSlug);
  const tools = await store.tools(row.id);
  return { ...row, tools: tools.map((t) => t.toolId) };
}

export async function listAgents(ctx: ServiceContext, query: AgentListQuery = {}): Promise<AgentView[]> {
  const store = AgentStore.of(ctx);
  const rows = await store.list(query);
  const byAgent = rows.length ? await store.toolIdsByAgent() : new Map<string, string[]>();
  return rows.map((r) => ({ ...r, tools: [...(byAgent.get(r.id) ?? [])].sort() }));
}

async function assertSlugFree(store: AgentStore, slug: string, exceptId?: string) {
  if (await store.slugHolder(slug, exceptId))
    throw conflict(`An agent with slug '${slug}' already exists`, { field: 'slug', slug });
}

/** Inserts a version row of the agent (its current one unless `version` says otherwise); returns its id. */
function insertVersion(
  tx: Tx,
  ctx: ServiceContext,
  row: Agent,
  snapshot: AgentSnapshot,
  changes: ConfigChange[],
  description: string,
  version = row.version,
): Promise<string> {
  return AgentStore.of(ctx, tx).insertVersion({
    agentId: row.id,
    version,
    description,
    instructions: snapshot.instructions,
    modelProvider: snapshot.modelProvider,
    modelName: snapshot.modelName,
    changesJson: changes,
    snapshot,
    createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
  });
}

/**
 * Runs a write transaction that announces the change to every process's agent cache; a slug race that slipped past
 * `assertSlugFree` becomes the same 409, not a 500.
 */
async function write<T>(ctx: ServiceContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const result = await fn(tx);
      await announce(tx, ctx.runtime.applyChange, { kind: 'agents', tenantId: ctx.tenantId });
      return result;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('An agent with that slug already exists', { field: 'slug' });
    throw e;
  }
}

/** Creates an agent and its version 1. Input is validated here, whoever calls. */
export async function createAgent(ctx: ServiceContext, raw: AgentCreateInput): Promise<AgentView> {
  const input = agentCreateSchema.parse(raw);
  const slug = input.slug ?? slugSchema.parse(slugFromName(input.name, 'agent'));
  await assertToolsKnown(ctx, input.tools ?? []);
  assertKnownScorers(input.scorers ?? []);
  const { tools = [], ...fields } = input;
  return write(ctx, async (tx) => {
    const store = AgentStore.of(ctx, tx);
    await assertSlugFree(store, slug);
    const row = await store.insert({
      ...fields,
      slug,
      ownerId: ctx.actor.type === 'user' ? ctx.actor.id : null,
      version: 1,
    });
    const toolRows = [...new Set(tools)].map((toolId) => ({ toolId, config: null }));
    await store.replaceTools(row.id, toolRows);
    const snapshot = snapshotOf(row, toolRows);
    const versionId = await insertVersion(tx, ctx, row, snapshot, diffSnapshots(null, snapshot), 'Created');
    await recordAudit(tx, ctx, {
      action: 'agent.create',
      entityType: 'agent',
      entityId: row.id,
      after: snapshot,
      metadata: { version: row.version, versionId },
    });
    return { ...row, tools: snapshot.tools.map((t) => t.toolId) };
  });
}

/**
 * Applies `next` to the agent as a new version and audits it as `action`. An update that changes nothing writes
 * nothing; a checkpoint or rollback always writes a version.
 */
async function writeSnapshot(
  tx: Tx,
  ctx: ServiceContext,
  current: Agent,
  next: AgentSnapshot,
  description: string,
  action: Extract<AuditAction, 'agent.update' | 'agent.version.create' | 'agent.rollback' | 'agent.promote'>,
  metadata: Record<string, unknown> = {},
): Promise<AgentView> {
  const store = AgentStore.of(ctx, tx);
  const before = snapshotOf(current, await store.tools(current.id));
  const changes = diffSnapshots(before, next);
  if (!changes.length && action === 'agent.update') return { ...current, tools: before.tools.map((t) => t.toolId) };
  if (next.slug !== current.slug) await assertSlugFree(store, next.slug, current.id);
  const { tools, ...fields } = next;
  const row = await store.update(current.id, { ...fields, version: await store.nextVersionNumber(current.id) });
  if (changes.some((c) => c.field === 'tools')) await store.replaceTools(row.id, tools);
  const versionId = await insertVersion(tx, ctx, row, next, changes, description);
  await recordAudit(tx, ctx, {
    action,
    entityType: 'agent',
    entityId: row.id,
    before,
    after: next,
    metadata: { ...metadata, version: row.version, versionId, changedFields: changes.map((c) => c.field) },
  });
  return { ...row, tools: tools.map((t) => t.toolId) };
}

export async function updateAgent(ctx: ServiceContext, idOrSlug: string, raw: AgentUpdateInput): Promise<AgentView> {
  const { versionDescription, tools, ...input } = agentUpdateSchema.parse(raw);
  if (tools) await assertToolsKnown(ctx, tools);
  if (input.scorers) assertKnownScorers(input.scorers);
  return write(ctx, async (tx) => {
    const store = AgentStore.of(ctx, tx);
    const current = await findAgent(store, idOrSlug, true);
    const currentTools = await store.tools(current.id);
    const base = snapshotOf(current, currentTools);
    const configOf = new Map(currentTools.map((t) => [t.toolId, t.config]));
    const next: AgentSnapshot = {
      ...base,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      tools: tools
        ? [...new Set(tools)].sort().map((toolId) => ({ toolId, config: configOf.get(toolId) ?? null }))
        : base.tools,
    };
    const description =
      versionDescription ??
      `Updated ${diffSnapshots(base, next)
        .map((c) => c.field)
        .join(', ')}`;
    return writeSnapshot(tx, ctx, current, next, description, 'agent.update');
  });
}

export async function deleteAgent(ctx: ServiceContext, idOrSlug: string): Promise<{ id: string; slug: string }> {
  return write(ctx, async (tx) => {
    const store = AgentStore.of(ctx, tx);
    const current = await findAgent(store, idOrSlug, true);
    const before = snapshotOf(current, await store.tools(current.id));
    await store.delete(current.id);
    await recordAudit(tx, ctx, {
      action: 'agent.delete',
      entityType: 'agent',
      entityId: current.id,
      before,
      metadata: { version: current.version },
    });
    return { id: current.id, slug: current.slug };
  });
}

export async function listVersions(ctx: ServiceContext, idOrSlug: string) {
  const store = AgentStore.of(ctx);
  return store.versions((await findAgent(store, idOrSlug)).id);
}

export async function getVersion(ctx: ServiceContext, idOrSlug: string, version: number) {
  const store = AgentStore.of(ctx);
  const current = await findAgent(store, idOrSlug);
  const row = await store.version(current.id, version);
  if (!row) throw notFound('Version', `${current.slug}@${version}`);
  return row;
}

/** Records the current configuration as a new version (a labelled checkpoint), even when nothing changed. */
export async function createVersionSnapshot(
  ctx: ServiceContext,
  idOrSlug: string,
  description?: string,
): Promise<AgentView> {
  return write(ctx, async (tx) => {
    const store = AgentStore.of(ctx, tx);
    const current = await findAgent(store, idOrSlug, true);
    const snap = snapshotOf(current, await store.tools(current.id));
    return writeSnapshot(tx, ctx, current, snap, description ?? 'Snapshot', 'agent.version.create');
  });
}

/** Makes the agent equal to `version`'s snapshot, recorded as a new version. */
export async function rollbackAgent(ctx: ServiceContext, idOrSlug: string, version: number): Promise<AgentView> {
  const target = await getVersion(ctx, idOrSlug, version);
  return write(ctx, async (tx) => {
    const current = await findAgent(AgentStore.of(ctx, tx), idOrSlug, true);
    return writeSnapshot(tx, ctx, current, target.snapshot, `Rolled back to version ${version}`, 'agent.rollback', {
      rolledBackTo: version,
    });
  });
}

/**
 * Saves `snapshot` as a version of the agent beside its current one — a learning candidate its experiment runs —
 * without making it current. The next edit numbers after it. Returns the version's id and number.
 */
export async function saveCandidateVersion(
  ctx: ServiceContext,
  agentId: string,
  snapshot: AgentSnapshot,
  description: string,
): Promise<{ versionId: string; version: number }> {
  return write(ctx, async (tx) => {
    const store = AgentStore.of(ctx, tx);
    const current = await findAgent(store, agentId, true);
    const before = snapshotOf(current, await store.tools(current.id));
    const version = await store.nextVersionNumber(current.id);
    const versionId = await insertVersion(
      tx,
      ctx,
      current,
      snapshot,
      diffSnapshots(before, snapshot),
      description,
      version,
    );
    return { versionId, version };
  });
}

/** Makes the agent equal to a promoted learning candidate, recorded (and audited) as a new version; `also` runs in
 * the same transaction with the new version's id. */
export async function promoteSnapshot(
  ctx: ServiceContext,
  agentId: string,
  snapshot: AgentSnapshot,
  description: string,
  metadata: Record<string, unknown>,
  also?: (tx: Tx, versionId: string) => Promise<void>,
): Promise<AgentView & { versionId: string }> {
  return write(ctx, async (tx) => {
    const store = AgentStore.of(ctx, tx);
    const current = await findAgent(store, agentId, true);
    const view = await writeSnapshot(tx, ctx, current, snapshot, description, 'agent.promote', metadata);
    const versionId = (await store.versionId(current.id, view.version)) as string;
    await also?.(tx, versionId);
    return { ...view, versionId };
  });
}

/** The agent's current configuration as a snapshot (what a learning proposal changes). */
export async function currentSnapshot(
  ctx: ServiceContext,
  agentId: string,
): Promise<{ agent: Agent; snapshot: AgentSnapshot }> {
  const store = AgentStore.of(ctx);
  const agent = await findAgent(store, agentId);
  return { agent, snapshot: snapshotOf(agent, await store.tools(agent.id)) };
}
