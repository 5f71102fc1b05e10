import { hkdfSync } from 'node:crypto';
import { z } from 'zod';

/** What a key is used for; each purpose gets its own key derived from the master key of an id. */
export type KeyPurpose = 'jwt' | 'pii' | 'seal';

const KEY_LENGTH: Record<KeyPurpose, number> = { jwt: 64, pii: 32, seal: 32 };

/** Key ids go into JWT headers and sealed records: short, plain. */
export const KeyIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore, at most 64');

/**
 * The secrets file (SECRETS_FILE): named master keys, one of them current. New tokens and sealed
 * records use the current id; older ids stay to verify and decrypt what was made with them.
 */
export const KeyFileSchema = z
  .object({
    current: KeyIdSchema,
    keys: z.record(
      KeyIdSchema,
      z.string().refine((value) => Buffer.from(value, 'base64').length >= 32, 'a base64 key of at least 32 bytes'),
    ),
  })
  .refine((file) => file.keys[file.current] !== undefined, { message: 'the current key id is not among the keys', path: ['current'] });

export type KeyFile = z.infer<typeof KeyFileSchema>;

export interface KeyRef {
  id: string;
  key: Buffer;
}

/**
 * The installation's keys, held in memory only. Per-purpose keys are derived with HKDF from each
 * master key, so one key file serves tokens, the PII vault and the seal passphrase without one
 * purpose's key revealing another's.
 */
export class Keyring {
  private readonly byPurpose = new Map<KeyPurpose, Map<string, Buffer>>();

  constructor(private readonly currentId: string, masters: Record<string, Buffer>) {
    if (!masters[currentId]) throw new Error(`no master key with the current id ${currentId}`);
    for (const purpose of Object.keys(KEY_LENGTH) as KeyPurpose[]) {
      const keys = new Map<string, Buffer>();
      for (const [id, master] of Object.entries(masters)) keys.set(id, derive(master, purpose));
      this.byPurpose.set(purpose, keys);
    }
  }

  static fromFile(file: KeyFile): Keyring {
    return new Keyring(file.current, Object.fromEntries(Object.entries(file.keys).map(([id, value]) => [id, Buffer.from(value, 'base64')])));
  }

  /** The key new data is sealed or signed with. */
  current(purpose: KeyPurpose): KeyRef {
    return { id: this.currentId, key: this.byPurpose.get(purpose)!.get(this.currentId)! };
  }

  /** The key of an id, to verify or decrypt what was made with it; undefined for an unknown id. */
  find(purpose: KeyPurpose, id: string): Buffer | undefined {
    return this.byPurpose.get(purpose)!.get(id);
  }

  /**
   * Adds a key used before key files existed (kept in the store, or JWT_SECRET), for reading old
   * data only: it never becomes current.
   */
  addLegacy(purpose: KeyPurpose, id: string, key: Buffer): void {
    if (this.byPurpose.get(purpose)!.has(id)) throw new Error(`key id ${id} is already taken`);
    this.byPurpose.get(purpose)!.set(id, key);
  }

  ids(purpose: KeyPurpose): string[] {
    return [...this.byPurpose.get(purpose)!.keys()];
  }
}

function derive(master: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `mediation-room:${purpose}`, KEY_LENGTH[purpose]));
}
