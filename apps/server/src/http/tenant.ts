// Authentication of /api calls: an organization API key (x-api-key or Authorization: Bearer trl_…) or a Better Auth
// session. Either way the request gets a ServiceContext scoped to exactly one organization. A verified key is
// remembered by this process (by its SHA-256) for up to a minute, until any process announces a key change.
import { createHash } from 'node:crypto';
import { API_KEYS_TENANT, type Runtime, type ServiceContext, type VerifiedApiKey } from '@trellis/core';
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

/**
 * The key's organization and id when it is valid. Better Auth verifies it (and records its use) the first time this
 * process sees it in a minute; a usage-limited key (`remaining`) is verified on every call, so each use is counted.
 */
async function verifyKey(deps: TenantDeps, key: string): Promise<VerifiedApiKey | null> {
  let verifiedNow = false;
  const load = async (): Promise<VerifiedApiKey | null> => {
    verifiedNow = true;
    const result = await deps.auth.api.verifyApiKey({ body: { key } });
    if (!result.valid || !result.key) return null;
    const { id, referenceId, expiresAt, remaining } = result.key;
    return { id, tenantId: referenceId, expiresAt: expiresAt ?? null, verifyEachCall: remaining != null };
  };
  const hash = createHash('sha256').update(key).digest('base64url');
  let verified = await deps.runtime.caches.apiKeys.get(API_KEYS_TENANT, hash, load);
  if (verified?.verifyEachCall && !verifiedNow) verified = await load();
  return verified && (!verified.expiresAt || verified.expiresAt > new Date()) ? verified : null;
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
      const verified = await verifyKey(deps, key);
      if (!verified) throw new HttpError(401, 'UNAUTHENTICATED', 'The API key is invalid, expired or revoked');
      c.set('ctx', context(verified.tenantId, { type: 'apiKey', id: verified.id }));
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
