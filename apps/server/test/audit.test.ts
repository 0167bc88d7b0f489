// The audit log over HTTP (SPEC §4 AuditLog): every write — agents, versions, rollbacks, organizations, members,
// invitations, API keys, seeding, budgets, prices, alert destinations, alerts — leaves exactly one row with its actor and before/after; a failed write leaves
// none, even when the audit insert itself fails; secrets never reach a row; the list is tenant-scoped, filtered,
// validated and paginated without gaps.
import { recordAudit } from '@trellis/core';
import { type AuditLog, agentVersion, apikey, auditLog } from '@trellis/db';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectedSnapshot, expectInvalid, expectNotFound, type User } from './agent-helpers';
import { ApiClient, type Harness, type Response, startHarness } from './harness';

let h: Harness;
let alice: User;
let mallory: User;
beforeAll(async () => {
  h = await startHarness();
  alice = await h.signUp();
  mallory = await h.signUp();
});
afterAll(() => h?.close());

const db = () => h.trellis.database.db;
const REDACTED = '[REDACTED]';

/** Runs `action` and returns its response with the audit rows it wrote, in any tenant, oldest first. */
async function audited<T = any>(action: () => Promise<Response<T>>): Promise<{ res: Response<T>; rows: AuditLog[] }> {
  const seen = new Set((await db().select({ id: auditLog.id }).from(auditLog)).map((r) => r.id));
  const res = await action();
  const all = await db().select().from(auditLog).orderBy(asc(auditLog.createdAt));
  return { res, rows: all.filter((r) => !seen.has(r.id)) };
}

/** Like `audited`, for a write that must succeed and leave exactly one row; returns the response and that row. */
async function auditedOnce<T = any>(action: () => Promise<Response<T>>, status = 200) {
  const { res, rows } = await audited(action);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(rows.map((r) => r.action)).toHaveLength(1);
  return { res, row: rows[0] };
}

const userActor = (u: User) => ({ tenantId: u.tenantId, actorType: 'user', actorId: u.userId });

const createAgent = (u: User | ApiClient, body: Record<string, unknown>) =>
  auditedOnce(() => u.post('/api/agents', { instructions: 'Be brief.', ...body }), 201);

