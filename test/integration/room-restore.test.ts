import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoomSnapshot } from '../../server/protocol/room.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { expectAck, residentSocket, roomWithEveryone, staffSocket } from '../helpers/room-fixture.ts';
import { startServerProcess, tempDataDir, type ServerProcess } from '../helpers/server.ts';
import { send } from '../helpers/signaling-client.ts';
import { World } from '../helpers/world.ts';

/*
 * The process running a room is killed (kill -9) in the middle of a session. Started again on the
 * same store, it takes the room up where it was: residents the mediator had admitted come back
 * without waiting at the door a second time, the caucus still holds the other side apart, and
 * the mediator's mute still holds.
 */

const sockets: Socket[] = [];
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});
const track = <T extends Socket>(socket: T): T => (sockets.push(socket), socket);

async function server(env: Record<string, string>): Promise<ServerProcess> {
  const started = await startServerProcess({ MEDIA_WORKERS: '1', ROOM_RECONNECT_GRACE_SECONDS: '60', ...env });
  cleanups.push(() => started.stop('SIGKILL'));
  return started;
}

const enter = async (socket: Socket, caseId?: string) => (await expectAck(send(socket, 'room:enter', caseId ? { caseId } : {}))).data as unknown as RoomSnapshot;

describe.each([
  { store: 'file', env: async (): Promise<Record<string, string>> => ({ DATA_DIR: tempDataDir() }) },
  {
    store: 'redis',
    env: async (): Promise<Record<string, string>> => {
      const redis: RedisServer = await startRedis();
      cleanups.push(() => redis.destroy());
      return { REDIS_URL: redis.url };
    },
  },
])('a room after kill -9 of its server, on the $store store', ({ env }) => {
  it('comes back as it was: admissions, the caucus and the mute', async () => {
    const storeEnv = await env();
    const first = await server(storeEnv);
    const world = await World.create(first);
    const { cast, mediator, applicant, respondent } = await roomWithEveryone(world, { mediator: first }, track);
    await expectAck(send(mediator, 'room:mute', { memberKey: cast.respondentKey, muted: true }));
    await expectAck(send(mediator, 'caucus:start', { side: 'applicant' }));

    await first.stop('SIGKILL');
    for (const socket of [mediator, applicant, respondent]) socket.close();
    const second = await server(storeEnv);

    const applicantBack = await enter(track(await residentSocket(second, cast.applicant.residentToken)));
    expect(applicantBack.self).toMatchObject({ admission: 'admitted' });
    expect(applicantBack.caucus).toEqual({ side: 'applicant' });

    const respondentBack = await enter(track(await residentSocket(second, cast.respondentToken)));
    expect(respondentBack.self).toMatchObject({ admission: 'admitted', mutedByMediator: true });
    expect(respondentBack.inCaucusAudience).toBe(false);

    const mediatorBack = await enter(track(await staffSocket(second, world.mediator)), cast.caseId);
    expect(mediatorBack.started).toBe(true);
    expect(mediatorBack.sessionId).toBe(applicantBack.sessionId);
    const standing = Object.fromEntries(mediatorBack.members.map((m) => [m.key, m.admission]));
    expect(standing).toMatchObject({ [cast.applicantKey]: 'admitted', [cast.respondentKey]: 'admitted' });
  });
});
