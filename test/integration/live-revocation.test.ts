import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { newDeviceId, tokenOfLink } from '../helpers/api-client.ts';
import { waitUntil } from '../helpers/processes.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { expectAck, residentSocket, residentToWaiting, roomCast, staffSocket, withSocketWorld } from '../helpers/room-fixture.ts';
import { connectError, send } from '../helpers/signaling-client.ts';
import { startTestServer } from '../helpers/server.ts';
import { expectOk, World } from '../helpers/world.ts';

/*
 * Revoking a principal ends its open connections at once, not at its next handshake: the socket
 * is told why (`session:revoked`), disconnected by the server, and a room member leaves the room
 * (media peer closed). The bound is the issue's: out within one second of the revoking request.
 */

const REVOCATION_BOUND_MS = 1000;

let app: RunningApp;
let world: World;
const track = withSocketWorld((started, created) => {
  app = started;
  world = created;
});
const extraApps: RunningApp[] = [];
const redises: RedisServer[] = [];
afterAll(async () => {
  for (const other of extraApps) await other.close();
  for (const redis of redises) await redis.destroy();
});

/** Starts listening before the trigger; `settled()` gives what arrived within the bound after it. */
function watchRevocation(socket: Socket) {
  let reason: string | undefined;
  let disconnectReason: string | undefined;
  socket.on('session:revoked', (payload: { reason: string }) => (reason = payload.reason));
  const gone = new Promise<void>((resolve) =>
    socket.once('disconnect', (why) => {
      disconnectReason = why;
      resolve();
    }),
  );
  return {
    async settled() {
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, REVOCATION_BOUND_MS))]);
      return { reason, disconnectReason, connected: socket.connected };
    },
  };
}

/** A second invitation for the same participant, opened on another phone. */
async function newLinkOpened(caseId: string, participantId: string): Promise<{ residentToken: string }> {
  const invitation = await expectOk(world.mediator.post(`/cases/${caseId}/invitations`, { participantId }));
  const redeemed = await expectOk(world.api.post('/invitations/redeem', { token: tokenOfLink(invitation.body.url), deviceId: newDeviceId() }));
  return { residentToken: redeemed.body.residentToken };
}

const outWith = (reason: string) => ({ reason, disconnectReason: 'io server disconnect', connected: false });

/** The mediator in the room and the applicant admitted. */
async function applicantAdmitted() {
  const cast = await roomCast(world);
  const mediator = track(await staffSocket(app, world.mediator));
  await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
  const resident = track(await residentSocket(app, cast.applicant.residentToken));
  await residentToWaiting(resident, '张三', '002X');
  await expectAck(send(mediator, 'room:admit', { memberKey: cast.applicantKey }));
  return { cast, mediator, resident };
}

describe('revoking an invitation', () => {
  it('disconnects the resident’s sockets, takes them out of the room, and their token opens nothing again', async () => {
    const { cast, mediator, resident } = await applicantAdmitted();
    await expectAck(send(resident, 'room:joinMedia', {}));
    const secondTab = track(await residentSocket(app, cast.applicant.residentToken));
    const watched = [watchRevocation(resident), watchRevocation(secondTab)];
    const live = app.roomService.liveRoom(cast.caseId)!;
    const peer = live.peers.get(cast.applicantKey)!;

    await expectOk(world.mediator.delete(`/cases/${cast.caseId}/invitations/${cast.applicant.invitationId}`));

    const revokedAt = Date.now();
    for (const watch of watched) expect(await watch.settled()).toEqual(outWith('invitation_withdrawn'));
    // The server leaves the room for them right after the disconnect: no grace period, the media peer closed.
    const gone = () => peer.isClosed && !live.peers.has(cast.applicantKey) && !live.connections.has(cast.applicantKey) && !live.state.members[cast.applicantKey]?.online;
    await waitUntil(gone, {
      timeoutMs: REVOCATION_BOUND_MS - (Date.now() - revokedAt),
      intervalMs: 10,
      what: 'the member left the room',
    });
    expect(await connectError(app.url, { kind: 'resident', residentToken: cast.applicant.residentToken })).toMatchObject({ data: { code: 'unauthenticated' } });
    // The mediator's own connection is untouched.
    expect(mediator.connected).toBe(true);
    await expectAck(send(mediator, 'chat:send', { text: '继续' }));
  });

  it('ends only that invitation’s sessions: the same participant on a newer link stays', async () => {
    const resident = await world.referredCase();
    const older = track(await residentSocket(app, resident.residentToken));
    const newer = await newLinkOpened(resident.caseId, resident.participantId);
    const newerSocket = track(await residentSocket(app, newer.residentToken));
    const watchOlder = watchRevocation(older);
    const watchNewer = watchRevocation(newerSocket);

    await expectOk(world.mediator.delete(`/cases/${resident.caseId}/invitations/${resident.invitationId}`));

    expect(await watchOlder.settled()).toEqual(outWith('invitation_withdrawn'));
    expect(await watchNewer.settled()).toMatchObject({ reason: undefined, connected: true });
  });
});