describe('agent writes', () => {
  it('sign-up records the organization, its owner and every seeded agent (actor system)', async () => {
    const carol = await h.signUp();
    const rows = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.tenantId, carol.tenantId))
      .orderBy(asc(auditLog.createdAt));
    expect(rows.filter((r) => r.actorType === 'user').map((r) => r.action)).toEqual([
      'member.add',
      'organization.create',
    ]);
    const org = rows.find((r) => r.action === 'organization.create')!;
    expect(org).toMatchObject({ ...userActor(carol), entityType: 'organization', entityId: carol.tenantId });
    expect(org.metadata?.after).toMatchObject({ id: carol.tenantId, slug: expect.any(String) });
    const owner = rows.find((r) => r.action === 'member.add')!;
    expect(owner.metadata?.after).toMatchObject({
      userId: carol.userId,
      organizationId: carol.tenantId,
      role: 'owner',
    });

    const seeded = rows.filter((r) => r.actorType === 'system');
    const agents = (await carol.get('/api/agents')).body.agents as any[];
    expect(seeded).toHaveLength(agents.length);
    expect(seeded.map((r) => r.entityId).sort()).toEqual(agents.map((a) => a.id).sort());
    for (const row of seeded) {
      const a = agents.find((x) => x.id === row.entityId);
      expect(row).toMatchObject({ action: 'agent.create', entityType: 'agent', actorId: null });
      expect(row.metadata).toEqual({
        systemActor: 'seed',
        version: 1,
        versionId: expect.any(String),
        after: expectedSnapshot(a),
      });
    }
  });

  it('create, update, checkpoint, rollback and delete each leave one row with the actor and before/after', async () => {
    const created = await createAgent(alice, { name: 'Audited', tools: ['calculator'] });
    const id = created.res.body.id;
    const [v1] = await db().select().from(agentVersion).where(eq(agentVersion.agentId, id));
    expect(created.row).toMatchObject({
      ...userActor(alice),
      action: 'agent.create',
      entityType: 'agent',
      entityId: id,
    });
    expect(created.row.metadata).toEqual({ version: 1, versionId: v1.id, after: expectedSnapshot(created.res.body) });

    const updated = await auditedOnce(() =>
      alice.put('/api/agents/audited', { instructions: 'Be very brief.', tools: ['calculator', 'date-time'] }),
    );
    expect(updated.row).toMatchObject({ ...userActor(alice), action: 'agent.update', entityId: id });
    expect(updated.row.metadata).toEqual({
      version: 2,
      versionId: expect.any(String),
      changedFields: ['instructions', 'tools'],
      before: expectedSnapshot(created.res.body),
      after: expectedSnapshot(updated.res.body),
    });

    // An update that changes nothing writes no version and no audit row.
    const noop = await audited(() => alice.put('/api/agents/audited', { instructions: 'Be very brief.' }));
    expect(noop.res.status).toBe(200);
    expect(noop.res.body.version).toBe(2);
    expect(noop.rows).toEqual([]);

    const checkpoint = await auditedOnce(() => alice.post('/api/agents/audited/versions', { description: 'v3' }), 201);
    expect(checkpoint.row).toMatchObject({ action: 'agent.version.create', entityId: id });
    expect(checkpoint.row.metadata).toMatchObject({ version: 3, changedFields: [] });
    expect(checkpoint.row.metadata?.before).toEqual(checkpoint.row.metadata?.after);

    const rollback = await auditedOnce(() => alice.post('/api/agents/audited/versions/1/rollback'));
    expect(rollback.row).toMatchObject({ ...userActor(alice), action: 'agent.rollback', entityId: id });
    expect(rollback.row.metadata).toEqual({
      rolledBackTo: 1,
      version: 4,
      versionId: expect.any(String),
      changedFields: ['instructions', 'tools'],
      before: expectedSnapshot(updated.res.body),
      after: expectedSnapshot(created.res.body),
    });

    const deleted = await auditedOnce(() => alice.delete('/api/agents/audited'));
    expect(deleted.row).toMatchObject({ ...userActor(alice), action: 'agent.delete', entityId: id });
    expect(deleted.row.metadata).toEqual({ version: 4, before: expectedSnapshot(rollback.res.body) });

    // The agent's history stays readable by entity after the agent is gone.
    const history = await alice.get(`/api/audit-logs?entityType=agent&entityId=${id}`);
    expect(history.body.auditLogs.map((r: AuditLog) => r.action)).toEqual([
      'agent.delete',
      'agent.rollback',
      'agent.version.create',
      'agent.update',
      'agent.create',
    ]);
    expectNotFound(await alice.get(`/api/agents/${id}/audit-logs`), id);
  });

  it('records an API key caller as actor apiKey with the key id', async () => {
    const { key, id: keyId } = await alice.createApiKey('writer');
    const viaKey = new ApiClient(h.url, { apiKey: key });
    const { row } = await createAgent(viaKey, { name: 'By Key' });
    expect(row).toMatchObject({
      tenantId: alice.tenantId,
      actorType: 'apiKey',
      actorId: keyId,
      action: 'agent.create',
    });
    const mine = await viaKey.get(`/api/audit-logs?actorId=${keyId}`);
    expect(mine.body.auditLogs.map((r: AuditLog) => r.entityId)).toEqual([row.entityId]);
  });

  it('a failed write (400, 404, 409, another tenant) leaves no row', async () => {
    await createAgent(alice, { name: 'Taken', slug: 'taken' });
    await createAgent(alice, { name: 'Other', slug: 'other-one' });
    const mallorys = await createAgent(mallory, { name: 'Mallory Own' });
    const failures: Array<[number, () => Promise<Response>]> = [
      [400, () => alice.post('/api/agents', { name: '', instructions: 'x' })],
      [400, () => alice.post('/api/agents', { name: 'Bad', instructions: 'x', temperature: 9 })],
      [400, () => alice.post('/api/agents', { name: 'Bad', instructions: 'x', tools: ['no-such-tool'] })],
      [400, () => alice.put('/api/agents/taken', { maxSteps: 0 })],
      [400, () => alice.put('/api/agents/taken', { unknownField: 1 })],
      [409, () => alice.post('/api/agents', { name: 'Taken', slug: 'taken', instructions: 'x' })],
      [409, () => alice.put('/api/agents/other-one', { slug: 'taken' })],
      [404, () => alice.put('/api/agents/nope', { instructions: 'x' })],
      [404, () => alice.delete('/api/agents/nope')],
      [404, () => alice.post('/api/agents/nope/versions', {})],
      [404, () => alice.post('/api/agents/taken/versions/99/rollback')],
      [404, () => alice.put(`/api/agents/${mallorys.res.body.id}`, { instructions: 'pwned' })],
      [404, () => alice.delete(`/api/agents/${mallorys.res.body.id}`)],
      [404, () => alice.post(`/api/agents/${mallorys.res.body.id}/versions/1/rollback`)],
    ];
    for (const [status, action] of failures) {
      const { res, rows } = await audited(action);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(rows).toEqual([]);
    }
  });

  it('writes the audit row in the write’s transaction: when it fails, the write is rolled back', async () => {
    const victim = await createAgent(alice, { name: 'Explode Later' });
    const before = await alice.get('/api/agents/explode-later');
    await db().execute(
      sql.raw(`CREATE FUNCTION audit_explode() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF coalesce(NEW.metadata->'after'->>'name', NEW.metadata->'before'->>'name') LIKE 'Explode%' THEN
          RAISE EXCEPTION 'audit insert refused';
        END IF;
        RETURN NEW;
      END $$`),
    );
    await db().execute(
      sql.raw('CREATE TRIGGER audit_explode BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_explode()'),
    );
    // The server logs each failure as an unhandled error; keep the output quiet.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const attempts = [
        () => alice.post('/api/agents', { name: 'Explode', instructions: 'x' }),
        () => alice.put('/api/agents/explode-later', { instructions: 'changed' }),
        () => alice.post('/api/agents/explode-later/versions', {}),
        () => alice.post('/api/agents/explode-later/versions/1/rollback'),
        () => alice.delete('/api/agents/explode-later'),
      ];
      for (const attempt of attempts) {
        const { res, rows } = await audited(attempt);
        expect(res.status).toBe(500);
        expect(rows).toEqual([]);
      }
      expect((await alice.get('/api/agents/explode')).status).toBe(404);
      expect((await alice.get('/api/agents/explode-later')).body).toEqual(before.body);
      const versions = await db().select().from(agentVersion).where(eq(agentVersion.agentId, victim.res.body.id));
      expect(versions).toHaveLength(1);
      expect(logged).toHaveBeenCalledTimes(5);
    } finally {
      logged.mockRestore();
      await db().execute(sql.raw('DROP TRIGGER audit_explode ON audit_log'));
      await db().execute(sql.raw('DROP FUNCTION audit_explode()'));
    }
  });
});

