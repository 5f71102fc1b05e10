import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { hearingAnswers } from '../helpers/hearing.ts';
import { expectAck, residentSocket, residentToWaiting, staffSocket, withSocketWorld } from '../helpers/room-fixture.ts';
import { waitUntil } from '../helpers/processes.ts';
import { send } from '../helpers/signaling-client.ts';
import { signedCaseIn, type Signed } from '../helpers/signed-case.ts';
import { expectOk, type World } from '../helpers/world.ts';

/*
 * The verification hearing in the room, over real sockets: the routed judge hosts it; the mediator
 * may attend but not run it; another judge of the court may not enter; a mediation room left open
 * gives way to the hearing.
 */

let app: RunningApp;
let world: World;
const track = withSocketWorld((started, created) => {
  app = started;
  world = created;
});

async function connect(kind: 'staff' | 'resident', credential: { token?: string | undefined } | string): Promise<Socket> {
  const socket = kind === 'staff' ? await staffSocket(app, credential as { token?: string }) : await residentSocket(app, credential as string);
  track(socket);
  return socket;
}

/** Signed, applied for by both, accepted by the demo judge. */
async function acceptedApplication(options: Parameters<typeof signedCaseIn>[1] = {}): Promise<Signed> {
  const s = await signedCaseIn(world, options);
  const apply = { electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } };
  await expectOk(s.applicant.post(`/cases/${s.caseId}/confirmation/apply`, apply));
  await expectOk(s.respondent.post(`/cases/${s.caseId}/confirmation/apply`, apply));
  // With a second judge in the court, routing may pick them; keep every case with the demo judge.
  const judgeId = await world.accountId('judge');
  if ((await app.services.cases.get(s.caseId))!.confirmation!.judgeId !== judgeId) await expectOk(world.admin.post(`/cases/${s.caseId}/confirmation/reassign`, { judgeId }));
  await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/accept`));
  return s;
}

const code = (reply: { ok: boolean; error?: { code: string } }) => (reply.ok ? 'ok' : reply.error!.code);

describe('the verification hearing room', () => {
  it('is hosted by the routed judge alone: the mediator attends without running it, another judge stays out', async () => {
    const s = await acceptedApplication();
    const mediator = await connect('staff', world.mediator);
    expect(code(await send(mediator, 'room:enter', { caseId: s.caseId }))).toBe('not_found');
    const scheduled = await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: '2026-12-01T01:00:00.000Z' }));
    const sessionId = scheduled.body.sessions.find((x: { kind: string }) => x.kind === 'hearing').sessionId as string;

    // The mediator arrives first: in, as a member, but the hearing has not started and is not theirs to run.
    const early = await expectAck(send(mediator, 'room:enter', { caseId: s.caseId }));
    expect(early.data).toMatchObject({ kind: 'hearing', host: false, started: false, sessionId });
    expect(code(await send(mediator, 'room:joinMedia', {}))).toBe('conflict');

    await expectOk(world.admin.post('/accounts', { username: 'judge-c', password: 'judge-c-password', displayName: '孙法官', role: 'judge', courtId: 'gaomi-court' }));
    const otherJudge = await connect('staff', await world.api.login('judge-c', 'judge-c-password'));
    expect(code(await send(otherJudge, 'room:enter', { caseId: s.caseId }))).toBe('forbidden');

    const judge = await connect('staff', world.judge);
    const opened = await expectAck(send(judge, 'room:enter', { caseId: s.caseId }));
    expect(opened.data).toMatchObject({ kind: 'hearing', host: true, started: true });
    expect((await app.services.cases.get(s.caseId))!.sessions.find((x) => x.sessionId === sessionId)!.status).toBe('live');

    const applicant = await connect('resident', s.applicantToken);
    await residentToWaiting(applicant, s.applicantName, s.applicantIdLast4);
    const applicantKey = `p:${s.applicantId}`;
    for (const event of ['room:admit', 'room:decline', 'room:remove']) expect(code(await send(mediator, event, { memberKey: applicantKey })), event).toBe('forbidden');
    expect(code(await send(mediator, 'room:lock', { locked: true }))).toBe('forbidden');
    expect(code(await send(mediator, 'room:end', {}))).toBe('forbidden');
    // Nothing of those refusals reached the log.
    expect((await app.services.cases.get(s.caseId))!.sessions.find((x) => x.sessionId === sessionId)!.attendedParticipantIds).toEqual([]);

    await expectAck(send(judge, 'room:admit', { memberKey: applicantKey, identityConfirmedOnCamera: false }));
    await expectAck(send(judge, 'room:mute', { memberKey: `a:${await world.accountId('mediator')}`, muted: true }));
    expect(code(await send(judge, 'room:allowSpeak', { memberKey: `a:${await world.accountId('judge')}`, allowed: false }))).toBe('illegal_transition');
    const admitted = (await app.services.cases.load(s.caseId)).events.filter((e) => e.type === 'room.admitted');
    expect(admitted.map((e) => e.actor)).toEqual([expect.objectContaining({ accountId: await world.accountId('judge') })]);

    // With one party only, there is no hearing to record.
    const alone = await world.judge.post(`/cases/${s.caseId}/confirmation/hearing`, { sessionId, answers: hearingAnswers(s), notes: '' });
    expect(alone.status).toBe(409);

    const ended = new Promise((resolve) => applicant.once('room:ended', resolve));
    await expectAck(send(judge, 'room:end', {}));
    await ended;
    expect((await app.services.cases.get(s.caseId))!.sessions.find((x) => x.sessionId === sessionId)!.status).toBe('ended');
  });

  it('replaces a mediation room left open: its members are told it ended, and its session ends in the log', async () => {
    let mediationRoom: Socket | undefined;
    const s = await acceptedApplication({
      afterAccept: async (caseId) => {
        // The mediator opens the room on the spot and never ends it.
        mediationRoom = await connect('staff', world.mediator);
        await expectAck(send(mediationRoom, 'room:enter', { caseId }));
      },
    });
    const before = (await app.services.cases.get(s.caseId))!;
    const mediationSession = before.sessions.find((x) => x.status === 'live')!;
    expect(mediationSession.kind).toBe('mediation');
    await expectOk(world.judge.post(`/cases/${s.caseId}/confirmation/hearing/schedule`, { startsAt: '2026-12-01T01:00:00.000Z' }));

    const told = new Promise((resolve) => mediationRoom!.once('room:ended', resolve));
    const judge = await connect('staff', world.judge);
    const opened = await expectAck(send(judge, 'room:enter', { caseId: s.caseId }));
    expect(opened.data).toMatchObject({ kind: 'hearing', host: true, started: true });
    await told;
    const after = await waitUntil(async () => {
      const state = (await app.services.cases.get(s.caseId))!;
      return state.sessions.find((x) => x.sessionId === mediationSession.sessionId)!.status === 'ended' ? state : undefined;
    }, { what: 'the stale mediation session to end' });
    expect(after.sessions.filter((x) => x.status === 'live').map((x) => x.kind)).toEqual(['hearing']);
  });
});
