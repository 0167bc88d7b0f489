// Roles in the workspace UI: each of owner, admin, member and viewer signs in to the same organization and sees
// exactly the controls its role may use — creating and configuring agents for admins, chatting for members,
// reading only for viewers, members and invitations for the owner, guardrail policies for admins — with a note where
// something is withheld.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signUpAt, startHarness } from '../../server/test/harness';
import { hasChromium, launch, openPage, signInAs, type WatchedPage } from './browser';

type Role = 'owner' | 'admin' | 'member' | 'viewer';
const roles: Role[] = ['owner', 'admin', 'member', 'viewer'];

let h: Harness;
let browser: Browser;
let organizationId: string;
const email = (role: Role) => `${role}-roles-ui@example.com`;

describe.skipIf(!hasChromium)('roles in the workspace UI', () => {
  beforeAll(async () => {
    h = await startHarness();
    const owner = await signUpAt(h.url, email('owner'));
    organizationId = owner.tenantId;
    for (const role of ['admin', 'member', 'viewer'] as const) {
      const user = await signUpAt(h.url, email(role));
      await h.trellis.auth.api.addMember({ body: { userId: user.userId, organizationId: owner.tenantId, role } });
    }
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** Signs `role` in on a fresh page and makes the owner's organization its active one. */
  async function as(role: Role): Promise<WatchedPage> {
    const w = await openPage(browser, h.url);
    await signInAs(w, email(role));
    if (role !== 'owner') {
      const switched = await w.page.evaluate(async (id) => {
        const res = await fetch('/api/auth/organization/set-active', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ organizationId: id }),
        });
        return res.status;
      }, organizationId);
      expect(switched).toBe(200);
      await w.page.goto('/workspace');
    }
    return w;
  }

  it.each(roles)('%s sees exactly the controls of its role', { timeout: 90_000 }, async (role) => {
    const w = await as(role);
    const { page } = w;
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.role).toBe(role);
    const admin = role === 'owner' || role === 'admin';
    const runs = role !== 'viewer';

    // The grid: only admins create agents.
    await page.getByRole('list', { name: 'Agents' }).getByRole('listitem').first().waitFor();
    expect(await page.getByRole('button', { name: 'New agent' }).count()).toBe(admin ? 1 : 0);

    // Configure: admins edit; others read, with a note saying so and the form disabled. Each page waits for what
    // its role must see (the role arrives with /api/me) before counting what it must not.
    await page.goto('/workspace/assistant/configure');
    const instructions = page
      .getByRole('form', { name: 'Configure Assistant' })
      .getByRole('textbox', { name: 'Instructions', exact: true });
    const note = page.getByText('You can read this configuration but not change it');
    if (admin) await expect.poll(() => instructions.isEnabled()).toBe(true);
    else await note.waitFor();
    expect(await note.count()).toBe(admin ? 0 : 1);
    expect(await instructions.isDisabled()).toBe(!admin);

    // Test (chat): members and up chat; a viewer reads the threads only.
    await page.goto('/workspace/assistant/test');
    const readOnly = page.getByText('You can read this agent’s threads but not chat with it');
    if (runs) await page.getByRole('textbox').first().waitFor();
    else await readOnly.waitFor();
    expect(await readOnly.count()).toBe(runs ? 0 : 1);

    // Guardrails: admins edit the policies; others see them without controls, with a note saying so.
    await page.goto('/workspace/assistant/guardrails');
    const agentPolicy = page.getByRole('form', { name: 'Agent guardrails' });
    const saveGuardrails = agentPolicy.getByRole('button', { name: 'Save agent policy' });
    const guardrailsNote = page.getByText('You can see these guardrails but not change them').first();
    await agentPolicy.getByRole('table', { name: /^Input/ }).waitFor();
    if (admin) await saveGuardrails.waitFor();
    else await guardrailsNote.waitFor();
    expect(await saveGuardrails.count()).toBe(admin ? 1 : 0);
    expect(await agentPolicy.getByRole('combobox').count()).toBe(admin ? 7 : 0);
    expect(await agentPolicy.getByRole('button', { name: 'Add pattern' }).count()).toBe(admin ? 2 : 0);

    // Settings: keys, destinations and prices for admins; inviting members for the owner.
    await page.goto('/settings');
    const keys = page.getByRole('heading', { name: 'API keys' });
    const withheld = page.getByText('API keys, alert destinations and price overrides are not shown');
    if (admin) await keys.waitFor();
    else await withheld.waitFor();
    expect(await keys.count()).toBe(admin ? 1 : 0);
    expect(await withheld.count()).toBe(admin ? 0 : 1);
    const invite = page.getByRole('form', { name: 'Invite a member' });
    if (role === 'owner') await invite.waitFor();
    expect(await invite.count()).toBe(role === 'owner' ? 1 : 0);
    await w.screenshot(`settings-as-${role}`);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
