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
  // The adapter publishes without awaiting: a publish that fails (the connection closed while a
  // notice raced the shutdown) would be an unhandled rejection, which ends the process. A notice
  // that cannot go out is dropped and logged; the party sees it on their next page load.
  const guardedPub = new Proxy(pub, {
    get(target, property) {
      if (property === 'publish') {
        return (...args: Parameters<typeof target.publish>) =>
          target.publish(...args).catch((error: unknown) => {
            log.warn({ err: error }, 'socket adapter could not publish a broadcast; dropped');
            return 0;
          });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    adapter: createAdapter(guardedPub, sub),
    close: async () => {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
