// The deployment's encryption keys from its configuration: TRELLIS_ENCRYPTION_KEY (or, unset, the auth secret) to
// encrypt and decrypt, and TRELLIS_ENCRYPTION_KEY_PREVIOUS (comma-separated) to decrypt only.
import type { Env } from '../config';
import { SecretBox } from './secret-box';

export function secretBoxFor(
  env: Pick<Env, 'TRELLIS_ENCRYPTION_KEY' | 'TRELLIS_ENCRYPTION_KEY_PREVIOUS'>,
  authSecret: string | undefined,
): SecretBox | undefined {
  const current = env.TRELLIS_ENCRYPTION_KEY ?? authSecret;
  if (!current) return undefined;
  const previous = (env.TRELLIS_ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  // Values encrypted before TRELLIS_ENCRYPTION_KEY was set were under the auth secret: it keeps decrypting them.
  if (env.TRELLIS_ENCRYPTION_KEY && authSecret) previous.push(authSecret);
  return new SecretBox(current, previous);
}
