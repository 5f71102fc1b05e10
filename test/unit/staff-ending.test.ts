import { describe, expect, it } from 'vitest';
import type { RoomSnapshot } from '../../server/protocol/room.ts';
import { en, zhCN } from '../../client/src/i18n/messages.ts';
import { staffEnding } from '../../client/src/features/room/staff-ending.ts';

const snapshot = (kind: RoomSnapshot['kind'], host: boolean, role: RoomSnapshot['self']['role']) => ({ caseId: 'c1', kind, host, self: { role } as RoomSnapshot['self'] });

describe('what a staff member reads when the session ends', () => {
  it('gives each role its own words and the page where its work goes on', () => {
    expect(staffEnding(snapshot('mediation', true, 'mediator'))).toEqual({ body: 'sessionEnd.body.hostMediator', next: { href: '/cases/c1', label: 'sessionEnd.backToCase' } });
    expect(staffEnding(snapshot('mediation', false, 'judge'))).toEqual({ body: 'sessionEnd.body.judgeInMediation', next: { href: '/cases/c1', label: 'sessionEnd.backToCase' } });
    expect(staffEnding(snapshot('hearing', true, 'judge'))).toEqual({ body: 'sessionEnd.body.hostJudge', next: { href: '/cases/c1/confirmation', label: 'sessionEnd.backToReview' } });
    expect(staffEnding(snapshot('hearing', false, 'mediator'))).toEqual({ body: 'sessionEnd.body.mediatorInHearing', next: { href: '/cases/c1', label: 'sessionEnd.backToCase' } });
  });

  it('never tells staff that someone will let them know, in either language', () => {
    for (const kind of ['mediation', 'hearing'] as const) {
      for (const [host, role] of [[true, 'mediator'], [false, 'judge'], [true, 'judge'], [false, 'mediator']] as const) {
        const { body } = staffEnding(snapshot(kind, host, role));
        expect(zhCN[body]).not.toContain('通知您');
        expect(en[body]).not.toMatch(/will (tell|let) you/);
      }
    }
  });
});
