import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { requests, type RequestName } from '../../server/protocol/index.ts';
import { connectError, send } from '../helpers/signaling-client.ts';
import { expectAck, residentSocket, residentToWaiting, roomCast, staffSocket, type RoomCast } from '../helpers/room-fixture.ts';
import { startTestServer } from '../helpers/server.ts';
import { World } from '../helpers/world.ts';

type Role = 'residentOfOtherCase' | 'applicant' | 'judge' | 'otherMediator' | 'mediator';
/** The mediator goes last: some of its allowed actions (ending the session) change what others could do. */
const ROLES: Role[] = ['residentOfOtherCase', 'applicant', 'judge', 'otherMediator', 'mediator'];

const DENIED = new Set(['forbidden', 'not_found', 'unauthenticated']);

interface Row {
  event: string;
  payload: (cast: RoomCast) => unknown;
  allowed: Role[];
  /** Something the role does first (joining media before a media request). */
  prep?: string;
}

const mediatorOnly: Role[] = ['mediator'];
const admitted: Role[] = ['applicant', 'judge', 'mediator'];

const rows: Row[] = [
  { event: 'room:enter', payload: (c) => ({ caseId: c.caseId }), allowed: admitted },
  { event: 'room:declare', payload: () => ({ noRecordingDeclared: true, falseMediationWarningRead: true, recordingConsent: true }), allowed: ['applicant'] },
  { event: 'room:verifyIdentity', payload: () => ({ name: '张三', idLast4: '002X' }), allowed: ['applicant'] },
  { event: 'room:admit', payload: (c) => ({ memberKey: c.respondentKey }), allowed: mediatorOnly },
  { event: 'room:decline', payload: (c) => ({ memberKey: c.respondentKey }), allowed: mediatorOnly },
  { event: 'room:remove', payload: (c) => ({ memberKey: c.respondentKey }), allowed: mediatorOnly },
  { event: 'room:lock', payload: () => ({ locked: true }), allowed: mediatorOnly },
  { event: 'room:mute', payload: (c) => ({ memberKey: c.applicantKey, muted: true }), allowed: mediatorOnly },
  { event: 'room:askUnmute', payload: (c) => ({ memberKey: c.applicantKey }), allowed: mediatorOnly },
  { event: 'room:allowSpeak', payload: (c) => ({ memberKey: c.judgeKey, allowed: true }), allowed: mediatorOnly },
  { event: 'caucus:start', payload: () => ({ side: 'applicant' }), allowed: mediatorOnly },
  { event: 'caucus:end', payload: () => ({}), allowed: mediatorOnly },
  { event: 'chat:send', payload: () => ({ text: '您好' }), allowed: admitted },
  { event: 'minutes:save', payload: () => ({ text: '双方到场，陈述事实。', baseVersion: 0 }), allowed: mediatorOnly },
  { event: 'minutes:share', payload: () => ({ shared: true }), allowed: mediatorOnly },
  { event: 'minutes:confirm', payload: () => ({ version: 1 }), allowed: ['applicant'] },
  { event: 'room:joinMedia', payload: () => ({}), allowed: admitted },
  { event: 'transport:create', payload: () => ({ direction: 'recv' }), allowed: admitted, prep: 'room:joinMedia' },
  { event: 'media:consume', payload: () => ({ producerId: 'none' }), allowed: admitted, prep: 'room:joinMedia' },
  { event: 'room:join', payload: () => ({ roomId: 'dev', displayName: 'x' }), allowed: [] },
  { event: 'room:leave', payload: () => ({}), allowed: admitted },
  { event: 'room:end', payload: () => ({}), allowed: mediatorOnly },
];

let app: RunningApp;
let world: World;
const sockets: Socket[] = [];

beforeAll(async () => {
  // The garbage test sends some 150 requests down one socket: the per-socket rate limit is not what it tests.
  app = await startTestServer({ SOCKET_REQUEST_BURST: '1000' });
  world = await World.create(app);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await app?.close();
});

