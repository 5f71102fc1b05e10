import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import type { RoomSnapshot } from '../../server/protocol/room.ts';
import { expectAck, residentSocket, residentToWaiting, roomCast, staffSocket, type RoomCast, withSocketWorld } from '../helpers/room-fixture.ts';
import { send } from '../helpers/signaling-client.ts';
import { expectOk, type World } from '../helpers/world.ts';

/*
 * What a resident at the door and a side held apart during a caucus learn, over real sockets with
 * a real mediasoup worker: every event their sockets receive is recorded while the others talk,
 * write, toggle their media and draft the agreement, and checked against what they may know
 * (a whitelist of events and of what each may carry, not a list of leaks).
 */

let app: RunningApp;
let world: World;
const track = withSocketWorld((started, created) => {
  app = started;
  world = created;
});

type Received = Array<{ event: string; payload: any }>;

function record(socket: Socket): Received {
  const received: Received = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  return received;
}

/**
 * Everything the server pushed to `socket` before this returns has arrived: one connection's
 * messages keep their order, and a request a resident may not make changes nothing.
 */
async function settled(socket: Socket): Promise<void> {
  await send(socket, 'caucus:end', {});
}

interface Media {
  peerId: string;
  microphone: string;
  camera: string;
}

let ssrc = 10_000;

/** Joins media and sends a microphone and a camera (RTP parameters only: no packets are needed to be seen). */
async function sendMedia(socket: Socket): Promise<Media> {
  const joined = await expectAck(send(socket, 'room:joinMedia', {}));
  await expectAck(send(socket, 'media:setCapabilities', { rtpCapabilities: joined.data.routerRtpCapabilities }));
  const transport = await expectAck(send(socket, 'transport:create', { direction: 'send' }));
  await expectAck(send(socket, 'transport:create', { direction: 'recv' }));
  const transportId = transport.data.transportId;
  const microphone = await expectAck(
    send(socket, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: ssrc++ }] } }),
  );
  const camera = await expectAck(
    send(socket, 'media:produce', { transportId, kind: 'video', source: 'camera', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: ssrc++ }] } }),
  );
  return { peerId: joined.data.peerId as string, microphone: microphone.data.producerId as string, camera: camera.data.producerId as string };
}

async function toggle(socket: Socket, media: Media): Promise<void> {
  for (const producerId of [media.camera, media.microphone]) {
    await expectAck(send(socket, 'producer:pause', { producerId }));
    await expectAck(send(socket, 'producer:resume', { producerId }));
  }
}

async function draftAgreement(cast: RoomCast): Promise<void> {
  await expectOk(
    world.mediator.call('PUT', `/cases/${cast.caseId}/agreement/draft`, {
      baseVersion: 0,
      draft: {
        templateId: 'debt',
        fields: { facts: '被申请人向申请人借款三万元，至今未还。', responsibilities: '被申请人应归还借款。' },
        obligations: [{ id: 'o1', obligorId: cast.respondentKey.slice(2), obligeeId: cast.applicant.participantId, act: '归还借款', amountFen: 3_000_000, deadline: '2027-03-31', method: '银行转账' }],
      },
    }),
  );
}

/** What the others do in the room while someone watches: talk, write, toggle media, mute, draft the agreement. */
async function othersCarryOn(cast: RoomCast, others: { mediator: Socket; applicant: Socket; judge: Socket }, media: { applicant: Media; judge?: Media }): Promise<void> {
  await expectAck(send(others.applicant, 'chat:send', { text: '申请人发言' }));
  await expectAck(send(others.mediator, 'chat:send', { text: '调解员发言' }));
  await expectAck(send(others.judge, 'chat:send', { text: '法官发言' }));
  const saved = await expectAck(send(others.mediator, 'minutes:save', { text: '申请人陈述借款经过。', baseVersion: 0 }));
  await expectAck(send(others.mediator, 'minutes:share', { shared: true }));
  await expectAck(send(others.mediator, 'minutes:save', { text: '申请人陈述借款经过，并出示借条。', baseVersion: saved.data.version as number }));
  await expectAck(send(others.mediator, 'room:allowSpeak', { memberKey: cast.judgeKey, allowed: true }));
  await toggle(others.applicant, media.applicant);
  if (media.judge) await toggle(others.judge, media.judge);
  await expectAck(send(others.mediator, 'room:mute', { memberKey: cast.applicantKey, muted: true }));
  await expectAck(send(others.mediator, 'room:mute', { memberKey: cast.applicantKey, muted: false }));
  await draftAgreement(cast);
}

