import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../store/store.ts';

/**
 * A secret from configuration if given, else one this installation generated on first start and
 * keeps in its store; no default secret ships with the code. setIfAbsent makes two servers starting
 * together on one Redis agree on the same secret.
 */
export async function installationSecret(kv: KeyValueStore, name: string, configured: string | undefined): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  const key = `secret:${name}`;
  await kv.setIfAbsent(key, randomBytes(48).toString('base64'));
  const stored = await kv.get<string>(key);
  if (!stored) throw new Error(`could not load secret ${name}`);
  return Buffer.from(stored, 'base64');
}
