import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis({ appendfsync: 'always' });
});
afterAll(async () => {
  await redis?.destroy();
});

describe('the private Redis test harness', () => {
  it('keeps an acknowledged write across a kill -9 of redis-server when appendfsync is always', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    expect(await client.configGet('appendfsync')).toEqual({ appendfsync: 'always' });
    await client.set('acknowledged', 'yes');
    await client.close();

    await redis.stop('SIGKILL');
    await redis.start();

    const again = createClient({ url: redis.url });
    await again.connect();
    expect(await again.get('acknowledged')).toBe('yes');
    await again.close();
  });
});
