import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedRecord } from '../domain/case-types.ts';
import type { Keyring, KeyPurpose } from './keyring.ts';

export type { SealedRecord };

/**
 * AES-256-GCM with a key from the key file, bound to a name (the AAD) so a sealed value cannot be
 * moved to another record. What it seals names the key id, so after a rotation it still opens.
 * Used for personal details, the agreement text frozen in the case log and stored documents: a
 * copy of the data alone opens none of them.
 */
export class Sealer {
  constructor(
    private readonly keys: Keyring,
    private readonly purpose: KeyPurpose,
    /** The key id of records sealed before they named one (an older version's stored key). */
    private readonly unnamedKeyId?: string,
  ) {}

  get currentKeyId(): string {
    return this.keys.current(this.purpose).id;
  }

  sealBytes(name: string, plain: Uint8Array): SealedRecord {
    const { id, key } = this.keys.current(this.purpose);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(name));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { kid: id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  openBytes(name: string, sealed: SealedRecord): Buffer {
    const kid = sealed.kid ?? this.unnamedKeyId;
    const key = kid === undefined ? undefined : this.keys.find(this.purpose, kid);
    if (!key) throw new Error(`${name} is sealed with key id ${kid ?? '(none)'}, which the key file does not hold`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  }

  sealJson(name: string, value: unknown): SealedRecord {
    return this.sealBytes(name, Buffer.from(JSON.stringify(value), 'utf8'));
  }

  openJson<T>(name: string, sealed: SealedRecord): T {
    return JSON.parse(this.openBytes(name, sealed).toString('utf8')) as T;
  }
}
