// Encryption at rest for credentials we must be able to use later (webhook signing secrets, channel tokens):
// AES-256-GCM under a 256-bit key derived (HKDF-SHA256) from TRELLIS_ENCRYPTION_KEY, or from the auth secret when
// that is unset. Ciphertext names its key: "v2.<key id>.<iv>.<tag>.<data>" (base64url). Keys given as previous
// (TRELLIS_ENCRYPTION_KEY_PREVIOUS) still decrypt, so a new key can be rolled out and the stored values re-encrypted
// under it (rotateSecrets). Values from before key ids ("v1.<iv>.<tag>.<data>") decrypt with any key of the ring.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

interface Key {
  id: string;
  bytes: Buffer;
}

const derive = (secret: string, purpose: string): Key => {
  const bytes = Buffer.from(hkdfSync('sha256', secret, 'trellis', purpose, 32));
  return { id: createHash('sha256').update(bytes).digest('base64url').slice(0, 8), bytes };
};

export class SecretBox {
  private readonly current: Key;
  private readonly ring: Key[];

  /** `secret` encrypts and decrypts; `previous` secrets only decrypt. */
  constructor(secret: string, previous: string[] = [], purpose = 'trellis credentials v1') {
    this.current = derive(secret, purpose);
    this.ring = [this.current, ...previous.filter(Boolean).map((p) => derive(p, purpose))];
  }

  /** The id of the key new values are encrypted with. */
  get keyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v2', this.current.id, ...[iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'))].join('.');
  }

  /** Throws when no key of the ring opens the value (wrong key, or tampered). */
  decrypt(box: string): string {
    const parts = box.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const key = this.ring.find((k) => k.id === parts[1]);
      if (!key) throw new Error(`encrypted with a key that is not configured (key id ${parts[1]})`);
      return open(key, parts[2], parts[3], parts[4]);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      for (const key of this.ring) {
        try {
          return open(key, parts[1], parts[2], parts[3]);
        } catch {}
      }
      throw new Error('no configured key opens this value');
    }
    throw new Error('not an encrypted value');
  }

  /** Whether a stored value should be re-encrypted under the current key. */
  isStale(box: string): boolean {
    return !box.startsWith(`v2.${this.current.id}.`);
  }
}

function open(key: Key, iv: string, tag: string, data: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
