import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-append-script.ts';

/**
 * KEYS[1]: the counter; ARGV[1]: TTL in seconds. INCR and EXPIRE as one step: sent as two commands, a crash
 * or a lost connection between them would leave a counter that never expires. Only a counter without an
 * expiry (a new one) gets the TTL, so a stream of increments cannot keep a window open forever.
 */
const INCREMENT_SOURCE = `
local value = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) == -1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return value
`;
const INCREMENT_SHA = createHash('sha1').update(INCREMENT_SOURCE).digest('hex');

/** Adds 1 to the counter at `key`, giving a new counter `ttlSeconds` to live; returns the new value. */
export async function incrementWithTtl(client: RedisClient, key: string, ttlSeconds: number): Promise<number> {
  const options = { keys: [key], arguments: [String(ttlSeconds)] };
  let reply: unknown;
  try {
    reply = await client.evalSha(INCREMENT_SHA, options);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    reply = await client.eval(INCREMENT_SOURCE, options);
  }
  if (typeof reply !== 'number') throw new Error(`unexpected reply from the increment script: ${JSON.stringify(reply)}`);
  return reply;
}