describe('removing a participant', () => {
  it('from the room: all of the resident’s sockets go, not only the one in the room', async () => {
    const { cast, mediator, resident } = await applicantAdmitted();
    const noticesSocket = track(await residentSocket(app, cast.applicant.residentToken));
    const watched = [watchRevocation(resident), watchRevocation(noticesSocket)];

    await expectAck(send(mediator, 'room:remove', { memberKey: cast.applicantKey }));

    for (const watch of watched) expect(await watch.settled()).toMatchObject({ disconnectReason: 'io server disconnect', connected: false });
    expect(await watched[1]!.settled()).toEqual(outWith('removed_from_case'));
  });

  it('from the case: the participant’s sockets are disconnected', async () => {
    const resident = await world.referredCase();
    const socket = track(await residentSocket(app, resident.residentToken));
    const watch = watchRevocation(socket);

    await expectOk(world.mediator.delete(`/cases/${resident.caseId}/participants/${resident.participantId}`));

    expect(await watch.settled()).toEqual(outWith('removed_from_case'));
  });
});

describe('staff sessions', () => {
  it('disabling an account disconnects every device of it; the admin alone may, with typed errors', async () => {
    await expectOk(world.admin.post('/accounts', { username: 'mediator3', password: 'third-password', displayName: '周调解', role: 'mediator', orgId: 'baicheng' }));
    const accountId = await world.accountId('mediator3');
    const phone = await world.api.login('mediator3', 'third-password');
    const desk = await world.api.login('mediator3', 'third-password');
    const sockets = [track(await staffSocket(app, phone)), track(await staffSocket(app, desk))];
    const watched = sockets.map(watchRevocation);

    expect((await world.mediator.call('PATCH', `/accounts/${accountId}`, { disabled: true })).body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await world.admin.call('PATCH', `/accounts/${accountId}`, { disabled: 'yes' })).body).toMatchObject({ error: { code: 'invalid_input' } });
    expect((await world.admin.call('PATCH', `/accounts/${accountId}`, { disabled: true, role: 'admin' })).body).toMatchObject({ error: { code: 'invalid_input' } });
    expect((await world.admin.call('PATCH', '/accounts/no-such-account', { disabled: true })).body).toMatchObject({ error: { code: 'not_found' } });
    expect(sockets.every((socket) => socket.connected)).toBe(true);

    const disabled = await expectOk(world.admin.call('PATCH', `/accounts/${accountId}`, { disabled: true }));
    expect(disabled.body).toMatchObject({ accountId, disabled: true });

    for (const watch of watched) expect(await watch.settled()).toEqual(outWith('account_disabled'));
    expect(await connectError(app.url, { kind: 'staff', accessToken: phone.token })).toMatchObject({ data: { code: 'unauthenticated' } });
    expect((await world.api.post('/auth/login', { username: 'mediator3', password: 'third-password' })).status).toBe(401);

    await expectOk(world.admin.call('PATCH', `/accounts/${accountId}`, { disabled: false }));
    await world.api.login('mediator3', 'third-password');
  });

  it('logging out ends that session’s sockets only; the same account on another device stays', async () => {
    const phone = await world.api.login('judge');
    const desk = await world.api.login('judge');
    const phoneSocket = track(await staffSocket(app, phone));
    const deskSocket = track(await staffSocket(app, desk));
    const watchPhone = watchRevocation(phoneSocket);
    const watchDesk = watchRevocation(deskSocket);

    await expectOk(phone.post('/auth/logout', {}));

    expect(await watchPhone.settled()).toEqual(outWith('logged_out'));
    expect(await watchDesk.settled()).toMatchObject({ reason: undefined, connected: true });
    expect(await connectError(app.url, { kind: 'staff', accessToken: phone.token })).toMatchObject({ data: { code: 'unauthenticated' } });
  });
});

describe('across instances', () => {
  it('a revocation made through one instance disconnects the sockets on the other: a withdrawn link, a logout', async () => {
    const redis = await startRedis();
    redises.push(redis);
    const front = await startTestServer({ REDIS_URL: redis.url });
    extraApps.push(front);
    const back = await startTestServer({ REDIS_URL: redis.url });
    extraApps.push(back);
    const frontWorld = await World.create(front);
    const resident = await frontWorld.referredCase();
    const socket = track(await residentSocket(back, resident.residentToken));
    const watch = watchRevocation(socket);

    await expectOk(frontWorld.mediator.delete(`/cases/${resident.caseId}/invitations/${resident.invitationId}`));

    expect(await watch.settled()).toEqual(outWith('invitation_withdrawn'));

    // Not tied to a case either: a logout through one instance ends that session's socket on the other.
    const judge = await frontWorld.api.login('judge');
    const judgeSocket = track(await staffSocket(back, judge));
    const watchJudge = watchRevocation(judgeSocket);
    await expectOk(judge.post('/auth/logout', {}));
    expect(await watchJudge.settled()).toEqual(outWith('logged_out'));
  });
});

