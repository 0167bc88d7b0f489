// Who may do what in an organization. Four member roles, each a set of capabilities:
//   viewer — read;  member — read, run (runs, chats, cancels, reruns, goals, resolving alerts);
//   admin — also manage (agents, versions, budgets, prices, alert destinations, API keys, the audit log);
//   owner — also own (members, invitations and the organization itself).
// An API key acts with the capabilities of its scopes (read, run, admin), never more than its creator could grant.
import { z } from 'zod';

export const memberRoles = ['owner', 'admin', 'member', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const capabilities = ['read', 'run', 'manage', 'own'] as const;
export type Capability = (typeof capabilities)[number];

const granted: Record<MemberRole, readonly Capability[]> = {
  owner: ['read', 'run', 'manage', 'own'],
  admin: ['read', 'run', 'manage'],
  member: ['read', 'run'],
  viewer: ['read'],
};

export const apiKeyScopes = ['read', 'run', 'admin'] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = (typeof apiKeyScopes)[number];

const scopeGrants: Record<ApiKeyScope, readonly Capability[]> = {
  read: ['read'],
  run: ['read', 'run'],
  admin: ['read', 'run', 'manage'],
};

/** A role stored by Better Auth (possibly several, comma-separated): the capabilities of all of them. */
export function capabilitiesOfRole(stored: string | null | undefined): Capability[] {
  const roles = (stored ?? '').split(',').map((r) => r.trim());
  return capabilities.filter((c) => roles.some((r) => (granted[r as MemberRole] ?? []).includes(c)));
}

/** The capabilities of an API key's scopes; a key saved before scopes existed has them all but `own`. */
export function capabilitiesOfScopes(scopes: readonly string[] | undefined): Capability[] {
  if (!scopes) return [...scopeGrants.admin];
  return capabilities.filter((c) => scopes.some((s) => (scopeGrants[s as ApiKeyScope] ?? []).includes(c)));
}

/** The least role that has `capability`, for messages ("needs the admin role"). */
export function leastRoleWith(capability: Capability): MemberRole {
  return ([...memberRoles].reverse().find((r) => granted[r].includes(capability)) ?? 'owner') as MemberRole;
}

/** What the caller of a request may do, and why (its role, or its key's scopes). */
export type Access =
  | { kind: 'user'; role: string; capabilities: Capability[] }
  | { kind: 'apiKey'; scopes: string[]; capabilities: Capability[] };
