import type { Keyring } from '../auth/keyring.ts';
import { Sealer, type SealedRecord } from '../auth/sealing.ts';
import { LEGACY_STORE_KEY_ID } from '../auth/secrets.ts';
import type { AgreementText } from '../domain/agreement.ts';
import type { AgreementState } from '../domain/case-types.ts';
import { agreementHash } from '../documents/agreement-text.ts';
import type { KeyValueStore } from '../store/store.ts';

export interface PersonalDetails {
  idNumber?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  /** For electronic service, when a resident gives one (送达地址确认书). */
  email?: string | undefined;
}

/**
 * Full identity numbers, phones and addresses stay out of the case log (which shows masks) and
 * are kept here encrypted with AES-256-GCM, bound to their key name, for the documents that must
 * print them. Deleting the record erases them without touching the hash chain. The key comes
 * from the key file (never the store): each record names the key id it was sealed with, so after
 * a rotation old records still open.
 */
export class PiiVault {
  private readonly sealer: Sealer;

  constructor(
    private readonly kv: KeyValueStore,
    keys: Keyring,
  ) {
    // Records of older versions name no key: they were sealed with the stored legacy key.
    this.sealer = new Sealer(keys, 'pii', LEGACY_STORE_KEY_ID);
  }

  async put(caseId: string, participantId: string, details: PersonalDetails): Promise<void> {
    const name = this.keyName(caseId, participantId);
    await this.kv.set(name, this.seal(name, details));
  }

  async get(caseId: string, participantId: string): Promise<PersonalDetails | undefined> {
    const name = this.keyName(caseId, participantId);
    const sealed = await this.kv.get<SealedRecord>(name);
    return sealed ? this.open(name, sealed) : undefined;
  }

  /**
   * Seals again with the current key every record made with another one (after a rotation, or
   * the stored key of an older version). Returns how many it rewrote.
   */
  async resealAll(): Promise<number> {
    const current = this.sealer.currentKeyId;
    let count = 0;
    for (const name of await this.kv.keys('pii:')) {
      const sealed = await this.kv.get<SealedRecord>(name);
      if (!sealed || sealed.kid === current) continue;
      await this.kv.set(name, this.seal(name, this.open(name, sealed)));
      count++;
    }
    return count;
  }

  private seal(name: string, details: PersonalDetails): SealedRecord {
    return this.sealer.sealJson(name, details);
  }

  private open(name: string, sealed: SealedRecord): PersonalDetails {
    return this.sealer.openJson<PersonalDetails>(name, sealed);
  }

  /**
   * The agreement text frozen for signing prints the parties' ID numbers, phones and addresses, so
   * the case log keeps it sealed; its hash (what the parties sign) stays in clear beside it.
   */
  sealAgreementText(caseId: string, documentHash: string, text: AgreementText): SealedRecord {
    return this.sealer.sealJson(agreementTextName(caseId, documentHash), text);
  }

  /** The frozen text: opened from its seal (older logs hold it in clear), checked against its hash. */
  frozenText(caseId: string, frozen: NonNullable<AgreementState['frozen']>): AgreementText | undefined {
    const text = frozen.text ?? (frozen.sealedText && this.sealer.openJson<AgreementText>(agreementTextName(caseId, frozen.documentHash), frozen.sealedText));
    if (text && agreementHash(text) !== frozen.documentHash) throw new Error(`case ${caseId}: the frozen agreement text does not match its hash`);
    return text;
  }

  async erase(caseId: string, participantId: string): Promise<void> {
    await this.kv.delete(this.keyName(caseId, participantId));
  }

  private keyName(caseId: string, participantId: string): string {
    return `pii:${caseId}:${participantId}`;
  }
}

const agreementTextName = (caseId: string, documentHash: string) => `agreement-text:${caseId}:${documentHash}`;
