// What each /api route needs of the caller, decided in one place so a new route is role-checked the day it is added:
// reads need `read`; the writes listed below as operating the agents need `run`; every other write needs `manage`
// (secure by default). Members, invitations, API keys and the organization itself are Better Auth's routes, checked
// by its access control (auth-roles.ts).
import { type Capability, leastRoleWith } from '@trellis/core';
import { createMiddleware } from 'hono/factory';
import { HttpError } from './errors';
import type { AppEnv } from './openapi';

const segment = '[^/]+';
const route = (pattern: string) => new RegExp(`^${pattern.replaceAll('{}', segment)}$`);

/**
 * Writes that operate agents rather than change them: runs, chats, test suites, cancels, reruns, feedback, goals,
 * workflow runs, alerts resolved.
 */
const runWrites = [
  route('/api/agents/{}/(runs|stream|chat|test)'),
  route('/api/agents/{}/runs/{}/(cancel|rerun|feedback)'),
  route('/api/goals'),
  route('/api/goals/{}/cancel'),
  route('/api/workflows/{}/runs'),
  route('/api/workflows/{}/runs/{}/cancel'),
  route('/api/alerts/{}/resolve'),
  route('/api/agents/{}/costs/recommendations'),
  route('/v1/chat/completions'),
  // MCP: every message is a POST; listing and calling the agents' tools need the run capability.
  route('/api/mcp'),
];
/** Writes that only read (a body carries the question). */
const readWrites = [route('/api/agents/resolve')];
export function requiredCapability(method: string, path: string): Capability {
  const matches = (list: RegExp[]) => list.some((r) => r.test(path));
  if (method === 'GET' || method === 'HEAD' || matches(readWrites)) return 'read';
  return matches(runWrites) ? 'run' : 'manage';
}

const needs: Record<Capability, string> = {
  read: 'reading',
  run: 'running agents',
  manage: 'changing the organization’s agents and settings',
  own: 'managing the organization',
};

/** 403 unless the caller (set by requireTenant) has what the route needs. */
export function authorize() {
  return createMiddleware<AppEnv>(async function authorize(c, next) {
    const { access } = c.var;
    const need = requiredCapability(c.req.method, c.req.path);
    if (access.capabilities.includes(need)) return next();
    const message =
      access.kind === 'apiKey'
        ? `This API key's scopes (${access.scopes.join(', ') || 'none'}) do not allow ${needs[need]}: it needs the ${need === 'manage' ? 'admin' : need} scope`
        : `Your role in this organization (${access.role}) does not allow ${needs[need]}: it needs the ${leastRoleWith(need)} role`;
    throw new HttpError(403, 'FORBIDDEN', message, { required: need });
  });
}
