// Authentication of /api calls: an organization API key (x-api-key or Authorization: Bearer trl_…) or a Better Auth
// session. Either way the request gets a ServiceContext scoped to exactly one organization, and its access: the
// user's role there, or the key's scopes (checked per route by access.ts). A verified key is
// remembered by this process (by its SHA-256) for up to a minute, until any process announces a key change.
import { createHash } from 'node:crypto';
import {
  API_KEYS_TENANT,
  capabilitiesOfRole,
  capabilitiesOfScopes,
  type Runtime,
  type ServiceContext,
  type VerifiedApiKey,
} from '@trellis/core';
import { type Db, tenantDb } from '@trellis/db';
import { createMiddleware } from 'hono/factory';
import { API_KEY_PREFIX, type Auth, membershipOf } from '../auth';
import { HttpError } from './errors';
import type { AppEnv } from './openapi';

export interface TenantDeps {
  db: Db;
  auth: Auth;
  runtime: Runtime;
  clock?: () => Date;
}

export function apiKeyFrom(headers: Headers): string | undefined {
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
    const { id, referenceId, expiresAt, remaining, metadata } = result.key;
    return {
      id,
      tenantId: referenceId,
      expiresAt: expiresAt ?? null,
      verifyEachCall: remaining != null,
      scopes: scopesOf(metadata),
    };
  };
  const hash = createHash('sha256').update(key).digest('base64url');
  let verified = await deps.runtime.caches.apiKeys.get(API_KEYS_TENANT, hash, load);
  if (verified?.verifyEachCall && !verifiedNow) verified = await load();
  return verified && (!verified.expiresAt || verified.expiresAt > new Date()) ? verified : null;
}

/** The scopes kept in a key's metadata (`{ scopes: [...] }`); undefined for a key saved before keys had scopes. */
function scopesOf(metadata: unknown): string[] | undefined {
  const scopes = (metadata as { scopes?: unknown } | null)?.scopes;
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : undefined;
}

/** Requires a valid API key or session and sets `c.var.ctx`; 401 otherwise, 403 when the user has no organization. */
export function requireTenant(deps: TenantDeps) {
  const clock = deps.clock ?? (() => new Date());
  const context = (tenantId: string, actor: ServiceContext['actor']): ServiceContext => ({
    // The tenant's own handle: row-level security keeps every statement of the request inside the organization.
    db: tenantDb(deps.db, tenantId),
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
      const scopes = verified.scopes;
      c.set('access', { kind: 'apiKey', scopes: scopes ?? ['admin'], capabilities: capabilitiesOfScopes(scopes) });
      return next();
    }
    const found = await deps.auth.api.getSession({ headers: c.req.raw.headers });
    if (!found) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in or send an API key (x-api-key header)');
    const userId = found.user.id;
    const active = found.session.activeOrganizationId;
    const membership =
      (active && (await membershipOf(deps.db, userId, active))) || (await membershipOf(deps.db, userId));
    if (!membership) throw new HttpError(403, 'NO_ORGANIZATION', 'You are not a member of any organization');
    c.set('ctx', context(membership.organizationId, { type: 'user', id: userId }));
    c.set('access', { kind: 'user', role: membership.role, capabilities: capabilitiesOfRole(membership.role) });
    c.set('user', { id: userId, email: found.user.email, name: found.user.name });
    return next();
  });
}
