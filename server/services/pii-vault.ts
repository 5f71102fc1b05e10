import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../auth/keyring.ts';
import { LEGACY_STORE_KEY_ID } from '../auth/secrets.ts';
import type { KeyValueStore } from '../store/store.ts';

export interface PersonalDetails {
  idNumber?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}

interface Sealed {
  /** The key id it was sealed with; records of older versions have none (the stored legacy key). */
  kid?: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Full identity numbers, phones and addresses stay out of the case log (which shows masks) and
 * are kept here encrypted with AES-256-GCM, bound to their key name, for the documents that must
 * print them. Deleting the record erases them without touching the hash chain. The key comes
 * from the key file (never the store): each record names the key id it was sealed with, so after
 * a rotation old records still open.
 */
export class PiiVault {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly keys: Keyring,
  ) {}

  async put(caseId: string, participantId: string, details: PersonalDetails): Promise<void> {
    const name = this.keyName(caseId, participantId);
    await this.kv.set(name, this.seal(name, details));
  }

  async get(caseId: string, participantId: string): Promise<PersonalDetails | undefined> {
    const name = this.keyName(caseId, participantId);
    const sealed = await this.kv.get<Sealed>(name);
    return sealed ? this.open(name, sealed) : undefined;
  }

  /**
   * Seals again with the current key every record made with another one (after a rotation, or
   * the stored key of an older version). Returns how many it rewrote.
   */
  async resealAll(): Promise<number> {
    const current = this.keys.current('pii').id;
    let count = 0;
    for (const name of await this.kv.keys('pii:')) {
      const sealed = await this.kv.get<Sealed>(name);
      if (!sealed || sealed.kid === current) continue;
      await this.kv.set(name, this.seal(name, this.open(name, sealed)));
      count++;
    }
    return count;
  }

  private seal(name: string, details: PersonalDetails): Sealed {
    const { id, key } = this.keys.current('pii');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(name));
    const data = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
    return { kid: id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  private open(name: string, sealed: Sealed): PersonalDetails {
    const kid = sealed.kid ?? LEGACY_STORE_KEY_ID;
    const key = this.keys.find('pii', kid);
    if (!key) throw new Error(`personal details ${name} are sealed with key id ${kid}, which the key file does not hold`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as PersonalDetails;
  }

  async erase(caseId: string, participantId: string): Promise<void> {
    await this.kv.delete(this.keyName(caseId, participantId));
  }

  private keyName(caseId: string, participantId: string): string {
    return `pii:${caseId}:${participantId}`;
  }
}
