import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../store/store.ts';

export interface PersonalDetails {
  idNumber?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}

interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

/**
 * Full identity numbers, phones and addresses stay out of the case log (which shows masks) and
 * are kept here encrypted with AES-256-GCM, bound to their key name, for the documents that must
 * print them. Deleting the record erases them without touching the hash chain.
 */
export class PiiVault {
  private readonly key: Buffer;

  constructor(
    private readonly kv: KeyValueStore,
    secret: Buffer,
  ) {
    this.key = createHmac('sha256', secret).update('pii-vault-key').digest();
  }

  async put(caseId: string, participantId: string, details: PersonalDetails): Promise<void> {
    const name = this.keyName(caseId, participantId);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name));
    const data = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
    const sealed: Sealed = { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    await this.kv.set(name, sealed);
  }

  async get(caseId: string, participantId: string): Promise<PersonalDetails | undefined> {
    const name = this.keyName(caseId, participantId);
    const sealed = await this.kv.get<Sealed>(name);
    if (!sealed) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
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
