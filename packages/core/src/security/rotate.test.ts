// Key rotation: values encrypted under an old key stay readable while it is listed as previous; rotateSecrets
// re-encrypts every stored credential under the new key (and nothing twice), after which the old key can go.
import { alertDestination, type DatabaseHandle, mcpServer, organization } from '@trellis/db';
import { createTestDatabase } from '@trellis/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDestination } from '../alerts/service';
import { loadConfig } from '../config';
import { systemContext } from '../context';
import { createMcpServer } from '../mcp/service';
import { createRuntime } from '../runtime';
import { secretBoxFor } from './keys';
import { rotateSecrets } from './rotate';
import { SecretBox } from './secret-box';

const OLD = 'the old encryption key: at least 32 characters long';
const NEW = 'the new encryption key: at least 32 characters long too';
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase(inject('testDbTemplate'));
  await handle.db.insert(organization).values([{ id: 'org-keys', name: 'Keys', slug: 'org-keys' }]);
});
afterAll(() => handle?.close());

describe('SecretBox', () => {
  it('names its key, opens values of previous keys, and refuses a value no key opens or that was tampered with', () => {
    const old = new SecretBox(OLD);
    const rolled = new SecretBox(NEW, [OLD]);
    const sealed = old.encrypt('whsec_1');
    expect(sealed.startsWith(`v2.${old.keyId}.`)).toBe(true);
    expect(rolled.decrypt(sealed)).toBe('whsec_1');
    expect(rolled.isStale(sealed)).toBe(true);
    expect(rolled.isStale(rolled.encrypt('x'))).toBe(false);
    expect(() => new SecretBox(NEW).decrypt(sealed)).toThrow(/not configured/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => rolled.decrypt(parts.join('.'))).toThrow();
    expect(() => rolled.decrypt('plain text')).toThrow(/not an encrypted value/);
  });
});

describe('rotateSecrets', () => {
  it('re-encrypts every stored credential under the new key, once; the old key is then not needed', async () => {
    const config = (env: Record<string, string>) =>
      loadConfig({ BETTER_AUTH_SECRET: 'the auth secret of this deployment, 32+ chars', ...env });
    const before = createRuntime(config({ TRELLIS_ENCRYPTION_KEY: OLD }), {
      secret: 'unused auth secret, 32+ chars long',
    });
    const ctx = systemContext(handle.db, before, 'org-keys');
    for (const n of [1, 2, 3]) {
      await createDestination(ctx, {
        kind: 'webhook',
        url: `https://example.com/hook-${n}`,
        secret: `whsec_signing_secret_${n}`,
      });
    }
    await createDestination(ctx, { kind: 'slack', url: 'https://hooks.slack.com/services/T/B/C' });
    await createMcpServer(ctx, {
      name: 'crm',
      transport: 'http',
      url: 'https://mcp.example.com/mcp',
      headers: { authorization: 'Bearer crm-token' },
    });

    const env = { TRELLIS_ENCRYPTION_KEY: NEW, TRELLIS_ENCRYPTION_KEY_PREVIOUS: OLD };
    const box = secretBoxFor(config(env).env, undefined) as SecretBox;
    expect(await rotateSecrets(handle.db, box)).toEqual([
      { column: 'alert_destination.secret_encrypted', reencrypted: 3, current: 0 },
      { column: 'mcp_server.env_encrypted', reencrypted: 0, current: 0 },
      { column: 'mcp_server.headers_encrypted', reencrypted: 1, current: 0 },
    ]);
    expect(await rotateSecrets(handle.db, box)).toEqual([
      { column: 'alert_destination.secret_encrypted', reencrypted: 0, current: 3 },
      { column: 'mcp_server.env_encrypted', reencrypted: 0, current: 0 },
      { column: 'mcp_server.headers_encrypted', reencrypted: 0, current: 1 },
    ]);
    const [crm] = await handle.db.select().from(mcpServer).where(eq(mcpServer.tenantId, 'org-keys'));
    expect(new SecretBox(NEW).decrypt(crm.headersEncrypted ?? '')).toBe('{"authorization":"Bearer crm-token"}');
    const rows = await handle.db
      .select({ value: alertDestination.secretEncrypted })
      .from(alertDestination)
      .where(eq(alertDestination.tenantId, 'org-keys'));
    const onlyNew = new SecretBox(NEW);
    const secrets = rows.flatMap((r) => (r.value ? [onlyNew.decrypt(r.value)] : [])).sort();
    expect(secrets).toEqual(['whsec_signing_secret_1', 'whsec_signing_secret_2', 'whsec_signing_secret_3']);
  });

  it('with TRELLIS_ENCRYPTION_KEY newly set, values sealed under the auth secret still open', () => {
    const authSecret = 'the auth secret of this deployment, 32+ chars';
    const sealed = new SecretBox(authSecret).encrypt('whsec_legacy');
    const box = secretBoxFor({ TRELLIS_ENCRYPTION_KEY: NEW, TRELLIS_ENCRYPTION_KEY_PREVIOUS: undefined }, authSecret);
    expect(box?.decrypt(sealed)).toBe('whsec_legacy');
  });
});
