import { createHash } from 'node:crypto';
import type { Sealer, SealedRecord } from '../auth/sealing.ts';
import type { KeyValueStore } from '../store/store.ts';

/**
 * Content-addressed binary objects (signature images, sealed PDFs that print ID numbers and
 * phones) kept in the key-value store, encrypted with a key from the key file. The name is the
 * SHA-256 of the plain bytes, which is how events refer to them.
 */
export class BlobStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly sealer: Sealer,
  ) {}

  /** Stores the bytes and returns their SHA-256. */
  async put(bytes: Uint8Array): Promise<string> {
    const digest = sha256(bytes);
    const key = `blob:${digest}`;
    await this.kv.setIfAbsent<SealedRecord>(key, this.sealer.sealBytes(key, bytes));
    return digest;
  }

  async get(digest: string): Promise<Uint8Array | undefined> {
    const key = `blob:${digest}`;
    const stored = await this.kv.get<SealedRecord | string>(key);
    if (!stored) return undefined;
    // Objects stored before blobs were sealed are plain base64.
    const bytes = new Uint8Array(typeof stored === 'string' ? Buffer.from(stored, 'base64') : this.sealer.openBytes(key, stored));
    // A stored object that no longer matches its name has been altered: refuse it.
    if (sha256(bytes) !== digest) throw new Error(`blob ${digest} is corrupt`);
    return bytes;
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