/** The mediator and the judge in the room, the applicant admitted; the respondent not yet come. */
async function roomWithApplicantIn(): Promise<{ cast: RoomCast; mediator: Socket; judge: Socket; applicant: Socket }> {
  const cast = await roomCast(world);
  const mediator = track(await staffSocket(app, world.mediator));
  const judge = track(await staffSocket(app, world.judge));
  const applicant = track(await residentSocket(app, cast.applicant.residentToken));
  await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
  await expectAck(send(judge, 'room:enter', { caseId: cast.caseId }));
  await residentToWaiting(applicant, '张三', '002X');
  await expectAck(send(mediator, 'room:admit', { memberKey: cast.applicantKey }));
  return { cast, mediator, judge, applicant };
}

describe('a resident waiting at the door', () => {
  it('receives nothing about the room: no pushes at all while the others talk, write, toggle media and draft', async () => {
    const { cast, mediator, judge, applicant } = await roomWithApplicantIn();
    await sendMedia(mediator);
    const applicantMedia = await sendMedia(applicant);
    const judgeMedia = await sendMedia(judge);
    // Something said before the resident arrived is not theirs to read either.
    await expectAck(send(applicant, 'chat:send', { text: '到场前的发言' }));

    const respondent = track(await residentSocket(app, cast.respondentToken));
    const received = record(respondent);
    await residentToWaiting(respondent, '李四', '0011');
    await settled(respondent);
    const atTheDoor = received.filter((r) => r.event === 'room:state').at(-1)!.payload as RoomSnapshot;
    expect(atTheDoor).toMatchObject({ self: { key: cast.respondentKey, admission: 'waiting' }, members: [], chat: [], minutes: null, recordingAllowed: false });
    received.length = 0;

    await othersCarryOn(cast, { mediator, applicant, judge }, { applicant: applicantMedia, judge: judgeMedia });
    await settled(respondent);
    // Even a snapshot that says nothing new tells that something happened in the room.
    expect(received.map((r) => r.event)).toEqual([]);

    await expectAck(send(mediator, 'room:admit', { memberKey: cast.respondentKey }));
    await settled(respondent);
    const admitted = received.filter((r) => r.event === 'room:state').at(-1)!.payload as RoomSnapshot;
    expect(admitted.members.map((m) => m.key).sort()).toEqual([cast.applicantKey, cast.judgeKey, cast.mediatorKey].sort());
    expect(admitted.minutes).toMatchObject({ shared: true });
  });

  it('during the identity check on camera, learns of the host alone: no one else’s media, peers, chat or minutes', async () => {
    const { cast, mediator, judge, applicant } = await roomWithApplicantIn();
    const mediatorMedia = await sendMedia(mediator);
    const applicantMedia = await sendMedia(applicant);
    const judgeMedia = await sendMedia(judge);

    const respondent = track(await residentSocket(app, cast.respondentToken));
    const received = record(respondent);
    await expectAck(send(respondent, 'room:enter', {}));
    await expectAck(send(respondent, 'room:declare', { noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent: false }));
    await expectAck(send(respondent, 'room:verifyIdentity', { confirmByMediator: true }));
    await sendMedia(respondent);
    await othersCarryOn(cast, { mediator, applicant, judge }, { applicant: applicantMedia, judge: judgeMedia });
    await toggle(mediator, mediatorMedia);
    await settled(respondent);

    const hostProducers = new Set([mediatorMedia.microphone, mediatorMedia.camera]);
    for (const { event, payload } of received) {
      const where = `${event} ${JSON.stringify(payload).slice(0, 300)}`;
      switch (event) {
        case 'room:state':
          for (const m of payload.members) expect(m.key, where).toBe(cast.mediatorKey);
          expect(payload.chat, where).toEqual([]);
          expect(payload.minutes, where).toBeNull();
          expect(payload.recordingAllowed, where).toBe(false);
          break;
        case 'producer:added':
        case 'producer:paused':
        case 'producer:resumed':
          expect(payload.peerId, where).toBe(mediatorMedia.peerId);
          break;
        case 'producer:closed':
          expect(hostProducers.has(payload.producerId), where).toBe(true);
          break;
        case 'peer:joined':
        case 'peer:left':
        case 'speaker:active':
          expect(payload.peerId, where).toBe(mediatorMedia.peerId);
          break;
        default:
          expect.fail(`a waiting resident received ${where}`);
      }
    }
    // The host's media is what the check is for.
    expect(received.some((r) => r.event === 'producer:paused' && r.payload.peerId === mediatorMedia.peerId)).toBe(true);
    // Media of anyone else cannot be had for the asking either.
    for (const producerId of [applicantMedia.camera, applicantMedia.microphone, judgeMedia.camera]) {
      expect(await send(respondent, 'media:consume', { producerId }), producerId).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await send(respondent, 'media:consume', { producerId: mediatorMedia.camera })).toMatchObject({ ok: true });
  });
});

