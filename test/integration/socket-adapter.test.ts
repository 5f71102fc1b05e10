import { Server } from 'socket.io';
import { afterAll, describe, expect, it } from 'vitest';
import { rootLogger } from '../../server/logger.ts';
import { redisSocketAdapter } from '../../server/realtime/redis-adapter.ts';
import { waitUntil } from '../helpers/processes.ts';
import type { Socket } from 'socket.io-client';
import type { RunningApp } from '../../server/app.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { residentSocket } from '../helpers/room-fixture.ts';
import { startTestServer } from '../helpers/server.ts';
import { signedCaseIn } from '../helpers/signed-case.ts';
import { expectOk, World } from '../helpers/world.ts';

/*
 * Two server instances on one Redis (store and Socket.IO adapter), as behind a load balancer: a
 * case changed through one instance notifies the party's phone connected to the other. With the
 * in-memory adapter the other instance's sockets hear nothing, which is why the Redis one exists.
 */

const redises: RedisServer[] = [];
const apps: RunningApp[] = [];
const sockets: Socket[] = [];

afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const app of apps) await app.close();
  for (const redis of redises) await redis.destroy();
});

/** Two instances sharing a Redis of their own. */
async function twoInstances(env: Record<string, string>): Promise<[RunningApp, RunningApp]> {
  const redis = await startRedis();
  redises.push(redis);
  const start = async () => {
    const app = await startTestServer({ REDIS_URL: redis.url, ...env });
    apps.push(app);
    return app;
  };
  return [await start(), await start()];
}

/** Both parties apply through `front`; the applicant's phone listens on `back`. What notices reach it? */
async function noticesOnOtherInstance(front: RunningApp, back: RunningApp): Promise<string[]> {
  const world = await World.create(front);
  const s = await signedCaseIn(world);
  const phone = await residentSocket(back, s.applicantToken);
  sockets.push(phone);
  const received: string[] = [];
  phone.on('notice:posted', (notice: { kind: string; caseId: string }) => {
    if (notice.caseId === s.caseId) received.push(notice.kind);
  });
  const apply = { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } };
  await expectOk(s.applicant.post(`/cases/${s.caseId}/confirmation/apply`, apply));
  await expectOk(s.respondent.post(`/cases/${s.caseId}/confirmation/apply`, apply));
  // The notice is pushed after the append; give pub/sub a moment either way.
  const deadline = Date.now() + 3000;
  while (!received.includes('confirmation_filed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return received;
}

describe('Socket.IO across instances', () => {
  it('with the Redis adapter, a notice raised on one instance reaches the party’s socket on the other', async () => {
    const [a, b] = await twoInstances({});
    expect(await noticesOnOtherInstance(a, b)).toContain('confirmation_filed');
  });

  it('with the in-memory adapter it does not: each instance reaches only its own sockets', async () => {
    const [a, b] = await twoInstances({ SOCKET_ADAPTER: 'memory' });
    expect(await noticesOnOtherInstance(a, b)).toEqual([]);
  });
});

describe('a broadcast after the adapter’s Redis connection closed (a notice racing the shutdown)', () => {
  it('is logged and dropped, not left as an unhandled rejection that would crash the process', async () => {
    const redis = await startRedis();
    redises.push(redis);
    const warnings: unknown[] = [];
    const log = rootLogger.child({ test: 'adapter' });
    log.level = 'silent';
    const warn = log.warn.bind(log);
    log.warn = ((...args: Parameters<typeof warn>) => {
      warnings.push(args[0]);
      return warn(...args);
    }) as typeof log.warn;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const adapter = await redisSocketAdapter(redis.url, log);
      const io = new Server();
      io.adapter(adapter.adapter);
      await adapter.close();
      io.to('principal:a:someone').emit('notice:posted', {});
      await waitUntil(() => warnings.length > 0 || undefined, { what: 'the dropped broadcast to be logged' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
