import { describe, expect, it } from 'vitest';
import {
  applicationDeadline,
  applicationTimeRefusal,
  DEFAULT_CONFIRMATION_LIMITS,
  HEARING_CHECKLIST,
  hearingRefusal,
  pickJudge,
  reviewDueAt,
  sortQueue,
  subjectMatterRefusals,
  urgencyOf,
} from '../../../server/domain/confirmation.ts';

const effective = '2026-11-01T02:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('applying for judicial confirmation', () => {
  it('is possible within 30 days after the agreement took effect, and refused after, with the legal reason', () => {
    expect(applicationDeadline(effective).toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(applicationTimeRefusal(effective, at('2026-12-01T01:59:00.000Z'))).toBeUndefined();
    expect(applicationTimeRefusal(effective, at('2026-12-01T02:01:00.000Z'))).toMatch(/三十三条/);
    expect(applicationTimeRefusal(undefined, at('2026-11-02T00:00:00.000Z'))).toMatch(/尚未生效/);
  });

  it('follows configured limits', () => {
    expect(applicationTimeRefusal(effective, at('2026-11-20T00:00:00.000Z'), { ...DEFAULT_CONFIRMATION_LIMITS, applyWithinDays: 10 })).toMatch(/10日内/);
  });

  it('refuses personal-status and ownership matters, each with its reason', () => {
    expect(subjectMatterRefusals({ personalStatus: false, ownershipConfirmation: false })).toEqual([]);
    const refusals = subjectMatterRefusals({ personalStatus: true, ownershipConfirmation: true });
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toMatch(/身份关系/);
    expect(refusals[1]).toMatch(/确权/);
    for (const reason of refusals) expect(reason).toMatch(/第三百五十五条/);
  });
});

describe('the court’s deadlines', () => {
  it('gives 3 days to accept, then 15 days to rule, 25 with an extension', () => {
    expect(reviewDueAt({ filedAt: '2026-11-10T00:00:00.000Z' })).toEqual({ kind: 'accept', dueAt: at('2026-11-13T00:00:00.000Z') });
    expect(reviewDueAt({ filedAt: '2026-11-10T00:00:00.000Z', acceptedAt: '2026-11-11T00:00:00.000Z' })).toEqual({ kind: 'decide', dueAt: at('2026-11-26T00:00:00.000Z') });
    expect(reviewDueAt({ filedAt: '2026-11-10T00:00:00.000Z', acceptedAt: '2026-11-11T00:00:00.000Z', extended: { reason: '需补充材料' } }).dueAt).toEqual(at('2026-12-06T00:00:00.000Z'));
  });

  it('flags overdue and due-soon applications and sorts the queue by due date', () => {
    const due = at('2026-11-20T00:00:00.000Z');
    expect(urgencyOf(due, at('2026-11-10T00:00:00.000Z'))).toBe('on_time');
    expect(urgencyOf(due, at('2026-11-18T12:00:00.000Z'))).toBe('due_soon');
    expect(urgencyOf(due, at('2026-11-20T00:00:01.000Z'))).toBe('overdue');
    const queue = sortQueue([{ id: 'b', dueAt: at('2026-11-25T00:00:00Z') }, { id: 'a', dueAt: at('2026-11-15T00:00:00Z') }, { id: 'c', dueAt: at('2026-11-30T00:00:00Z') }]);
    expect(queue.map((q) => q.id)).toEqual(['a', 'b', 'c']);
  });

  it('routes to the judge with the fewest open applications', () => {
    expect(pickJudge([{ judgeId: 'j1', openApplications: 3 }, { judgeId: 'j2', openApplications: 1 }, { judgeId: 'j3', openApplications: 1 }])).toBe('j2');
    expect(pickJudge([])).toBeUndefined();
  });
});

describe('the verification hearing', () => {
  const all = Object.fromEntries(HEARING_CHECKLIST.map((item) => [item.id, '是']));

  it('needs both parties present together and every question answered for each', () => {
    expect(hearingRefusal(['a'], ['a', 'b'], { a: all, b: all })).toMatch(/同时到场/);
    expect(hearingRefusal(['a', 'b'], ['a', 'b'], { a: all, b: { ...all, voluntary: ' ' } })).toMatch(/自愿/);
    expect(hearingRefusal(['a', 'b'], ['a', 'b'], { a: all, b: all })).toBeUndefined();
  });
});
