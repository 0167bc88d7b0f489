// Roles: every route of the OpenAPI document called by an owner, an admin, a member and a viewer of one organization
// and by API keys of each scope — 403 with a message exactly where the role or scope does not allow the route, and
// nothing written then; the organization's members, invitations and API keys follow the same roles in Better Auth.
import { agent, agentRun } from '@trellis/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Harness, startHarness } from './harness';

let h: Harness;
type Member = ApiClient & { tenantId: string; userId: string };
let owner: Member;
const as: Record<'admin' | 'member' | 'viewer', Member> = {} as never;

/** Writes a member may make: they operate agents rather than change them (the expectation, stated independently). */
const memberWrites = new Set([
  'POST /api/agents/{id}/runs',
  'POST /api/agents/{id}/stream',
  'POST /api/agents/{id}/chat',
  'POST /api/agents/{id}/runs/{runId}/cancel',
  'POST /api/agents/{id}/runs/{runId}/rerun',
  'POST /api/agents/{id}/runs/{runId}/feedback',
  'POST /api/agents/{id}/test',
  'POST /api/goals',
  'POST /api/goals/{goalId}/cancel',
  'POST /api/workflows/{workflowId}/runs',
  'POST /api/workflows/{workflowId}/runs/{runId}/cancel',
  'POST /api/alerts/{alertId}/resolve',
  'POST /api/agents/{id}/costs/recommendations',
]);
/** A POST that only reads. */
const readWrites = new Set(['POST /api/agents/resolve']);

type Need = 'read' | 'run' | 'manage';
function needOf(operation: string): Need {
  if (operation.startsWith('GET ') || readWrites.has(operation)) return 'read';
  return memberWrites.has(operation) ? 'run' : 'manage';
}

/** Every operation of the document that needs a caller (health, instance, docs and auth are public or Better Auth's). */
async function operations(): Promise<{ method: string; path: string; operation: string }[]> {
  const doc = (await h.anonymous.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path, operation: `${m.toUpperCase()} ${path}` }))
      .filter(({ path: p }) => !['/api/health', '/api/instance'].includes(p)),
  );
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'no-such-id');

async function join(role: 'admin' | 'member' | 'viewer'): Promise<Member> {
  const user = await h.signUp();
  await h.trellis.auth.api.addMember({ body: { userId: user.userId, organizationId: owner.tenantId, role } });
  const active = await user.post('/api/auth/organization/set-active', { organizationId: owner.tenantId });
  expect(active.status).toBe(200);
  return Object.assign(user, { tenantId: owner.tenantId });
}

