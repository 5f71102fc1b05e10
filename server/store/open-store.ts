import { openFileStore } from './file-store.ts';
import { openRedisStore } from './redis-store.ts';
import type { Store } from './store.ts';

/** Redis when a URL is configured (production), otherwise the embedded file store under `dataDir`. */
export function openStore(config: { redisUrl?: string | undefined; dataDir: string }): Promise<Store> {
  return config.redisUrl ? openRedisStore(config.redisUrl) : openFileStore(config.dataDir);
}
