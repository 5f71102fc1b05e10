import { describe, expect, it } from 'vitest';
import type { ResidentSessionView } from '../../client/src/api/api-types.ts';
import { en, zhCN, type MessageKey } from '../../client/src/i18n/messages.ts';
import { roleKeys } from '../../client/src/features/room/room-view.ts';
import { forKind, hostRole, roomKindOf, sessionsHeadingKey } from '../../client/src/features/room/session-kind.ts';

function session(kind: ResidentSessionView['kind'], status: ResidentSessionView['status'] = 'scheduled'): ResidentSessionView {
  return { sessionId: `s-${kind}-${status}`, startsAt: '2025-06-01T06:30:00.000Z', status, kind };
}

const hearingKeys = (Object.keys(zhCN) as MessageKey[]).filter((key) => key.endsWith('.hearing'));

describe('texts by kind of session', () => {
  it('reads the hearing variant in a hearing, the key itself in mediation and while the kind is unknown', () => {
    expect(forKind('waiting.title', 'hearing')).toBe('waiting.title.hearing');
    expect(forKind('waiting.title', 'mediation')).toBe('waiting.title');
    expect(forKind('waiting.title', undefined)).toBe('waiting.title');
    expect(zhCN[forKind('waiting.title', 'hearing')]).toBe('请稍候，法官将邀请您进入');
    expect(zhCN[forKind('waiting.title', 'mediation')]).toBe('请稍候，调解员将邀请您进入');
  });

  it('has a mediation text beside every hearing variant, in both languages', () => {
    expect(hearingKeys.length).toBeGreaterThan(30);
    for (const key of hearingKeys) {
      const base = key.slice(0, -'.hearing'.length);
      expect(zhCN, key).toHaveProperty([base]);
      expect(en[key], key).toBeTruthy();
    }
  });

  it('never names the mediator or the mediation room in a hearing variant', () => {
    for (const key of hearingKeys) {
      expect(zhCN[key], key).not.toMatch(/调解员|调解室/);
      expect(en[key], key).not.toMatch(/mediator|mediation room/i);
    }
  });

  it('names the judge as the host of a hearing and as presiding, not guiding, on their tile', () => {
    expect(hostRole('hearing')).toBe('judge');
    expect(hostRole('mediation')).toBe('mediator');
    expect(roleKeys({ role: 'judge' }, 'hearing')).toEqual(['roomRole.judge.hearing']);
    expect(roleKeys({ role: 'judge' }, 'mediation')).toEqual(['roomRole.judge']);
    expect(roleKeys({ role: 'judge' })).toEqual(['roomRole.judge']);
    expect(roleKeys({ role: 'party', side: 'applicant' }, 'hearing')).toEqual(['party.applicant']);
  });
});

describe('the kind of session a resident enters', () => {
  it('is the hearing while the court reviews the application, even with a mediation session left scheduled', () => {
    expect(roomKindOf({ status: 'confirmation_requested', sessions: [session('mediation'), session('hearing')] })).toBe('hearing');
    expect(roomKindOf({ status: 'confirmation_requested', sessions: [] })).toBe('hearing');
  });

  it('is a hearing still live after the decision, and mediation otherwise', () => {
    expect(roomKindOf({ status: 'confirmed', sessions: [session('hearing', 'live')] })).toBe('hearing');
    expect(roomKindOf({ status: 'scheduled', sessions: [session('mediation')] })).toBe('mediation');
    expect(roomKindOf({ status: 'in_session', sessions: [session('mediation', 'live')] })).toBe('mediation');
  });

  it('heads the list of times by what it holds', () => {
    expect(sessionsHeadingKey([])).toBe('join.sessions');
    expect(sessionsHeadingKey([session('mediation')])).toBe('join.sessions');
    expect(sessionsHeadingKey([session('hearing')])).toBe('join.sessions.hearing');
    expect(sessionsHeadingKey([session('mediation'), session('hearing')])).toBe('join.sessions.mixed');
  });
});
