// Alerts: raised at most once per dedupe key (one per threshold per period), listed and resolved per organization,
// and delivered to the organization's destinations (signed webhooks, Slack). Destination secrets are stored
// encrypted and never returned.
import { type AgentAlert, agent, agentAlert, alertDestination } from '@trellis/db';
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-store';
import type { ServiceContext } from '../context';
import { notFound, TrellisError } from '../errors';
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
  const [alert] = await ctx.db
    .insert(agentAlert)
    .values({ tenantId: ctx.tenantId, ...input, metadata: input.metadata ?? null })
    .onConflictDoNothing({ target: [agentAlert.tenantId, agentAlert.dedupeKey] })
    .returning();
  if (!alert) return null;
  await deliverToAll(ctx, alert);
  return alert;
}

/** Each enabled destination gets the alert; a failing one is recorded on the alert and does not stop the others. */
async function deliverToAll(ctx: ServiceContext, alert: AgentAlert) {
  const destinations = await ctx.db
    .select()
    .from(alertDestination)
    .where(and(eq(alertDestination.tenantId, ctx.tenantId), eq(alertDestination.enabled, true)));
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
  if (destinations.length) {
    await ctx.db
      .update(agentAlert)
      .set({ metadata: { ...(alert.metadata ?? {}), deliveries } })
      .where(eq(agentAlert.id, alert.id));
  }
}

export const alertListQuerySchema = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  /** The agent's id or slug. */
  agentId: z.string().max(200).optional(),
  source: z.enum(['COST', 'GUARDRAIL', 'EVAL', 'SYSTEM']).optional(),
  severity: z.enum(['INFO', 'WARNING', 'CRITICAL']).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AlertListQuery = z.output<typeof alertListQuerySchema>;

export async function listAlerts(ctx: ServiceContext, q: AlertListQuery) {
  const filters: (SQL | undefined)[] = [eq(agentAlert.tenantId, ctx.tenantId)];
  if (q.status === 'open') filters.push(isNull(agentAlert.resolvedAt));
  if (q.status === 'resolved') filters.push(isNotNull(agentAlert.resolvedAt));
  if (q.agentId) {
    // An agent's id or its slug (a slug names the tenant's agent of that slug).
    const bySlug = ctx.db
      .select({ id: agent.id })
      .from(agent)
      .where(and(eq(agent.tenantId, ctx.tenantId), eq(agent.slug, q.agentId)));
    filters.push(or(eq(agentAlert.agentId, q.agentId), inArray(agentAlert.agentId, bySlug)));
  }
  if (q.source) filters.push(eq(agentAlert.source, q.source));
  if (q.severity) filters.push(eq(agentAlert.severity, q.severity));
  if (q.before) filters.push(lt(agentAlert.createdAt, new Date(q.before)));
  return ctx.db
    .select()
    .from(agentAlert)
    .where(and(...filters))
    .orderBy(desc(agentAlert.createdAt))
    .limit(q.limit);
}

export async function resolveAlert(ctx: ServiceContext, alertId: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(agentAlert)
      .set({ resolvedAt: ctx.clock(), resolvedBy: ctx.actor.type === 'user' ? ctx.actor.id : null })
      .where(and(eq(agentAlert.id, alertId), eq(agentAlert.tenantId, ctx.tenantId)))
      .returning();
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

const publicDestination = (d: typeof alertDestination.$inferSelect) => ({
  id: d.id,
  kind: d.kind,
  url: d.url,
  enabled: d.enabled,
  signed: d.secretEncrypted !== null,
  createdAt: d.createdAt,
});

export async function listDestinations(ctx: ServiceContext) {
  const rows = await ctx.db
    .select()
    .from(alertDestination)
    .where(eq(alertDestination.tenantId, ctx.tenantId))
    .orderBy(desc(alertDestination.createdAt));
  return rows.map(publicDestination);
}

export async function createDestination(ctx: ServiceContext, raw: z.input<typeof destinationCreateSchema>) {
  const input = destinationCreateSchema.parse(raw);
  if (input.secret && !ctx.runtime.secretBox)
    throw new TrellisError('ENCRYPTION_UNAVAILABLE', 'Secrets cannot be stored: no encryption key is configured', {
      category: 'system',
    });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(alertDestination)
      .values({
        tenantId: ctx.tenantId,
        kind: input.kind,
        url: input.url,
        enabled: input.enabled,
        secretEncrypted: input.secret ? ctx.runtime.secretBox?.encrypt(input.secret) : null,
      })
      .returning();
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
    const [row] = await tx
      .delete(alertDestination)
      .where(and(eq(alertDestination.id, id), eq(alertDestination.tenantId, ctx.tenantId)))
      .returning();
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
export async function openAlertsCount(ctx: ServiceContext, agentId: string) {
  const rows = await ctx.db
    .select({ id: agentAlert.id })
    .from(agentAlert)
    .where(
      and(
        eq(agentAlert.tenantId, ctx.tenantId),
        isNull(agentAlert.resolvedAt),
        or(eq(agentAlert.agentId, agentId), isNull(agentAlert.agentId)),
      ),
    );
  return rows.length;
}