describe('the side held apart during a caucus (背对背)', () => {
  it('learns nothing of the caucus: no media, toggles, peers, chat, minutes or agreement changes; all comes back when it ends', async () => {
    const cast = await roomCast(world);
    const mediator = track(await staffSocket(app, world.mediator));
    const judge = track(await staffSocket(app, world.judge));
    const applicant = track(await residentSocket(app, cast.applicant.residentToken));
    const respondent = track(await residentSocket(app, cast.respondentToken));
    await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
    await expectAck(send(judge, 'room:enter', { caseId: cast.caseId }));
    await residentToWaiting(applicant, '张三', '002X');
    await residentToWaiting(respondent, '李四', '0011');
    await expectAck(send(mediator, 'room:admit', { memberKey: cast.applicantKey }));
    await expectAck(send(mediator, 'room:admit', { memberKey: cast.respondentKey }));
    const mediatorMedia = await sendMedia(mediator);
    const applicantMedia = await sendMedia(applicant);
    const judgeMedia = await sendMedia(judge);
    const respondentMedia = await sendMedia(respondent);
    // The respondent receives everyone before the caucus.
    const othersProducers = [mediatorMedia, applicantMedia, judgeMedia].flatMap((m) => [m.microphone, m.camera]);
    for (const producerId of othersProducers) await expectAck(send(respondent, 'media:consume', { producerId }));
    await expectAck(send(mediator, 'chat:send', { text: '大家好' }));
    await settled(respondent);

    const received = record(respondent);
    await expectAck(send(mediator, 'caucus:start', { side: 'applicant' }));
    await settled(respondent);
    // Told it is held apart; its receivers of the others are closed, so nothing of them is left to watch.
    const heldApart = received.filter((r) => r.event === 'room:state').at(-1)!.payload as RoomSnapshot;
    expect(heldApart).toMatchObject({ inCaucusAudience: false, members: [], minutes: null });
    expect(heldApart.chat.map((m) => m.text)).toEqual(['大家好']);
    expect(received.filter((r) => r.event === 'consumer:closed')).toHaveLength(othersProducers.length);
    expect(received.map((r) => r.event).filter((e) => e !== 'room:state' && e !== 'consumer:closed')).toEqual([]);
    received.length = 0;

    await othersCarryOn(cast, { mediator, applicant, judge }, { applicant: applicantMedia, judge: judgeMedia });
    await toggle(mediator, mediatorMedia);
    // What the respondent does on its own side reaches only its own side.
    await expectAck(send(respondent, 'chat:send', { text: '被申请人自言自语' }));
    await toggle(respondent, respondentMedia);
    await settled(respondent);
    expect(received.map((r) => `${r.event} ${JSON.stringify(r.payload)}`)).toEqual([expect.stringMatching(/^chat:message .*被申请人自言自语/)]);
    for (const producerId of othersProducers) {
      expect(await send(respondent, 'media:consume', { producerId }), producerId).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }

    // And the caucus side hears nothing of the respondent meanwhile.
    received.length = 0;
    await expectAck(send(mediator, 'caucus:end', {}));
    await settled(respondent);
    const restored = received.filter((r) => r.event === 'room:state').at(-1)!.payload as RoomSnapshot;
    expect(restored.inCaucusAudience).toBe(true);
    expect(restored.members.map((m) => m.key).sort()).toEqual([cast.applicantKey, cast.judgeKey, cast.mediatorKey].sort());
    expect(restored.minutes).toMatchObject({ text: '申请人陈述借款经过，并出示借条。' });
    expect(restored.chat.map((m) => m.text)).toEqual(['大家好', '被申请人自言自语']);
    // What changed meanwhile is offered again: the others' media, and the agreement to fetch.
    const offered = received.filter((r) => r.event === 'producer:added').map((r) => r.payload.producerId as string);
    expect(offered.sort()).toEqual([...othersProducers].sort());
    expect(received.some((r) => r.event === 'agreement:updated')).toBe(true);
    for (const producerId of othersProducers) await expectAck(send(respondent, 'media:consume', { producerId }));
  });

  it('is not shown to the caucus side either: the applicant side learns nothing of the respondent while held apart', async () => {
    const cast = await roomCast(world);
    const mediator = track(await staffSocket(app, world.mediator));
    const applicant = track(await residentSocket(app, cast.applicant.residentToken));
    const respondent = track(await residentSocket(app, cast.respondentToken));
    await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
    await residentToWaiting(applicant, '张三', '002X');
    await residentToWaiting(respondent, '李四', '0011');
    await expectAck(send(mediator, 'room:admit', { memberKey: cast.applicantKey }));
    await expectAck(send(mediator, 'room:admit', { memberKey: cast.respondentKey }));
    await sendMedia(mediator);
    await sendMedia(applicant);
    const respondentMedia = await sendMedia(respondent);
    await expectAck(send(mediator, 'caucus:start', { side: 'applicant' }));
    await settled(applicant);

    const received = record(applicant);
    await toggle(respondent, respondentMedia);
    await expectAck(send(respondent, 'chat:send', { text: '被申请人自言自语' }));
    await settled(applicant);
    expect(received).toEqual([]);
    for (const producerId of [respondentMedia.camera, respondentMedia.microphone]) {
      expect(await send(applicant, 'media:consume', { producerId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});

describe('judges in the room', () => {
  it('enter only where they may read the case over HTTP', async () => {
    await expectOk(world.admin.post('/courts', { courtId: 'anqiu-court', name: '安丘市人民法院', areaCodes: ['370784'] })).catch(() => undefined);
    await expectOk(world.admin.post('/accounts', { username: 'judge-anqiu', password: 'judge-anqiu-password', displayName: '周法官', role: 'judge', courtId: 'anqiu-court' }));
    const otherCourtJudge = await world.api.login('judge-anqiu', 'judge-anqiu-password');

    // A case the court referred, with its session open; and a case of the court's area it never saw.
    const referred = await roomCast(world);
    const unreferred = await world.otherOrgCase();
    const mediator = track(await staffSocket(app, world.mediator));
    const otherMediator = track(await staffSocket(app, world.otherMediator));
    await expectAck(send(mediator, 'room:enter', { caseId: referred.caseId }));
    await expectAck(send(otherMediator, 'room:enter', { caseId: unreferred.caseId }));

    for (const [who, client] of [['the referring court’s judge', world.judge], ['a judge of another court', otherCourtJudge]] as const) {
      for (const caseId of [referred.caseId, unreferred.caseId]) {
        const readable = (await client.get(`/cases/${caseId}`)).status === 200;
        const socket = track(await staffSocket(app, client));
        const before = JSON.stringify(app.roomService.liveRoom(caseId)?.state);
        const reply = await send(socket, 'room:enter', { caseId });
        expect(reply.ok, `${who} entering ${caseId === referred.caseId ? 'the referred case' : 'a case never referred'}: ${JSON.stringify(reply)}`).toBe(readable);
        if (!reply.ok) {
          expect(reply.error.code).toBe('forbidden');
          expect(JSON.stringify(app.roomService.liveRoom(caseId)?.state), 'a refused judge changed the room').toBe(before);
        }
      }
    }
    expect((await world.judge.get(`/cases/${referred.caseId}`)).status).toBe(200);
    expect((await world.judge.get(`/cases/${unreferred.caseId}`)).status).toBe(404);
  });
});
