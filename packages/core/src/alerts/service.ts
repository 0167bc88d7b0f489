// Alerts: raised at most once per dedupe key (one per threshold per period), listed and resolved per organization,
// and delivered to the organization's destinations (signed webhooks, Slack). Destination secrets are stored
// encrypted and never returned. Reads and writes go through the tenant's AlertStore (alert-store.ts).
import { type AgentAlert, type AlertDestination, alertSourceValues } from '@trellis/db';
import { z } from 'zod';
import { AgentStore } from '../agents/store';
import { recordAudit } from '../audit/audit-store';
import type { ServiceContext } from '../context';
import { notFound, TrellisError } from '../errors';
import { AlertStore } from './alert-store';
import { deliverAlert } from './deliver';

export interface RaiseAlert {
  agentId: string | null;
  severity: AgentAlert['severity'];
  source: AgentAlert['source'];
  message: string;
  /** Alerts with the same key are raised once; e.g. `budget:agent:<id>:2026-11:80`. */
  dedupeKey: string;
  metadata?: Record<string, unknown>;
}

/** Inserts the alert unless its dedupe key exists; delivers a new one. Returns the new alert, or null for a repeat. */
export async function raiseAlert(ctx: ServiceContext, input: RaiseAlert): Promise<AgentAlert | null> {
  const alert = await AlertStore.of(ctx).insertOnce({ ...input, metadata: input.metadata ?? null });
  if (!alert) return null;
  await deliverToAll(ctx, alert);
  return alert;
}

/** Each enabled destination gets the alert; a failing one is recorded on the alert and does not stop the others. */
async function deliverToAll(ctx: ServiceContext, alert: AgentAlert) {
  const store = AlertStore.of(ctx);
  const destinations = await store.destinations({ enabledOnly: true });
  const deliveries: Record<string, string> = {};
  for (const d of destinations) {
    try {
      const secret = d.secretEncrypted ? ctx.runtime.secretBox?.decrypt(d.secretEncrypted) : undefined;
      deliveries[d.id] =
        `delivered (${await deliverAlert(alert, { kind: d.kind, url: d.url, secret }, ctx.runtime.webFetch, ctx.clock)})`;
    } catch (e) {
      deliveries[d.id] = `failed: ${(e as Error).message}`;
    }
  }
  if (destinations.length) await store.setMetadata(alert.id, { ...(alert.metadata ?? {}), deliveries });
}

export const alertListQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  /** The agent's id or slug. */
  agentId: z.string().max(200).optional(),
  source: z.enum(alertSourceValues).optional(),
  severity: z.enum(['INFO', 'WARNING', 'CRITICAL']).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AlertListQuery = z.output<typeof alertListQuerySchema>;

export async function listAlerts(ctx: ServiceContext, q: AlertListQuery) {
  // An agent's id or its slug; an agent this tenant does not have lists nothing.
  const agentId = q.agentId ? ((await AgentStore.of(ctx).idOf(q.agentId)) ?? q.agentId) : undefined;
  return AlertStore.of(ctx).list({ ...q, agentId, before: q.before ? new Date(q.before) : undefined });
}

export async function resolveAlert(ctx: ServiceContext, alertId: string) {
  return ctx.db.transaction(async (tx) => {
    const by = ctx.actor.type === 'user' ? ctx.actor.id : null;
    const row = await AlertStore.of(ctx, tx).resolve(alertId, ctx.clock(), by);
    if (!row) throw notFound('Alert', alertId);
    const after = { resolvedAt: row.resolvedAt, severity: row.severity, source: row.source, message: row.message };
    await recordAudit(tx, ctx, { action: 'alert.resolve', entityType: 'alert', entityId: row.id, after });
    return row;
  });
}

export const destinationCreateSchema = z
  .object({
    kind: z.enum(['webhook', 'slack']),
    url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }).max(2000),
    secret: z.string().min(16, 'a signing secret needs at least 16 characters').max(200).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

const publicDestination = (d: AlertDestination) => ({
  id: d.id,
  kind: d.kind,
  url: d.url,
  enabled: d.enabled,
  signed: d.secretEncrypted !== null,
  createdAt: d.createdAt,
});

export async function listDestinations(ctx: ServiceContext) {
  return (await AlertStore.of(ctx).destinations()).map(publicDestination);
}

export async function createDestination(ctx: ServiceContext, raw: z.input<typeof destinationCreateSchema>) {
  const input = destinationCreateSchema.parse(raw);
  if (input.secret && !ctx.runtime.secretBox)
    throw new TrellisError('ENCRYPTION_UNAVAILABLE', 'Secrets cannot be stored: no encryption key is configured', {
      category: 'system',
    });
  return ctx.db.transaction(async (tx) => {
    const row = await AlertStore.of(ctx, tx).insertDestination({
      kind: input.kind,
      url: input.url,
      enabled: input.enabled,
      secretEncrypted: input.secret ? ctx.runtime.secretBox?.encrypt(input.secret) : null,
    });
    // The audit keeps the public view: whether it signs, never the secret.
    const after = publicDestination(row);
    await recordAudit(tx, ctx, {
      action: 'alertDestination.create',
      entityType: 'alertDestination',
      entityId: row.id,
      after,
    });
    return after;
  });
}

export async function deleteDestination(ctx: ServiceContext, id: string) {
  return ctx.db.transaction(async (tx) => {
    const row = await AlertStore.of(ctx, tx).deleteDestination(id);
    if (!row) throw notFound('Alert destination', id);
    const before = publicDestination(row);
    await recordAudit(tx, ctx, {
      action: 'alertDestination.delete',
      entityType: 'alertDestination',
      entityId: id,
      before,
    });
    return { deleted: true };
  });
}

/** Unresolved alerts of one agent (and organization-wide ones), for the overview. */
export function openAlertsCount(ctx: ServiceContext, agentId: string) {
  return AlertStore.of(ctx).openCount(agentId);
}