beforeAll(async () => {
  h = await startHarness();
  owner = await h.signUp();
  for (const role of ['admin', 'member', 'viewer'] as const) as[role] = await join(role);
  expect((await owner.put('/api/agents/assistant', { modelProvider: 'demo', modelName: 'demo-1' })).status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

const allowed: Record<'owner' | 'admin' | 'member' | 'viewer', Need[]> = {
  owner: ['read', 'run', 'manage'],
  admin: ['read', 'run', 'manage'],
  member: ['read', 'run'],
  viewer: ['read'],
};

describe('roles on every route', () => {
  it('each role gets 403 with a message exactly on the routes it may not use, and passes the others', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(40);
    const agentsBefore = await h.trellis.database.db.select({ id: agent.id }).from(agent);
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      const client = role === 'owner' ? owner : as[role];
      for (const { method, path, operation } of ops) {
        const res = await client.request(method, concrete(path), method === 'GET' ? undefined : {});
        const need = needOf(operation);
        const label = `${role} ${operation} → ${res.status}`;
        if (allowed[role].includes(need)) {
          expect(res.status, label).not.toBe(403);
          expect(res.status, label).toBeLessThan(500);
        } else {
          expect(res.status, label).toBe(403);
          expect(res.body.error.code, label).toBe('FORBIDDEN');
          expect(res.body.error.message, label).toMatch(new RegExp(`\\(${role}\\).*needs the (member|admin) role`));
        }
      }
    }
    // The refused writes reached nothing (the allowed ones used ids that do not exist or bodies that are invalid).
    expect(await h.trellis.database.db.select({ id: agent.id }).from(agent)).toHaveLength(agentsBefore.length);
  });

  it('a member runs and chats but cannot change the agent; a viewer reads but cannot run', async () => {
    const run = await as.member.post('/api/agents/assistant/runs', { input: 'what is 2+2' });
    expect(run.status).toBe(201);
    expect(run.body.status).toBe('COMPLETED');
    const edit = await as.member.put('/api/agents/assistant', { instructions: 'Be terse.' });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toContain('needs the admin role');

    expect((await as.viewer.get(`/api/agents/assistant/runs/${run.body.id}`)).status).toBe(200);
    const refused = await as.viewer.post('/api/agents/assistant/runs', { input: 'hello' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('needs the member role');
    const runs = await h.trellis.database.db
      .select({ id: agentRun.id })
      .from(agentRun)
      .where(and(eq(agentRun.tenantId, owner.tenantId), eq(agentRun.inputText, 'hello')));
    expect(runs).toEqual([]);

    const changed = await as.admin.put('/api/agents/assistant', { instructions: 'Be terse.' });
    expect(changed.status).toBe(200);
  });

  it('/api/me tells each caller its role and capabilities', async () => {
    expect((await owner.get('/api/me')).body).toMatchObject({
      organizationId: owner.tenantId,
      kind: 'user',
      role: 'owner',
      capabilities: ['read', 'run', 'manage', 'own'],
    });
    expect((await as.viewer.get('/api/me')).body).toMatchObject({ role: 'viewer', capabilities: ['read'] });
    expect((await as.member.get('/api/me')).body).toMatchObject({ role: 'member', capabilities: ['read', 'run'] });
  });
});

describe('members, invitations and API keys follow the roles', () => {
  it('only the owner invites (with a role) and changes roles; admins and members cannot', async () => {
    for (const client of [as.admin, as.member, as.viewer]) {
      const res = await client.post('/api/auth/organization/invite-member', {
        email: 'new-person@example.com',
        role: 'member',
        organizationId: owner.tenantId,
      });
      expect(res.status).toBe(403);
    }
    const invited = await owner.post('/api/auth/organization/invite-member', {
      email: 'new-person@example.com',
      role: 'viewer',
      organizationId: owner.tenantId,
    });
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({ email: 'new-person@example.com', role: 'viewer', status: 'pending' });
    const bad = await owner.post('/api/auth/organization/invite-member', {
      email: 'other@example.com',
      role: 'superuser',
      organizationId: owner.tenantId,
    });
    expect(bad.status).toBe(400);

    const members = (await owner.get(`/api/auth/organization/list-members?organizationId=${owner.tenantId}`)).body;
    const viewerMember = members.members.find((m: { userId: string }) => m.userId === as.viewer.userId);
    const byAdmin = await as.admin.post('/api/auth/organization/update-member-role', {
      memberId: viewerMember.id,
      role: 'admin',
      organizationId: owner.tenantId,
    });
    expect(byAdmin.status).toBe(403);
    expect((await as.viewer.get('/api/me')).body.role).toBe('viewer');
  });

  it('admins create API keys with scopes; a key can do what its scopes allow and no more', async () => {
    const create = (client: ApiClient, metadata?: unknown) =>
      client.post('/api/auth/api-key/create', { name: 'scoped', organizationId: owner.tenantId, metadata });
    expect((await create(as.member, { scopes: ['read'] })).status).toBe(403);
    expect((await create(as.admin, { scopes: ['superpower'] })).status).toBe(400);
    expect((await create(as.admin, { scopes: [] })).status).toBe(400);

    const keyClient = async (scopes: string[]) => {
      const res = await create(as.admin, { scopes });
      expect(res.status).toBe(200);
      return new ApiClient(h.url, { apiKey: res.body.key });
    };
    const reader = await keyClient(['read']);
    expect((await reader.get('/api/agents')).status).toBe(200);
    const refused = await reader.post('/api/agents/assistant/runs', { input: 'hi' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/scopes \(read\).*needs the run scope/);
    expect((await reader.get('/api/me')).body).toMatchObject({ kind: 'apiKey', scopes: ['read'], role: null });

    const runner = await keyClient(['run']);
    expect((await runner.post('/api/agents/assistant/runs', { input: 'what is 3+3' })).status).toBe(201);
    const edit = await runner.put('/api/agents/assistant', { instructions: 'x' });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toContain('needs the admin scope');

    const admin = await keyClient(['admin']);
    expect((await admin.put('/api/agents/assistant', { instructions: 'Answer well.' })).status).toBe(200);
  });

  it('another organization is still a 404 for every role', async () => {
    const stranger = await h.signUp();
    const theirs = (await stranger.get('/api/agents/assistant')).body;
    for (const client of [owner, as.admin, as.member, as.viewer]) {
      expect((await client.get(`/api/agents/${theirs.id}`)).status).toBe(404);
    }
  });
});
