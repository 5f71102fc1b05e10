import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { RoomSnapshot } from '../../server/protocol/room.ts';
import { caseRoomOwner } from '../helpers/cluster.ts';
import { waitUntil } from '../helpers/processes.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { chatHeardBy, expectAck, lastState, roomCast, roomWithEveryone, staffSocket } from '../helpers/room-fixture.ts';
import { startTestServer } from '../helpers/server.ts';
import { send } from '../helpers/signaling-client.ts';
import { World } from '../helpers/world.ts';

/*
 * Two instances of the app on one Redis, as two machines behind a load balancer would run (here in
 * one test process, each with its own connections, store clients and mediasoup worker). The members
 * of one room are connected to different instances: the room runs once, on one node, and everything
 * the single-instance room guarantees holds across the two.
 */

let redis: RedisServer;
let a: RunningApp;
let b: RunningApp;
let world: World;
const sockets: Socket[] = [];
const track = <T extends Socket>(socket: T) => (sockets.push(socket), socket);

const clusterEnv = (nodeId: string, url: string) => ({ REDIS_URL: url, SOCKET_ADAPTER: 'redis', CLUSTER: 'on', NODE_ID: nodeId, CLUSTER_HEARTBEAT_MS: '200' });

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestServer(clusterEnv('node-a', redis.url));
  b = await startTestServer(clusterEnv('node-b', redis.url));
  world = await World.create(a);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await a?.close();
  await b?.close();
  await redis?.destroy();
});

/** The mediator and the applicant on instance a, the respondent on b; both residents admitted. */
const roomAcrossInstances = () => roomWithEveryone(world, { mediator: a, applicant: a, respondent: b }, track);

describe('one room, members on two instances', () => {
  it('runs once, on the node its lease names, and every member sees the same room', async () => {
    const { cast, respondent } = await roomAcrossInstances();
    const runners = [a, b].filter((app) => app.roomService.liveRoom(cast.caseId));
    expect(runners).toHaveLength(1);
    expect(await caseRoomOwner(redis.url, cast.caseId)).toMatchObject({ owner: runners[0] === a ? 'node-a' : 'node-b', ownerLive: true });
    // The respondent's socket is on b; whichever node runs the room, its view reaches it.
    const view = lastState(respondent);
    const entered = (await expectAck(send(respondent, 'room:enter', {}))).data as unknown as RoomSnapshot;
    expect(entered.self).toMatchObject({ key: cast.respondentKey, admission: 'admitted' });
    expect(entered.members.map((m) => m.key).sort()).toEqual([cast.applicantKey, cast.mediatorKey].sort());
    await expectAck(send(respondent, 'room:declare', { noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent: true })).catch(() => undefined);
    await waitUntil(() => view()?.members.length === 2 || undefined, { what: 'a pushed view on instance b' });
  });

  it('keeps a caucus private across instances: chat of the caucus never reaches the side held apart', async () => {
    const { mediator, applicant, respondent } = await roomAcrossInstances();
    const atApplicant = chatHeardBy(applicant);
    const atRespondent = chatHeardBy(respondent);
    const respondentView = lastState(respondent);
    await expectAck(send(mediator, 'chat:send', { text: '大家好' }));
    await expectAck(send(mediator, 'caucus:start', { side: 'applicant' }));
    await waitUntil(() => respondentView()?.caucus?.side === 'applicant' || undefined, { what: 'the caucus to reach the respondent on b' });
    expect(respondentView()).toMatchObject({ inCaucusAudience: false, members: [] });
    await expectAck(send(mediator, 'chat:send', { text: '单独和申请人说' }));
    await expectAck(send(respondent, 'chat:send', { text: '被申请人自言自语' }));
    await expectAck(send(mediator, 'caucus:end', {}));
    await expectAck(send(applicant, 'chat:send', { text: '结束后大家都能看到' }));
    await waitUntil(() => atRespondent.includes('结束后大家都能看到') || undefined, { what: 'the last chat line on b' });
    expect(atApplicant).toEqual(['大家好', '单独和申请人说', '结束后大家都能看到']);
    expect(atRespondent).toEqual(['大家好', '被申请人自言自语', '结束后大家都能看到']);
  });

  it('joins media on the room’s node for a member connected to the other instance', async () => {
    const { cast, respondent } = await roomAcrossInstances();
    const joined = await expectAck(send(respondent, 'room:joinMedia', {}));
    const runner = [a, b].find((app) => app.roomService.liveRoom(cast.caseId))!;
    expect(runner.roomService.liveRoom(cast.caseId)!.peers.get(cast.respondentKey)?.id).toBe(joined.data.peerId);
    const transport = await expectAck(send(respondent, 'transport:create', { direction: 'recv' }));
    expect(transport.data).toMatchObject({ transportId: expect.any(String), iceCandidates: expect.any(Array), dtlsParameters: expect.any(Object) });
  });

  it('a member who leaves on b is gone from the room on its node; removal closes the socket on b', async () => {
    const { cast, mediator, respondent } = await roomAcrossInstances();
    const runner = [a, b].find((app) => app.roomService.liveRoom(cast.caseId))!;
    await expectAck(send(mediator, 'room:remove', { memberKey: cast.respondentKey }));
    await waitUntil(() => !respondent.connected || undefined, { what: 'the removed member’s socket on b to close' });
    expect(runner.roomService.liveRoom(cast.caseId)!.state.members[cast.respondentKey]!.admission).toBe('removed');
  });
});

describe('draining', () => {
  it('places new rooms on the other node once a node drains, and keeps the rooms it runs', async () => {
    const { cast: running } = await roomAcrossInstances();
    const runner = [a, b].find((app) => app.roomService.liveRoom(running.caseId))!;
    const other = runner === a ? b : a;
    await runner.drain(0);
    for (let i = 0; i < 3; i++) {
      const cast = await roomCast(world);
      const mediator = track(await staffSocket(runner, world.mediator));
      await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
      expect(other.roomService.liveRoom(cast.caseId)).toBeDefined();
      expect(runner.roomService.liveRoom(cast.caseId)).toBeUndefined();
    }
    expect(runner.roomService.liveRoom(running.caseId)).toBeDefined();
  });
});
