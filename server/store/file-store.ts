import fs from 'node:fs/promises';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';
import { FileEventStore } from './file-event-store.ts';
import { FileKeyValueStore, type FileKvOptions } from './file-kv-store.ts';
import { DATA_DIR_MODE, ensureDirectory } from './jsonl-file.ts';
import type { Store } from './store.ts';

export type FileStoreOptions = FileKvOptions;

/**
 * The embedded store for `npm start` without Redis:
 * `<dataDir>/LOCK` (a lock directory its holder keeps fresh), `<dataDir>/cases/<caseId>.jsonl`, `<dataDir>/kv.jsonl`.
 * Everything is fsync'd before a promise resolves; indexes and key-values are held in memory.
 */
export async function openFileStore(dataDir: string, options: FileStoreOptions = {}): Promise<Store> {
  const casesDir = path.join(dataDir, 'cases');
  await ensureDirectory(casesDir);
  // Directories of older versions (or made by hand) may be open to others; 0700 closes every file in them.
  await fs.chmod(dataDir, DATA_DIR_MODE);
  await fs.chmod(casesDir, DATA_DIR_MODE);
  const lock = await lockDataDir(dataDir);
  try {
    const events = await FileEventStore.load(casesDir);
    const kv = await FileKeyValueStore.load(path.join(dataDir, 'kv.jsonl'), options);
    let closing: Promise<void> | undefined;
    const close = async () => {
      try {
        await events.close();
        await kv.close();
      } finally {
        await lock.release();
      }
    };
    return { kind: 'file', events, kv, close: () => (closing ??= close()) };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