/** A fresh room: mediator in (session started), judge in, applicant waiting then admitted, respondent waiting; and a resident of another case. */
async function freshRoom(): Promise<{ cast: RoomCast; sockets: Record<Role, Socket> }> {
  const cast = await roomCast(world);
  const other = await world.otherOrgCase();
  const byRole: Record<Role, Socket> = {
    mediator: await staffSocket(app, world.mediator),
    judge: await staffSocket(app, world.judge),
    otherMediator: await staffSocket(app, world.otherMediator),
    applicant: await residentSocket(app, cast.applicant.residentToken),
    residentOfOtherCase: await residentSocket(app, other.residentToken),
  };
  const respondent = await residentSocket(app, cast.respondentToken);
  sockets.push(...Object.values(byRole), respondent);
  await expectAck(send(byRole.mediator, 'room:enter', { caseId: cast.caseId }));
  await expectAck(send(byRole.judge, 'room:enter', { caseId: cast.caseId }));
  await residentToWaiting(byRole.applicant, '张三', '002X');
  await expectAck(send(byRole.mediator, 'room:admit', { memberKey: cast.applicantKey }));
  await residentToWaiting(respondent, '李四', '0011');
  return { cast, sockets: byRole };
}

describe('every room event from every kind of caller', () => {
  it.each(rows.map((row) => [row.event, row] as const))('%s', async (_event, row) => {
    const { cast, sockets: byRole } = await freshRoom();
    for (const role of ROLES) {
      if (row.prep) await send(byRole[role], row.prep, {});
      const before = JSON.stringify(app.roomService.liveRoom(cast.caseId)?.state);
      const reply = await send(byRole[role], row.event, row.payload(cast));
      const denied = !reply.ok && DENIED.has(reply.error.code);
      expect(denied ? 'denied' : 'allowed', `${row.event} as ${role}: ${JSON.stringify(reply)}`).toBe(row.allowed.includes(role) ? 'allowed' : 'denied');
      if (denied) expect(JSON.stringify(app.roomService.liveRoom(cast.caseId)?.state), `${role} changed the room`).toBe(before);
    }
  });

  it('refuses sockets without valid credentials before any event', async () => {
    const cast = await roomCast(world);
    expect((await connectError(app.url, {})).data).toMatchObject({ code: 'unauthenticated' });
    expect((await connectError(app.url, { kind: 'staff', accessToken: 'x'.repeat(40) })).data).toMatchObject({ code: 'unauthenticated' });
    expect((await connectError(app.url, { kind: 'resident', residentToken: cast.applicant.invitationToken })).data).toMatchObject({ code: 'unauthenticated' });
    await world.mediator.delete(`/cases/${cast.caseId}/invitations/${cast.applicant.invitationId}`);
    expect((await connectError(app.url, { kind: 'resident', residentToken: cast.applicant.residentToken })).data).toMatchObject({ code: 'unauthenticated' });
  });

  it('answers malformed payloads with typed errors, stays up, and leaves the room as it was', async () => {
    const { cast, sockets: byRole } = await freshRoom();
    const before = JSON.stringify(app.roomService.liveRoom(cast.caseId)!.state);
    const garbage: unknown[] = [undefined, null, 42, 'text', [], { memberKey: 7 }, { memberKey: 'a:'.padEnd(200, 'x') }, { side: 'both' }, { text: 'x'.repeat(80_000) }, { version: -1 }];
    // Requests without required fields (enter, leave, end…) accept an empty payload, so they are not garbage-tested (test/unit/empty-requests.test.ts covers their extra fields).
    const withFields = rows.filter((row) => !requests[row.event as RequestName].request.safeParse({}).success);
    expect(withFields.length).toBeGreaterThan(10);
    for (const row of withFields) {
      for (const payload of garbage) {
        const reply = await send(byRole.mediator, row.event, payload);
        expect(reply.ok, `${row.event} accepted ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(false);
        if (!reply.ok) expect(['invalid_input', 'payload_too_large']).toContain(reply.error.code);
      }
    }
    expect(byRole.mediator.connected).toBe(true);
    expect(JSON.stringify(app.roomService.liveRoom(cast.caseId)!.state)).toBe(before);
    expect((await send(byRole.mediator, 'room:lock', { locked: true })).ok, 'the server still serves').toBe(true);
  });
});
