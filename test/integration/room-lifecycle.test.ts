import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { RoomSnapshot } from '../../server/protocol/room.ts';
import { waitUntil } from '../helpers/processes.ts';
import { roomWithEveryone as admittedRoom, chatHeardBy, expectAck, lastState, residentSocket, roomCast, staffSocket, withSocketWorld } from '../helpers/room-fixture.ts';
import { connectError, send } from '../helpers/signaling-client.ts';
import type { World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;
// A short grace period so expiry can be watched; two workers so a dead one can be replaced by a live one.
const track = withSocketWorld((started, created) => {
  app = started;
  world = created;
}, { ROOM_RECONNECT_GRACE_SECONDS: '5', MEDIA_WORKERS: '2' });

/** Mediator in, both residents admitted. */
const roomWithEveryone = () => admittedRoom(world, { mediator: app }, track);

describe('entering', () => {
  it('walks a resident from entering through declaration and identity to waiting, and records it in the case log', async () => {
    const cast = await roomCast(world);
    const resident = track(await residentSocket(app, cast.applicant.residentToken));
    const entered = await expectAck(send(resident, 'room:enter', {}));
    expect(entered.data).toMatchObject({ started: false, self: { admission: 'entering', role: 'party', side: 'applicant' } });
    const wrong = await send(resident, 'room:verifyIdentity', { name: '张三', idLast4: '1234' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expectAck(send(resident, 'room:declare', { noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent: true }));
    expect(await send(resident, 'room:verifyIdentity', { name: '张三', idLast4: '002x' })).toMatchObject({ ok: true, data: { identity: 'verified' } });
    expect(app.roomService.liveRoom(cast.caseId)!.state.members[cast.applicantKey]!.admission).toBe('waiting');

    const mediator = track(await staffSocket(app, world.mediator));
    const view = await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
    expect(view.data).toMatchObject({ started: true, members: [{ key: cast.applicantKey, admission: 'waiting', identity: 'verified' }] });
    const types = (await app.services.cases.load(cast.caseId)).events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['room.declaration_accepted', 'room.identity_checked', 'session.started']));
  });

  it('releases the media peer of a resident checked on camera once the host declines them', async () => {
    const cast = await roomCast(world);
    const mediator = track(await staffSocket(app, world.mediator));
    await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
    const resident = track(await residentSocket(app, cast.respondentToken));
    await expectAck(send(resident, 'room:enter', {}));
    await expectAck(send(resident, 'room:declare', { noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent: false }));
    await expectAck(send(resident, 'room:verifyIdentity', { confirmByMediator: true }));
    const joined = await expectAck(send(resident, 'room:joinMedia', {}));
    const live = app.roomService.liveRoom(cast.caseId)!;
    const peer = live.peers.get(cast.respondentKey)!;
    expect(peer.id).toBe(joined.data.peerId);
    await expectAck(send(mediator, 'room:decline', { memberKey: cast.respondentKey }));
    expect(live.peers.has(cast.respondentKey)).toBe(false);
    expect(peer.isClosed).toBe(true);
  });

  it('refuses a locked room to residents, and the mediator of another organisation always', async () => {
    const cast = await roomCast(world);
    const mediator = track(await staffSocket(app, world.mediator));
    await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
    await expectAck(send(mediator, 'room:lock', { locked: true }));
    const resident = track(await residentSocket(app, cast.applicant.residentToken));
    expect(await send(resident, 'room:enter', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stranger = track(await staffSocket(app, world.otherMediator));
    expect(await send(stranger, 'room:enter', { caseId: cast.caseId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('in the room', () => {
  it('keeps chat of a caucus away from the side held apart, both ways', async () => {
    const { mediator, applicant, respondent } = await roomWithEveryone();
    const atApplicant = chatHeardBy(applicant);
    const atRespondent = chatHeardBy(respondent);
    const atMediator = chatHeardBy(mediator);
    await expectAck(send(mediator, 'chat:send', { text: '大家好' }));
    await expectAck(send(mediator, 'caucus:start', { side: 'applicant' }));
    await expectAck(send(mediator, 'chat:send', { text: '单独和申请人说' }));
    await expectAck(send(respondent, 'chat:send', { text: '被申请人自言自语' }));
    await expectAck(send(mediator, 'caucus:end', {}));
    await expectAck(send(applicant, 'chat:send', { text: '结束后大家都能看到' }));
    await waitUntil(() => atRespondent.includes('结束后大家都能看到') || undefined, { what: 'the last chat line' });
    expect(atApplicant).toEqual(['大家好', '单独和申请人说', '结束后大家都能看到']);
    expect(atRespondent).toEqual(['大家好', '被申请人自言自语', '结束后大家都能看到']);
    expect(atMediator).toEqual(['大家好', '单独和申请人说', '结束后大家都能看到']);
  });

  it('tells the held-apart side it is held apart, and shows it nobody of the caucus', async () => {
    const { cast, mediator, respondent } = await roomWithEveryone();
    const respondentView = lastState(respondent);
    await expectAck(send(mediator, 'caucus:start', { side: 'applicant' }));
    await waitUntil(() => respondentView()?.caucus?.side === 'applicant' || undefined, { what: 'the caucus to reach the respondent' });
    expect(respondentView()).toMatchObject({ inCaucusAudience: false, members: [] });
    void cast;
  });

  it('versions the minutes and lets each party confirm the shared version', async () => {
    const { cast, mediator, applicant } = await roomWithEveryone();
    expect(await send(mediator, 'minutes:save', { text: '双方到场。', baseVersion: 0 })).toMatchObject({ ok: true, data: { version: 1 } });
    expect(await send(mediator, 'minutes:save', { text: '并发修改', baseVersion: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(applicant, 'minutes:confirm', { version: 1 })).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
    await expectAck(send(mediator, 'minutes:share', { shared: true }));
    await expectAck(send(applicant, 'minutes:confirm', { version: 1 }));
    const state = await app.services.cases.get(cast.caseId);
    expect(state!.minutes).toMatchObject({ version: 1, shared: true, confirmedBy: { [cast.applicant.participantId]: 1 } });
  });

  it('removes a resident for good: the socket is closed and the link no longer opens the room', async () => {
    const { cast, mediator, respondent } = await roomWithEveryone();
    const removed = new Promise((resolve) => respondent.once('room:removed', resolve));
    await expectAck(send(mediator, 'room:remove', { memberKey: cast.respondentKey }));
    await removed;
    await waitUntil(() => !respondent.connected || undefined, { what: 'the removed socket to close' });
    expect((await connectError(app.url, { kind: 'resident', residentToken: cast.respondentToken })).data).toMatchObject({ code: 'unauthenticated' });
  });
});

describe('dropped connections and lost media servers', () => {
  it('restores a resident who comes back within the grace period, same admission and same media peer', async () => {
    const { cast, applicant } = await roomWithEveryone();
    const joined = await expectAck(send(applicant, 'room:joinMedia', {}));
    applicant.close();
    await waitUntil(() => app.roomService.liveRoom(cast.caseId)!.state.members[cast.applicantKey]!.online === false || undefined, { what: 'the drop to be noticed' });
    const back = track(await residentSocket(app, cast.applicant.residentToken));
    const entered = await expectAck(send(back, 'room:enter', {}));
    expect((entered.data as unknown as RoomSnapshot).self.admission).toBe('admitted');
    expect(await send(back, 'room:joinMedia', { resumePeerId: joined.data.peerId })).toMatchObject({ ok: true, data: { peerId: joined.data.peerId, resumed: true } });
  });

  it('a mediator alone in the room who comes back on a new page gets media once, not a reset over and over', async () => {
    const cast = await roomCast(world);
    const first = track(await staffSocket(app, world.mediator));
    await expectAck(send(first, 'room:enter', { caseId: cast.caseId }));
    const firstPeer = (await expectAck(send(first, 'room:joinMedia', {}))).data.peerId;
    first.close();
    await waitUntil(() => app.roomService.liveRoom(cast.caseId)?.connections.size === 0 || undefined, { what: 'the first page to be gone' });

    // A new page knows no peer id to resume: its peer replaces the one kept for the grace period.
    const again = track(await staffSocket(app, world.mediator));
    const resets: unknown[] = [];
    again.on('media:reset', () => resets.push(1));
    await expectAck(send(again, 'room:enter', { caseId: cast.caseId }));
    const peerId = (await expectAck(send(again, 'room:joinMedia', {}))).data.peerId;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(peerId).not.toBe(firstPeer);
    expect(resets).toEqual([]);
    // The new peer is the room's, in a media room that is open.
    expect(app.roomService.liveRoom(cast.caseId)!.peers.get(cast.mediatorKey)?.id).toBe(peerId);
    expect(app.roomService.liveRoom(cast.caseId)!.media?.isClosed).toBe(false);
  });

  it('sends a resident back to the entrance after the grace period', async () => {
    const { cast, respondent } = await roomWithEveryone();
    respondent.close();
    await waitUntil(() => app.roomService.liveRoom(cast.caseId)!.state.members[cast.respondentKey]!.admission === 'entering' || undefined, {
      timeoutMs: 10_000,
      what: 'the grace period to run out',
    });
    const back = track(await residentSocket(app, cast.respondentToken));
    const entered = await expectAck(send(back, 'room:enter', {}));
    expect(entered.data.self).toMatchObject({ admission: 'entering', identity: 'unchecked' });
    // On record: the respondent is no longer present in this session; the applicant still is.
    const gone = (await app.services.cases.load(cast.caseId)).events.filter((e) => e.type === 'room.left');
    expect(gone.map((e) => e.data)).toEqual([expect.objectContaining({ memberKey: cast.respondentKey, reason: 'connection_lost' })]);
    expect(gone[0]!.actor).toEqual({ kind: 'system' });
    const session = (await app.services.cases.get(cast.caseId))!.sessions.find((x) => x.status === 'live')!;
    expect(session.presentParticipantIds).toEqual([cast.applicantKey.slice(2)]);
    expect(session.attendedParticipantIds.sort()).toEqual([cast.applicantKey.slice(2), cast.respondentKey.slice(2)].sort());
  });

  it('puts a resident who leaves on purpose on record as gone, and nobody else', async () => {
    const { cast, mediator, applicant } = await roomWithEveryone();
    await expectAck(send(applicant, 'room:leave', {}));
    await expectAck(send(mediator, 'room:leave', {}));
    const gone = (await app.services.cases.load(cast.caseId)).events.filter((e) => e.type === 'room.left');
    expect(gone.map((e) => e.data)).toEqual([expect.objectContaining({ memberKey: cast.applicantKey, reason: 'left' })]);
    expect(gone[0]!.actor).toMatchObject({ kind: 'resident' });
  });

  it('moves the room to a live worker when its worker dies, and members set media up again', async () => {
    const { cast, mediator, applicant } = await roomWithEveryone();
    await expectAck(send(mediator, 'room:joinMedia', {}));
    await expectAck(send(applicant, 'room:joinMedia', {}));
    const lostMedia = app.roomService.liveRoom(cast.caseId)!.media!;
    const resets = [new Promise((resolve) => mediator.once('media:reset', resolve)), new Promise((resolve) => applicant.once('media:reset', resolve))];
    process.kill(lostMedia.workerPid, 'SIGKILL');
    await Promise.all(resets);
    await waitUntil(() => app.pool.size === 2 || undefined, { what: 'a replacement worker' });
    const rejoined = await expectAck(send(applicant, 'room:joinMedia', {}));
    expect(rejoined.data.resumed).toBe(false);
    const media = app.roomService.liveRoom(cast.caseId)!.media!;
    expect(media.isClosed).toBe(false);
    expect(media.workerPid).not.toBe(lostMedia.workerPid);
  });
});