describe('organization, member, invitation and API key writes', () => {
  it('API keys: create, update and revoke are recorded without the key; failures and no-ops are not', async () => {
    const { res, rows } = await audited(() =>
      alice.post('/api/auth/api-key/create', { name: 'ci', organizationId: alice.tenantId }),
    );
    expect(res.status).toBe(200);
    const { key, id } = res.body;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ...userActor(alice), action: 'apiKey.create', entityType: 'apiKey', entityId: id });
    expect(rows[0].metadata?.after).toMatchObject({ id, name: 'ci', prefix: 'trl_', referenceId: alice.tenantId });
    expect(rows[0].metadata?.after).not.toHaveProperty('key');
    expect(rows[0].metadata?.after).not.toHaveProperty('start');

    const renamed = await auditedOnce(() => alice.post('/api/auth/api-key/update', { keyId: id, name: 'ci-2' }));
    expect(renamed.row).toMatchObject({ ...userActor(alice), action: 'apiKey.update', entityId: id });
    expect(renamed.row.metadata?.before).toMatchObject({ name: 'ci' });
    expect(renamed.row.metadata?.after).toMatchObject({ name: 'ci-2' });
    const same = await audited(() => alice.post('/api/auth/api-key/update', { keyId: id, name: 'ci-2' }));
    expect(same.res.status).toBe(200);
    expect(same.rows).toEqual([]);

    // Another organization's member cannot touch the key, and that attempt is not a write.
    for (const attempt of [
      () => mallory.post('/api/auth/api-key/delete', { keyId: id }),
      () => mallory.post('/api/auth/api-key/update', { keyId: id, name: 'pwned' }),
      () => alice.post('/api/auth/api-key/delete', { keyId: 'no-such-key' }),
      () => alice.post('/api/auth/api-key/create', { name: 'x', organizationId: mallory.tenantId }),
    ]) {
      const failed = await audited(attempt);
      expect(failed.res.status).toBeGreaterThanOrEqual(400);
      expect(failed.rows).toEqual([]);
    }

    const revoked = await auditedOnce(() => alice.post('/api/auth/api-key/delete', { keyId: id }));
    expect(revoked.row).toMatchObject({ ...userActor(alice), action: 'apiKey.revoke', entityId: id });
    expect(revoked.row.metadata?.before).toMatchObject({ id, name: 'ci-2' });
    expect(revoked.row.metadata).not.toHaveProperty('after');

    // Neither the key nor its stored hash appears anywhere in the audit table.
    const other = await alice.createApiKey('still-there');
    const [{ hash }] = await db().select({ hash: apikey.key }).from(apikey).where(eq(apikey.id, other.id));
    const table = JSON.stringify(await db().select().from(auditLog));
    for (const secret of [key, other.key, hash]) expect(table).not.toContain(secret);
  });

  it('budgets, price overrides, alert destinations and alerts: each write leaves one row, never a secret', async () => {
    const agent = (await alice.post('/api/agents', { name: 'Audited Spender', instructions: 'x' })).body;
    const set = await auditedOnce(() => alice.put(`/api/agents/${agent.id}/budget`, { monthlyLimitUsd: 5 }));
    expect(set.row).toMatchObject({ action: 'budget.update', entityType: 'budget', actorId: alice.userId });
    expect(set.row.metadata).toMatchObject({ scope: 'agent', agentId: agent.id, after: { monthlyLimitUsd: 5 } });
    expect((set.row.metadata as { before?: unknown }).before).toBeUndefined();
    const raised = await auditedOnce(() => alice.put(`/api/agents/${agent.id}/budget`, { monthlyLimitUsd: 7 }));
    expect(raised.row.metadata).toMatchObject({ before: { monthlyLimitUsd: 5 }, after: { monthlyLimitUsd: 7 } });
    const removed = await auditedOnce(() => alice.delete(`/api/agents/${agent.id}/budget`));
    expect(removed.row).toMatchObject({ action: 'budget.delete', entityId: set.row.entityId });
    // Deleting a budget that is not there writes nothing.
    expect((await audited(() => alice.delete(`/api/agents/${agent.id}/budget`))).rows).toEqual([]);

    // A price on the (otherwise free) demo model, so the run below costs something.
    const price = { provider: 'demo', modelName: 'demo-1', inputPerMTokUsd: 1000, outputPerMTokUsd: 1000 };
    const priced = await auditedOnce(() => alice.put('/api/prices', price));
    expect(priced.row).toMatchObject({ action: 'price.update', entityType: 'price' });
    expect(priced.row.metadata).toMatchObject({ provider: 'demo', modelName: 'demo-1' });

    const secret = 'whsec-audit-0123456789';
    const hook = await auditedOnce(
      () => alice.post('/api/alert-destinations', { kind: 'webhook', url: 'https://hooks.example.com/a', secret }),
      201,
    );
    expect(hook.row).toMatchObject({ action: 'alertDestination.create', entityType: 'alertDestination' });
    expect(hook.row.metadata).toMatchObject({ after: { url: 'https://hooks.example.com/a', signed: true } });
    expect(JSON.stringify(hook.row)).not.toContain(secret);
    const unhooked = await auditedOnce(() => alice.delete(`/api/alert-destinations/${hook.row.entityId}`));
    expect(unhooked.row).toMatchObject({ action: 'alertDestination.delete', entityId: hook.row.entityId });

    // A limit already exceeded raises an alert at once (budget-check on save); resolving it is recorded.
    expect((await alice.post(`/api/agents/${agent.id}/runs`, { input: 'hello' })).body.costUsd).toBeGreaterThan(0);
    await alice.put('/api/budget', { monthlyLimitUsd: 0.0000001 });
    const alert = await vi.waitFor(
      async () => {
        const [open] = (await alice.get('/api/alerts')).body.alerts;
        expect(open).toBeDefined();
        return open as { id: string };
      },
      { timeout: 20_000, interval: 100 },
    );
    const resolved = await auditedOnce(() => alice.post(`/api/alerts/${alert.id}/resolve`));
    expect(resolved.row).toMatchObject({ action: 'alert.resolve', entityType: 'alert', entityId: alert.id });
    await alice.delete('/api/budget');
    const unpriced = await auditedOnce(() => alice.delete('/api/prices?provider=demo&modelName=demo-1'));
    expect(unpriced.row).toMatchObject({ action: 'price.delete', entityId: priced.row.entityId });
  });

  it('organization update records before and after', async () => {
    const { row } = await auditedOnce(() => alice.post('/api/auth/organization/update', { data: { name: 'Acme' } }));
    expect(row).toMatchObject({ ...userActor(alice), action: 'organization.update', entityId: alice.tenantId });
    expect(row.metadata?.before).toMatchObject({ id: alice.tenantId, name: expect.not.stringMatching(/^Acme$/) });
    expect(row.metadata?.after).toMatchObject({ id: alice.tenantId, name: 'Acme' });
  });

  it('members and invitations: invite, accept, change role, remove, leave, cancel and reject', async () => {
    const bob = await h.signUp(`bob-${Date.now()}@example.com`);
    const dave = await h.signUp(`dave-${Date.now()}@example.com`);
    const bobEmail = (await bob.get('/api/auth/get-session')).body.user.email;
    const daveEmail = (await dave.get('/api/auth/get-session')).body.user.email;
    const invite = (email: string) =>
      auditedOnce(() =>
        alice.post('/api/auth/organization/invite-member', { email, role: 'member', organizationId: alice.tenantId }),
      );

    const invited = await invite(bobEmail);
    const invitationId = invited.res.body.id;
    expect(invited.row).toMatchObject({ ...userActor(alice), action: 'invitation.create', entityType: 'invitation' });
    expect(invited.row.metadata?.after).toMatchObject({ id: invitationId, email: bobEmail, status: 'pending' });

    const accepted = await auditedOnce(() => bob.post('/api/auth/organization/accept-invitation', { invitationId }));
    const memberId = accepted.res.body.member.id;
    expect(accepted.row).toMatchObject({
      tenantId: alice.tenantId,
      actorType: 'user',
      actorId: bob.userId,
      action: 'member.add',
      entityType: 'member',
      entityId: memberId,
    });
    expect(accepted.row.metadata).toMatchObject({ invitationId, after: { userId: bob.userId, role: 'member' } });

    const promoted = await auditedOnce(() =>
      alice.post('/api/auth/organization/update-member-role', {
        memberId,
        role: 'admin',
        organizationId: alice.tenantId,
      }),
    );
    expect(promoted.row).toMatchObject({ ...userActor(alice), action: 'member.update', entityId: memberId });
    expect(promoted.row.metadata).toMatchObject({ before: { role: 'member' }, after: { role: 'admin' } });

    const removed = await auditedOnce(() =>
      alice.post('/api/auth/organization/remove-member', { memberIdOrEmail: memberId, organizationId: alice.tenantId }),
    );
    expect(removed.row).toMatchObject({ ...userActor(alice), action: 'member.remove', entityId: memberId });
    expect(removed.row.metadata).toMatchObject({ before: { userId: bob.userId, role: 'admin' } });

    // Bob comes back and leaves on his own: he is the actor.
    const again = await invite(bobEmail);
    const rejoined = await auditedOnce(() =>
      bob.post('/api/auth/organization/accept-invitation', { invitationId: again.res.body.id }),
    );
    const left = await auditedOnce(() => bob.post('/api/auth/organization/leave', { organizationId: alice.tenantId }));
    expect(left.row).toMatchObject({
      tenantId: alice.tenantId,
      actorId: bob.userId,
      action: 'member.remove',
      entityId: rejoined.res.body.member.id,
    });

    const toCancel = await invite(`nobody-${Date.now()}@example.com`);
    const cancelled = await auditedOnce(() =>
      alice.post('/api/auth/organization/cancel-invitation', { invitationId: toCancel.res.body.id }),
    );
    expect(cancelled.row).toMatchObject({ ...userActor(alice), action: 'invitation.cancel' });
    expect(cancelled.row.metadata?.after).toMatchObject({ status: 'canceled' });

    const toReject = await invite(daveEmail);
    const rejected = await auditedOnce(() =>
      dave.post('/api/auth/organization/reject-invitation', { invitationId: toReject.res.body.id }),
    );
    expect(rejected.row).toMatchObject({ tenantId: alice.tenantId, actorId: dave.userId, action: 'invitation.reject' });

    // Someone who is not an admin of the organization changes nothing and leaves no row.
    const denied = await audited(() =>
      mallory.post('/api/auth/organization/invite-member', {
        email: 'x@example.com',
        role: 'member',
        organizationId: alice.tenantId,
      }),
    );
    expect(denied.res.status).toBeGreaterThanOrEqual(400);
    expect(denied.rows).toEqual([]);
  });
});

