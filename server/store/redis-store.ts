import { createClient } from 'redis';
import type { CaseEvent } from '../domain/case-events.ts';
import { moduleLogger } from '../logger.ts';
import { runAppendScript, type RedisClient } from './redis-append-script.ts';
import { incrementWithTtl } from './redis-counter-script.ts';
import { StoreConflictError, type EventStore, type IndexChange, type IndexName, type KeyValueStore, type Store } from './store.ts';
import { assertAppendable, assertCaseId, assertSeq, decodeValue, encodeValue, ttlOf } from './store-input.ts';

const log = moduleLogger('redis-store');

export interface RedisStoreOptions {
  /** Prepended to every key (default `mr:`). Use a hash tag such as `{mr}:` on Redis Cluster, see below. */
  keyPrefix?: string;
}

/**
 * Keys: `<prefix>case:<caseId>:events` (list of event JSON), `<prefix>index:<name>` (set of case ids),
 * `<prefix>kv:<key>` (JSON text; a counter is a plain integer, which is also JSON, so `get` returns a number).
 *
 * An append touches the case's list and the index sets in one script, all passed through KEYS. On Redis
 * Cluster those keys hash to different slots and the script is refused, unless the prefix is a hash tag
 * (`{mr}:`), which keeps every key in one slot and so on one shard.
 */
export async function openRedisStore(url: string, options: RedisStoreOptions = {}): Promise<Store> {
  const prefix = options.keyPrefix ?? 'mr:';
  let opened = false;
  const client: RedisClient = createClient({
    url,
    // Commands fail while the connection is down instead of queueing for an unknown time.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      // A server that is unreachable at start is a configuration error to report, not to retry forever.
      reconnectStrategy: (retries) => (opened ? Math.min(100 * 2 ** retries, 5_000) : false),
    },
  });
  client.on('error', (error: unknown) => {
    if (opened) log.warn({ err: error }, 'redis connection error; reconnecting');
  });
  await client.connect();
  opened = true;

  let closing: Promise<void> | undefined;
  return {
    kind: 'redis',
    events: redisEventStore(client, prefix),
    kv: redisKeyValueStore(client, `${prefix}kv:`),
    close: () => (closing ??= client.isOpen ? client.close() : Promise.resolve()),
  };
}

function redisEventStore(client: RedisClient, prefix: string): EventStore {
  const eventsKey = (caseId: string) => `${prefix}case:${caseId}:events`;
  const indexKey = (index: IndexName) => `${prefix}index:${index}`;
  return {
    async append(caseId: string, expectedSeq: number, events: readonly CaseEvent[], indexChanges: readonly IndexChange[] = []) {
      assertAppendable(caseId, expectedSeq, events, indexChanges);
      const outcome = await runAppendScript(client, {
        eventsKey: eventsKey(caseId),
        expectedSeq,
        events: events.map((event) => JSON.stringify(event)),
        indexChanges: indexChanges.map((change) => ({ key: indexKey(change.index), op: change.op, member: change.caseId })),
      });
      if (!outcome.ok) throw new StoreConflictError(caseId, expectedSeq, outcome.actualLength);
    },
    async read(caseId: string) {
      assertCaseId(caseId);
      const stored = await client.lRange(eventsKey(caseId), 0, -1);
      return stored.map((json) => JSON.parse(json) as CaseEvent);
    },
    async readAfter(caseId: string, afterSeq: number) {
      assertCaseId(caseId);
      assertSeq(afterSeq);
      // Event seq n sits at list index n - 1.
      const stored = await client.lRange(eventsKey(caseId), afterSeq, -1);
      return stored.map((json) => JSON.parse(json) as CaseEvent);
    },
    async listIndex(index: IndexName) {
      return client.sMembers(indexKey(index));
    },
  };
}

function redisKeyValueStore(client: RedisClient, prefix: string): KeyValueStore {
  return {
    async get<T>(key: string) {
      const json = await client.get(prefix + key);
      return json === null ? undefined : decodeValue<T>(json);
    },
    async set<T>(key: string, value: T, options: { ttlSeconds?: number } = {}) {
      const ttl = ttlOf(options);
      await client.set(prefix + key, encodeValue(value), ttl ? { expiration: { type: 'EX', value: ttl } } : undefined);
    },
    async setIfAbsent<T>(key: string, value: T) {
      return (await client.set(prefix + key, encodeValue(value), { condition: 'NX' })) === 'OK';
    },
    async delete(key: string) {
      await client.del(prefix + key);
    },
    async take<T>(key: string) {
      const json = await client.getDel(prefix + key);
      return json === null ? undefined : decodeValue<T>(json);
    },
    async increment(key: string, options: { ttlSeconds?: number } = {}) {
      const ttl = ttlOf(options);
      return ttl ? incrementWithTtl(client, prefix + key, ttl) : client.incr(prefix + key);
    },
    async keys(keyPrefix: string) {
      const found = new Set<string>();
      // SCAN may return a key twice; it never blocks the server the way KEYS does.
      for await (const page of client.scanIterator({ MATCH: `${escapeGlob(prefix + keyPrefix)}*`, COUNT: 500 })) {
        for (const key of page) found.add(key.slice(prefix.length));
      }
      return [...found];
    },
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
