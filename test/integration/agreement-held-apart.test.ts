import { describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { expectAck, residentSocket, residentToWaiting, roomCast, staffSocket, withSocketWorld } from '../helpers/room-fixture.ts';
import { send } from '../helpers/signaling-client.ts';
import { expectOk, type World } from '../helpers/world.ts';

/*
 * The draft agreement over HTTP follows the room's rule while a session is live: a resident reads
 * it only when admitted and not held apart by a caucus. (A text sent for signature is no longer a
 * draft: both sides sign the same words, so they read it wherever they are.) Otherwise a party waiting at the door, or
 * the side outside a 背对背 caucus, could read what the mediator drafts with the other side by
 * opening the agreement page beside the room.
 */

let app: RunningApp;
let world: World;
const track = withSocketWorld((started, created) => {
  app = started;
  world = created;
});

describe('the draft agreement while a session is live', () => {
  it('is read only by residents who follow the room: not at the door, not held apart, again once the caucus or the session ends', async () => {
    const cast = await roomCast(world);
    const respondentId = cast.respondentKey.slice(2);
    await expectOk(
      world.mediator.call('PUT', `/cases/${cast.caseId}/agreement/draft`, {
        baseVersion: 0,
        draft: {
          templateId: 'debt',
          fields: { facts: '被申请人向申请人借款三万元。', responsibilities: '被申请人应归还借款。' },
          obligations: [{ id: 'o1', obligorId: respondentId, obligeeId: cast.applicant.participantId, act: '归还借款', amountFen: 3_000_000, deadline: '2027-03-31', method: '银行转账' }],
        },
      }),
    );
    const applicantApi = world.api.as(cast.applicant.residentToken);
    const respondentApi = world.api.as(cast.respondentToken);
    const read = async (api: typeof applicantApi) => {
      const res = await api.get(`/cases/${cast.caseId}/agreement`);
      return res.status === 200 ? 'reads' : `${res.status} ${res.body.error?.reason ?? res.body.error?.code}`;
    };
    expect(await read(applicantApi)).toBe('reads');

    const mediator = track(await staffSocket(app, world.mediator));
    const applicant = track(await residentSocket(app, cast.applicant.residentToken));
    const respondent = track(await residentSocket(app, cast.respondentToken));
    await expectAck(send(mediator, 'room:enter', { caseId: cast.caseId }));
    await residentToWaiting(applicant, '张三', '002X');
    // Waiting at the door of the live session.
    expect(await read(applicantApi)).toBe('403 held_apart');
    // Not in the room at all while it is live.
    expect(await read(respondentApi)).toBe('403 held_apart');

    await expectAck(send(mediator, 'room:admit', { memberKey: cast.applicantKey }));
    await residentToWaiting(respondent, '李四', '0011');
    await expectAck(send(mediator, 'room:admit', { memberKey: cast.respondentKey }));
    expect(await read(applicantApi)).toBe('reads');
    expect(await read(respondentApi)).toBe('reads');

    await expectAck(send(mediator, 'caucus:start', { side: 'applicant' }));
    expect(await read(applicantApi)).toBe('reads');
    expect(await read(respondentApi)).toBe('403 held_apart');

    await expectAck(send(mediator, 'caucus:end', {}));
    expect(await read(respondentApi)).toBe('reads');

    await expectAck(send(mediator, 'caucus:start', { side: 'respondent' }));
    expect(await read(applicantApi)).toBe('403 held_apart');
    await expectAck(send(mediator, 'room:end', {}));
    // Outside a live session the parties read their draft wherever they are.
    expect(await read(applicantApi)).toBe('reads');
    expect(await read(respondentApi)).toBe('reads');
  });
});