describe('secrets', () => {
  it('snapshots never hold a secret: sensitive keys in agent metadata and provider options are redacted', async () => {
    const secrets = {
      apiKey: 'sk-live-AAA',
      nested: [{ Authorization: 'Bearer BBB' }],
      access_token: 'token-CCC-secret',
    };
    const { res, row } = await createAgent(alice, {
      name: 'Secretive',
      metadata: secrets,
      modelConfig: { providerOptions: { openai: { api_key: 'sk-live-DDD', user: 'kept' } } },
    });
    // The agent keeps what it was given; only the audit copy is redacted.
    expect(res.body.metadata).toEqual(secrets);
    expect(row.metadata?.after).toMatchObject({
      metadata: { apiKey: REDACTED, nested: [{ Authorization: REDACTED }], access_token: REDACTED },
      modelConfig: { providerOptions: { openai: { api_key: REDACTED, user: 'kept' } } },
    });
    const update = await auditedOnce(() =>
      alice.put('/api/agents/secretive', { metadata: { password: 'password-EEE-secret' } }),
    );
    expect(update.row.metadata).toMatchObject({
      before: { metadata: { apiKey: REDACTED } },
      after: { metadata: { password: REDACTED } },
    });
    const table = JSON.stringify(await db().select().from(auditLog));
    // Secrets long enough that no random id contains them by chance.
    for (const s of ['sk-live-AAA', 'Bearer BBB', 'token-CCC-secret', 'sk-live-DDD', 'password-EEE-secret']) {
      expect(table).not.toContain(s);
    }
  });
});

