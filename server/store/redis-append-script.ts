import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * KEYS[1]: the case's event list; KEYS[2..]: one index set per index change, in order.
 * ARGV: expectedSeq, event count, the events as JSON, then op and member of each index change.
 * Replies {'ok', newLength} or {'conflict', actualLength}.
 */
const APPEND_SOURCE = `
local length = redis.call('LLEN', KEYS[1])
if length ~= tonumber(ARGV[1]) then
  return {'conflict', length}
end
-- Redis does not roll a script back when a command fails halfway: every key is checked before the first write.
for i = 2, #KEYS do
  local kind = redis.call('TYPE', KEYS[i]).ok
  if kind ~= 'set' and kind ~= 'none' then
    return redis.error_reply('WRONGTYPE index key ' .. KEYS[i] .. ' holds a ' .. kind)
  end
end
local count = tonumber(ARGV[2])
for i = 1, count do
  redis.call('RPUSH', KEYS[1], ARGV[2 + i])
end
for i = 2, #KEYS do
  local at = 2 + count + (i - 2) * 2 + 1
  if ARGV[at] == 'add' then
    redis.call('SADD', KEYS[i], ARGV[at + 1])
  else
    redis.call('SREM', KEYS[i], ARGV[at + 1])
  end
end
return {'ok', length + count}
`;
const APPEND_SHA = createHash('sha1').update(APPEND_SOURCE).digest('hex');

export type AppendOutcome = { ok: true; length: number } | { ok: false; actualLength: number };

export interface AppendScriptInput {
  eventsKey: string;
  expectedSeq: number;
  events: readonly string[];
  indexChanges: readonly { key: string; op: 'add' | 'remove'; member: string }[];
}

/** Runs the append as one script, by SHA once Redis has cached it. */
export async function runAppendScript(client: RedisClient, input: AppendScriptInput): Promise<AppendOutcome> {
  const options = {
    keys: [input.eventsKey, ...input.indexChanges.map((change) => change.key)],
    arguments: [String(input.expectedSeq), String(input.events.length), ...input.events, ...input.indexChanges.flatMap((change) => [change.op, change.member])],
  };
  let reply: unknown;
  try {
    reply = await client.evalSha(APPEND_SHA, options);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    reply = await client.eval(APPEND_SOURCE, options);
  }
  return parseReply(reply);
}

function parseReply(reply: unknown): AppendOutcome {
  if (Array.isArray(reply) && reply.length === 2 && typeof reply[1] === 'number') {
    if (String(reply[0]) === 'ok') return { ok: true, length: reply[1] };
    if (String(reply[0]) === 'conflict') return { ok: false, actualLength: reply[1] };
  }
  throw new Error(`unexpected reply from the append script: ${JSON.stringify(reply)}`);
}
