import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger.ts';

export interface SocketAdapter {
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

/**
 * Socket.IO's Redis adapter: broadcasts (the notices to a user's room) travel over Redis pub/sub,
 * so several server instances behind one address reach each other's sockets. Two connections:
 * one publishes, one subscribes.
 */
export async function redisSocketAdapter(url: string, log: Logger): Promise<SocketAdapter> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (error: unknown) => log.error({ err: error }, 'socket adapter redis error'));
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(pub, sub),
    close: async () => {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
