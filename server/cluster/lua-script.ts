import { createHash } from 'node:crypto';
import type { RedisClient } from '../store/redis-append-script.ts';

export interface LuaScript {
  run(client: RedisClient, keys: readonly string[], args: readonly string[]): Promise<unknown>;
}

/** A script sent by SHA once Redis has cached it, by source when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH). */
export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(client, keys, args) {
      const options = { keys: [...keys], arguments: [...args] };
      try {
        return await client.evalSha(sha, options);
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        return client.eval(source, options);
      }
    },
  };
}
