// Audit rows for the writes Better Auth makes: organizations, members and invitations (organization plugin hooks) and
// API keys (endpoint hooks). Better Auth commits these writes itself, so each row follows its write once it succeeded.
import { defineRequestState, tryGetCurrentAuthEndpointContext } from '@better-auth/core/context';
import { type Actor, type AuditEntry, recordAudit } from '@trellis/core';
import { apikey, type Db, organization } from '@trellis/db';
import type { BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware, isAPIError } from 'better-auth/api';
import type { OrganizationOptions } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';

type OrganizationHooks = NonNullable<OrganizationOptions['organizationHooks']>;

/**
 * Who is making the current Better Auth call: the signed-in user; for a server-side call without a session (the
 * organization created at sign-up), the user it is made for; else the system.
 */
function currentActor(forUserId?: string): Actor {
  const userId = tryGetCurrentAuthEndpointContext()?.context.session?.user.id ?? forUserId;
  return userId ? { type: 'user', id: userId } : { type: 'system', id: 'auth' };
}

/** What an audit row keeps of an API key: never the key itself, its hash or its first characters. */
const apiKeyColumns = {
  id: apikey.id,
  name: apikey.name,
  prefix: apikey.prefix,
  referenceId: apikey.referenceId,
  enabled: apikey.enabled,
  expiresAt: apikey.expiresAt,
  remaining: apikey.remaining,
  permissions: apikey.permissions,
  metadata: apikey.metadata,
  createdAt: apikey.createdAt,
};

type ApiKeySnapshot = { [K in keyof typeof apiKeyColumns]: (typeof apikey.$inferSelect)[K] };

async function apiKeyById(db: Db, id: unknown): Promise<ApiKeySnapshot | undefined> {
  if (typeof id !== 'string') return undefined;
  const [row] = await db.select(apiKeyColumns).from(apikey).where(eq(apikey.id, id));
  return row;
}

/** Snapshots taken before a write, per request, for the audit row written after it (keyed `<entityType>:<id>`). */
const snapshotsBefore = defineRequestState(() => new Map<string, unknown>());

export function authAudit(db: Db, onApiKeyChanged: () => Promise<void> = async () => {}) {
  const record = (tenantId: string, actor: Actor, entry: AuditEntry) => recordAudit(db, { tenantId, actor }, entry);

  const organizationHooks = {
    afterCreateOrganization: async ({ organization: org, user }) =>
      record(org.id, currentActor(user.id), {
        action: 'organization.create',
        entityType: 'organization',
        entityId: org.id,
        after: org,
      }),
    beforeUpdateOrganization: async ({ member }) => {
      const [row] = await db.select().from(organization).where(eq(organization.id, member.organizationId));
      (await snapshotsBefore.get()).set(`organization:${member.organizationId}`, row);
    },
    afterUpdateOrganization: async ({ organization: org, member, user }) =>
      record(member.organizationId, currentActor(user.id), {
        action: 'organization.update',
        entityType: 'organization',
        entityId: member.organizationId,
        before: (await snapshotsBefore.get()).get(`organization:${member.organizationId}`),
        after: org,
      }),
    afterAddMember: async ({ member, user }) =>
      record(member.organizationId, currentActor(user.id), {
        action: 'member.add',
        entityType: 'member',
        entityId: member.id,
        after: member,
      }),
    afterAcceptInvitation: async ({ member, invitation, user }) =>
      record(member.organizationId, currentActor(user.id), {
        action: 'member.add',
        entityType: 'member',
        entityId: member.id,
        after: member,
        metadata: { invitationId: invitation.id },
      }),
    afterUpdateMemberRole: async ({ member, previousRole }) =>
      record(member.organizationId, currentActor(), {
        action: 'member.update',
        entityType: 'member',
        entityId: member.id,
        before: { ...member, role: previousRole },
        after: member,
      }),
    afterRemoveMember: async ({ member }) =>
      record(member.organizationId, currentActor(), {
        action: 'member.remove',
        entityType: 'member',
        entityId: member.id,
        before: member,
      }),
    afterCreateInvitation: async ({ invitation, inviter }) =>
      record(invitation.organizationId, currentActor(inviter.id), {
        action: 'invitation.create',
        entityType: 'invitation',
        entityId: invitation.id,
        after: invitation,
      }),
    afterCancelInvitation: async ({ invitation, cancelledBy }) =>
      record(invitation.organizationId, currentActor(cancelledBy.id), {
        action: 'invitation.cancel',
        entityType: 'invitation',
        entityId: invitation.id,
        after: invitation,
      }),
    afterRejectInvitation: async ({ invitation, user }) =>
      record(invitation.organizationId, currentActor(user.id), {
        action: 'invitation.reject',
        entityType: 'invitation',
        entityId: invitation.id,
        after: invitation,
      }),
  } satisfies OrganizationHooks;

  /**
   * One API key write: `before` was taken by the before-hook (update, delete), `after` is read back now. An update
   * or revocation is announced first, so no process keeps accepting the key as it was.
   */
  async function auditApiKey(action: 'apiKey.create' | 'apiKey.update' | 'apiKey.revoke', id: unknown) {
    const before = (await snapshotsBefore.get()).get(`apiKey:${id}`) as ApiKeySnapshot | undefined;
    const after = await apiKeyById(db, id);
    const row = after ?? before;
    if (action !== 'apiKey.create') await onApiKeyChanged();
    if (!row || (action === 'apiKey.update' && JSON.stringify(before) === JSON.stringify(after))) return;
    await record(row.referenceId, currentActor(), { action, entityType: 'apiKey', entityId: row.id, before, after });
  }

  // Endpoints without organization hooks — the API key plugin's, and leaving an organization — audited by path.
  const keyIdOf = (body: unknown) => (body as { keyId?: unknown } | undefined)?.keyId;
  const afterEndpoint: Record<string, (returned: Record<string, unknown>, body: unknown) => Promise<void>> = {
    '/api-key/create': (returned) => auditApiKey('apiKey.create', returned.id),
    '/api-key/update': (_, body) => auditApiKey('apiKey.update', keyIdOf(body)),
    '/api-key/delete': (_, body) => auditApiKey('apiKey.revoke', keyIdOf(body)),
    // Only members leave themselves: the member is the actor.
    '/organization/leave': async (returned) => {
      const member = returned as { id: string; organizationId: string; userId: string };
      await record(
        member.organizationId,
        { type: 'user', id: member.userId },
        {
          action: 'member.remove',
          entityType: 'member',
          entityId: member.id,
          before: member,
        },
      );
    },
  };
  const plugin = {
    id: 'trellis-audit',
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === '/api-key/update' || ctx.path === '/api-key/delete',
          handler: createAuthMiddleware(async (ctx) => {
            const row = await apiKeyById(db, keyIdOf(ctx.body));
            if (row) (await snapshotsBefore.get()).set(`apiKey:${row.id}`, row);
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => !!ctx.path && ctx.path in afterEndpoint,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            // A failed call answers with an APIError: nothing was written, nothing is audited.
            if (!returned || typeof returned !== 'object' || isAPIError(returned)) return;
            await afterEndpoint[ctx.path](returned as Record<string, unknown>, ctx.body);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;

  return { organizationHooks, plugin };
}
