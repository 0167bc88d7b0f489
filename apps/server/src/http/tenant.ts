// Authentication of /api calls: an organization API key (x-api-key or Authorization: Bearer trl_…) or a Better Auth
// session. Either way the request gets a ServiceContext scoped to exactly one organization.
import type { Runtime, ServiceContext } from '@trellis/core';
import type { Db } from '@trellis/db';
import { createMiddleware } from 'hono/factory';
import { API_KEY_PREFIX, type Auth, firstOrganizationOf, isMember } from '../auth';
import { HttpError } from './errors';
import type { AppEnv } from './openapi';

export interface TenantDeps {
  db: Db;
  auth: Auth;
  runtime: Runtime;
  clock?: () => Date;
}

function apiKeyFrom(headers: Headers): string | undefined {
  const explicit = headers.get('x-api-key');
  if (explicit) return explicit.trim();
  const bearer = headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined;
}

/** Requires a valid API key or session and sets `c.var.ctx`; 401 otherwise, 403 when the user has no organization. */
export function requireTenant(deps: TenantDeps) {
  const clock = deps.clock ?? (() => new Date());
  const context = (tenantId: string, actor: ServiceContext['actor']): ServiceContext => ({
    db: deps.db,
    tenantId,
    actor,
    clock,
    runtime: deps.runtime,
  });

  return createMiddleware<AppEnv>(async function tenant(c, next) {
    const key = apiKeyFrom(c.req.raw.headers);
    if (key) {
      const result = await deps.auth.api.verifyApiKey({ body: { key } });
      if (!result.valid || !result.key)
        throw new HttpError(401, 'UNAUTHENTICATED', 'The API key is invalid, expired or revoked');
      c.set('ctx', context(result.key.referenceId, { type: 'apiKey', id: result.key.id }));
      return next();
    }
    const found = await deps.auth.api.getSession({ headers: c.req.raw.headers });
    if (!found) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in or send an API key (x-api-key header)');
    const userId = found.user.id;
    let tenantId = found.session.activeOrganizationId ?? undefined;
    if (tenantId && !(await isMember(deps.db, userId, tenantId))) tenantId = undefined;
    tenantId ??= await firstOrganizationOf(deps.db, userId);
    if (!tenantId) throw new HttpError(403, 'NO_ORGANIZATION', 'You are not a member of any organization');
    c.set('ctx', context(tenantId, { type: 'user', id: userId }));
    c.set('user', { id: userId, email: found.user.email, name: found.user.name });
    return next();
  });
}
