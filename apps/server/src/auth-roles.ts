// The organization roles in Better Auth's access control, for the routes Better Auth serves itself: owners manage
// members, invitations and the organization; owners and admins manage API keys; members and viewers neither.
// What each role may do on Trellis's own routes is access/roles.ts (core) and http/access.ts. A plugin validates
// the scopes an API key is created or updated with (kept in its metadata).
import { apiKeyScopes } from '@trellis/core';
import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';

const statements = { ...defaultStatements, apiKey: ['create', 'read', 'update', 'delete'] } as const;
export const accessControl = createAccessControl(statements);

const allApiKeyActions = { apiKey: ['create', 'read', 'update', 'delete'] as const };

export const organizationRoles = {
  owner: accessControl.newRole({
    organization: ['update', 'delete'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel'],
    team: ['create', 'update', 'delete'],
    ac: ['create', 'read', 'update', 'delete'],
    ...allApiKeyActions,
  }),
  admin: accessControl.newRole({ ...allApiKeyActions }),
  member: accessControl.newRole({}),
  viewer: accessControl.newRole({}),
};

/** 400 for an API key whose metadata's `scopes` is not a non-empty list of read, run and admin. */
export const apiKeyScopesPlugin = {
  id: 'trellis-api-key-scopes',
  hooks: {
    before: [
      {
        matcher: (ctx) => ctx.path === '/api-key/create' || ctx.path === '/api-key/update',
        handler: createAuthMiddleware(async (ctx) => {
          const metadata = (ctx.body as { metadata?: unknown } | undefined)?.metadata;
          if (metadata === undefined || metadata === null) return;
          const scopes = (metadata as { scopes?: unknown }).scopes;
          if (scopes === undefined) return;
          const valid =
            Array.isArray(scopes) &&
            scopes.length > 0 &&
            scopes.every((s) => (apiKeyScopes as readonly unknown[]).includes(s));
          if (!valid) {
            throw new APIError('BAD_REQUEST', {
              message: `metadata.scopes must be a non-empty list of ${apiKeyScopes.join(', ')}`,
            });
          }
        }),
      },
    ],
  },
} satisfies BetterAuthPlugin;