describe('GET /api/audit-logs', () => {
  it('lists only the caller’s organization, through every filter', async () => {
    const own = await createAgent(alice, { name: 'Visible Only To Alice' });
    const all = await mallory.get('/api/audit-logs?limit=200');
    expect(all.status).toBe(200);
    expect(all.body.auditLogs.length).toBeGreaterThan(0);
    expect(all.body.auditLogs.every((r: AuditLog) => r.tenantId === mallory.tenantId)).toBe(true);
    for (const query of [
      `entityId=${own.res.body.id}`,
      `entityType=agent&entityId=${own.res.body.id}`,
      `actorId=${alice.userId}`,
      'entityType=apiKey',
      'action=agent.rollback',
    ])
      expect((await mallory.get(`/api/audit-logs?${query}`)).body.auditLogs, query).toEqual([]);
    expectNotFound(await mallory.get(`/api/agents/${own.res.body.id}/audit-logs`), own.res.body.id);
    // A cursor made from another organization's rows still only reads the caller's own.
    const alicePage = await alice.get('/api/audit-logs?limit=1');
    const viaCursor = await mallory.get(`/api/audit-logs?cursor=${alicePage.body.nextCursor}&limit=200`);
    expect(viaCursor.body.auditLogs.every((r: AuditLog) => r.tenantId === mallory.tenantId)).toBe(true);
  });

  it('filters by entity, action, actor and time range (inclusive)', async () => {
    const dana = await h.signUp();
    const { res, row } = await createAgent(dana, { name: 'Filtered', slug: 'filtered' });
    await auditedOnce(() => dana.put('/api/agents/filtered', { instructions: 'two' }));
    await createAgent(dana, { name: 'Unrelated' });
    const list = async (query: string) => {
      const r = await dana.get(`/api/audit-logs?${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.auditLogs as AuditLog[];
    };
    const id = res.body.id;
    expect((await list(`entityType=agent&entityId=${id}`)).map((r) => r.action)).toEqual([
      'agent.update',
      'agent.create',
    ]);
    expect((await list(`entityId=${id}&action=agent.update`)).map((r) => r.action)).toEqual(['agent.update']);
    expect((await list('entityType=organization')).map((r) => r.action)).toEqual(['organization.create']);
    expect((await list(`actorId=${dana.userId}&entityType=agent`)).map((r) => r.entityId)).toEqual([
      expect.any(String),
      id,
      id,
    ]);
    expect((await list('actorType=system')).every((r) => r.action === 'agent.create' && r.actorId === null)).toBe(true);
    const at = new Date(row.createdAt).toISOString();
    expect((await list(`entityId=${id}&from=${at}&to=${at}`)).map((r) => r.action)).toEqual(['agent.create']);
    expect((await list(`entityId=${id}&from=${at}`)).map((r) => r.action)).toEqual(['agent.update', 'agent.create']);
    expect(await list(`entityId=${id}&to=${new Date(row.createdAt.getTime() - 1).toISOString()}`)).toEqual([]);
    expect(await list('from=2000-01-01&to=2000-01-02')).toEqual([]);

    // The per-agent list, by id or slug, is the same as the entity filter.
    const bySlug = await dana.get('/api/agents/filtered/audit-logs');
    const byId = await dana.get(`/api/agents/${id}/audit-logs?action=agent.create`);
    expect(bySlug.body.auditLogs).toEqual(await list(`entityType=agent&entityId=${id}`));
    expect(byId.body.auditLogs.map((r: AuditLog) => r.id)).toEqual([row.id]);
  });

  it('answers bad filters with 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['action=agent.explode', 'action'],
      ['entityType=robot', 'entityType'],
      ['actorType=robot', 'actorType'],
      ['from=yesterday', 'from'],
      ['to=2026-13-45', 'to'],
      ['limit=0', 'limit'],
      ['limit=1000', 'limit'],
      ['limit=many', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['from=2026-02-01&to=2026-01-01', 'from'],
      [`entityId=${'x'.repeat(201)}`, 'entityId'],
    ];
    for (const [query, field] of cases) {
      expectInvalid(await alice.get(`/api/audit-logs?${query}`), field);
    }
    expectInvalid(await alice.get('/api/agents/assistant/audit-logs?from=soon'), 'from');
    expect((await h.anonymous.get('/api/audit-logs')).status).toBe(401);
  });

  it('paginates newest first without gaps or repeats, also across rows with the same timestamp', async () => {
    const erin = await h.signUp();
    // Five rows in one transaction share its timestamp: the id breaks the tie.
    await db().transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await recordAudit(
          tx,
          { tenantId: erin.tenantId, actor: { type: 'system', id: 'test' } },
          { action: 'agent.version.create', entityType: 'agent', entityId: `tie-${i}` },
        );
      }
    });
    const tied = await db().select().from(auditLog).where(eq(auditLog.entityId, 'tie-0'));
    const sameTime = await db().select().from(auditLog).where(eq(auditLog.createdAt, tied[0].createdAt));
    expect(sameTime.length).toBeGreaterThanOrEqual(5);

    const expected = await db().select().from(auditLog).where(eq(auditLog.tenantId, erin.tenantId));
    expected.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    for (const [limit, filter] of [
      [1, ''],
      [3, ''],
      [4, '&entityType=agent'],
      [200, ''],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Response = await erin.get(
          `/api/audit-logs?limit=${limit}${filter}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.auditLogs.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.auditLogs.map((r: AuditLog) => r.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      const want = expected.filter((r) => !filter || r.entityType === 'agent').map((r) => r.id);
      expect(seen).toEqual(want);
      expect(pages).toBe(Math.max(1, Math.ceil(want.length / limit)));
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await h.anonymous.get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/audit-logs', '/api/agents/{id}/audit-logs']),
    );
    expect(doc.body.components.schemas.AuditLog.properties).toHaveProperty('actorType');
    const params = doc.body.paths['/api/audit-logs'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['entityType', 'entityId', 'action', 'actorId', 'from', 'to', 'cursor', 'limit']),
    );
  });
});
