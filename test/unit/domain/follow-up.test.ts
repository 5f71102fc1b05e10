import { describe, expect, it } from 'vitest';
import { dueFollowUp, latestPerformance } from '../../../server/domain/follow-up.ts';
import { caseIn, mediator, refusal, resident } from './case-fixtures.ts';

const scheduled = (followUpId = 'f-1', dueDate = '2026-12-01') => ({ type: 'followup.scheduled' as const, data: { followUpId, dueDate, method: 'phone' as const } });
const sent = (surveyId: string, participantId: string) => ({ type: 'survey.sent' as const, data: { surveyId, participantId, expiresAt: '2026-12-24T00:00:00.000Z' } });
const answered = (surveyId: string, participantId: string, answer: 'satisfied' | 'neutral' | 'unsatisfied') => ({ type: 'survey.answered' as const, data: { surveyId, participantId, answer } });

describe('follow-up on performance (回访)', () => {
  it('is planned after the agreement took effect, one open follow-up at a time, and recorded once', () => {
    const c = caseIn('signed').apply(scheduled());
    expect(c.state!.followUps).toEqual([{ followUpId: 'f-1', dueDate: '2026-12-01', method: 'phone', note: undefined, scheduledAt: expect.any(String) }]);
    expect(refusal(() => c.check(scheduled('f-2'))).message).toMatch(/already planned/);
    expect(refusal(() => c.check({ type: 'followup.recorded', data: { followUpId: 'nope', performance: 'performed' } })).code).toBe('not_found');
    // Anything short of full performance says what is missing.
    expect(refusal(() => c.check({ type: 'followup.recorded', data: { followUpId: 'f-1', performance: 'partly', note: ' ' } })).message).toMatch(/not performed/);
    c.apply({ type: 'followup.recorded', data: { followUpId: 'f-1', performance: 'partly', note: '已还一万元' } });
    expect(c.state!.followUps![0]!.recorded).toMatchObject({ performance: 'partly', note: '已还一万元', by: '李调解' });
    expect(refusal(() => c.check({ type: 'followup.recorded', data: { followUpId: 'f-1', performance: 'performed' } })).message).toMatch(/already recorded/);
    // The next visit can be planned now; the latest record is what the case's performance is.
    c.apply(scheduled('f-2', '2027-01-05')).apply({ type: 'followup.recorded', data: { followUpId: 'f-2', performance: 'performed' } });
    expect(latestPerformance(c.state!)).toBe('performed');
  });

  it('is refused for a case without an agreement, and for a closed case', () => {
    expect(refusal(() => caseIn('failed').check(scheduled())).code).toBe('illegal_transition');
    expect(refusal(() => caseIn('drafting').check(scheduled())).message).toMatch(/while the case is drafting/);
    expect(refusal(() => caseIn('closed').check(scheduled())).message).toMatch(/while the case is closed/);
  });

  it('is due from its day until it is recorded', () => {
    const c = caseIn('confirmed').apply(scheduled('f-1', '2026-12-01'));
    expect(dueFollowUp(c.state!, '2026-11-30')).toBeUndefined();
    expect(dueFollowUp(c.state!, '2026-12-01')?.followUpId).toBe('f-1');
    c.apply({ type: 'followup.recorded', data: { followUpId: 'f-1', performance: 'not_performed', note: '被申请人拒不还款' } });
    expect(dueFollowUp(c.state!, '2026-12-09')).toBeUndefined();
  });
});

describe('the satisfaction survey', () => {
  it('goes to parties only, is answered by the party themselves, once', () => {
    const c = caseIn('signed');
    expect(refusal(() => c.check(sent('sv-x', 'nobody'))).message).toMatch(/party/);
    c.apply(sent('sv-1', 'p-app')).apply(sent('sv-2', 'p-res'));
    expect(refusal(() => c.check(answered('sv-1', 'p-app', 'satisfied'), mediator)).message).toMatch(/themselves/);
    expect(refusal(() => c.check(answered('sv-1', 'p-app', 'satisfied'), resident('p-res', '李四'))).message).toMatch(/themselves/);
    // A link of one party cannot carry another's answer.
    expect(refusal(() => c.check(answered('sv-2', 'p-app', 'satisfied'), resident('p-app', '张三'))).code).toBe('not_found');
    c.apply(answered('sv-1', 'p-app', 'satisfied'), resident('p-app', '张三'));
    expect(c.state!.surveys!.find((s) => s.surveyId === 'sv-1')!.answer).toMatchObject({ value: 'satisfied' });
    // A second answer is refused, through the same link or a new one: the first stands.
    expect(refusal(() => c.check(answered('sv-1', 'p-app', 'unsatisfied'), resident('p-app', '张三'))).message).toMatch(/already answered/);
    expect(refusal(() => c.check(sent('sv-3', 'p-app'))).message).toMatch(/already answered/);
    c.apply(answered('sv-2', 'p-res', 'unsatisfied'), resident('p-res', '李四'));
    expect(c.state!.surveys!.map((s) => s.answer?.value)).toEqual(['satisfied', 'unsatisfied']);
  });
});
