import { createHash } from 'node:crypto';
import type { KeyValueStore } from '../store/store.ts';

/** Content-addressed binary objects (signature images, sealed PDFs) kept in the key-value store. */
export class BlobStore {
  constructor(private readonly kv: KeyValueStore) {}

  /** Stores the bytes and returns their SHA-256, which is how events refer to them. */
  async put(bytes: Uint8Array): Promise<string> {
    const digest = sha256(bytes);
    await this.kv.setIfAbsent(`blob:${digest}`, Buffer.from(bytes).toString('base64'));
    return digest;
  }

  async get(digest: string): Promise<Uint8Array | undefined> {
    const stored = await this.kv.get<string>(`blob:${digest}`);
    if (!stored) return undefined;
    const bytes = new Uint8Array(Buffer.from(stored, 'base64'));
    // A stored object that no longer matches its name has been altered: refuse it.
    if (sha256(bytes) !== digest) throw new Error(`blob ${digest} is corrupt`);
    return bytes;
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
