import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../../server/domain/case-types.ts';
import { followUpFacts, ledgerOrder, matchesLedger, mediatorFigures } from '../../../server/domain/ledger.ts';
import { caseIn, resident } from './case-fixtures.ts';

const ctx = { accountId: 'med-1', today: '2026-12-05' };

/** A case in `status` with some of its basics changed. */
function state(status: Parameters<typeof caseIn>[0], changes: Partial<CaseState> = {}): CaseState {
  return { ...caseIn(status).state!, ...changes };
}

describe('the ledger filter', () => {
  it('selects by each field, areas by prefix and days received in Beijing time', () => {
    const s = state('accepted', { caseNumber: '（2026）云调字第7号', title: '邻里漏水纠纷', areaCode: '370785001', grid: 'G-03', openedAt: '2026-11-30T17:00:00.000Z' });
    expect(matchesLedger(s, {}, ctx)).toBe(true);
    expect(matchesLedger(s, { q: '第7号' }, ctx)).toBe(true);
    expect(matchesLedger(s, { q: '漏水' }, ctx)).toBe(true);
    expect(matchesLedger(s, { q: '借款' }, ctx)).toBe(false);
    expect(matchesLedger(s, { channel: 'grid_report', disputeType: 'neighbour', status: 'accepted' }, ctx)).toBe(true);
    expect(matchesLedger(s, { channel: 'hotline' }, ctx)).toBe(false);
    expect(matchesLedger(s, { status: 'closed' }, ctx)).toBe(false);
    expect(matchesLedger(s, { areaCode: '370785' }, ctx)).toBe(true);
    expect(matchesLedger(s, { areaCode: '370786' }, ctx)).toBe(false);
    expect(matchesLedger(s, { grid: 'G-03' }, ctx)).toBe(true);
    expect(matchesLedger(s, { grid: 'G-04' }, ctx)).toBe(false);
    expect(matchesLedger(s, { mediatorId: 'med-1' }, ctx)).toBe(true);
    expect(matchesLedger(s, { mediatorId: 'med-2' }, ctx)).toBe(false);
    // 17:00 UTC on 30 November is 1 December in Beijing.
    expect(matchesLedger(s, { from: '2026-12-01', to: '2026-12-01' }, ctx)).toBe(true);
    expect(matchesLedger(s, { to: '2026-11-30' }, ctx)).toBe(false);
  });

  it('takes "my cases" as the ones the caller mediates', () => {
    const s = state('accepted');
    expect(matchesLedger(s, {}, { ...ctx, mine: true })).toBe(true);
    expect(matchesLedger(s, {}, { ...ctx, accountId: 'med-2', mine: true })).toBe(false);
    expect(matchesLedger(state('accepted', { mediator: undefined }), {}, { ...ctx, mine: true })).toBe(false);
  });

  it('finds follow-ups pending, and due on their day', () => {
    const c = caseIn('signed').apply({ type: 'followup.scheduled', data: { followUpId: 'f-1', dueDate: '2026-12-05', method: 'visit' } });
    expect(matchesLedger(c.state!, { followUp: 'pending' }, ctx)).toBe(true);
    expect(matchesLedger(c.state!, { followUp: 'due' }, ctx)).toBe(true);
    expect(matchesLedger(c.state!, { followUp: 'due' }, { ...ctx, today: '2026-12-04' })).toBe(false);
    expect(matchesLedger(caseIn('signed').state!, { followUp: 'pending' }, ctx)).toBe(false);
    expect(followUpFacts(c.state!, '2026-12-05')).toEqual({ followUpDueDate: '2026-12-05', followUpDue: true, performance: undefined, surveysAnswered: 0, satisfied: 0 });
  });

  it('lists the newest received first', () => {
    const older = state('accepted', { caseId: 'a', openedAt: '2026-11-01T00:00:00.000Z' });
    const newer = state('accepted', { caseId: 'b', openedAt: '2026-11-02T00:00:00.000Z' });
    expect([older, newer].sort(ledgerOrder).map((s) => s.caseId)).toEqual(['b', 'a']);
  });
});

describe('per-mediator figures', () => {
  it('count cases, success rate, days to agreement, follow-ups and satisfaction per mediator', () => {
    const signed = caseIn('signed')
      .apply({ type: 'followup.scheduled', data: { followUpId: 'f-1', dueDate: '2026-12-01', method: 'phone' } })
      .apply({ type: 'survey.sent', data: { surveyId: 's-1', participantId: 'p-app', expiresAt: '2027-01-01T00:00:00.000Z' } })
      .apply({ type: 'survey.sent', data: { surveyId: 's-2', participantId: 'p-res', expiresAt: '2027-01-01T00:00:00.000Z' } })
      .apply({ type: 'survey.answered', data: { surveyId: 's-1', participantId: 'p-app', answer: 'satisfied' } }, resident('p-app', '张三'))
      .apply({ type: 'survey.answered', data: { surveyId: 's-2', participantId: 'p-res', answer: 'neutral' } }, resident('p-res', '李四')).state!;
    // Accepted on 20 November, the agreement took effect on the 24th: four days.
    const timed: CaseState = { ...signed, mediator: { ...signed.mediator!, acceptedAt: '2026-11-20T02:00:00.000Z' } };
    const recorded = caseIn('confirmed')
      .apply({ type: 'followup.scheduled', data: { followUpId: 'f-9', dueDate: '2026-11-30', method: 'visit' } })
      .apply({ type: 'followup.recorded', data: { followUpId: 'f-9', performance: 'performed' } }).state!;
    const failed = caseIn('failed').state!;
    const other = { ...caseIn('accepted').state!, mediator: { accountId: 'med-2', name: '王调解', assignedAt: '', acceptBy: '' } };
    const noMediator = { ...caseIn('accepted').state!, mediator: undefined };

    const figures = mediatorFigures([timed, recorded, failed, other, noMediator], '2026-12-05');
    expect(figures.map((f) => f.name)).toEqual(['李调解', '王调解']);
    expect(figures[0]).toMatchObject({ mediatorId: 'med-1', cases: 3, successful: 2, failed: 1, followUpsDue: 1, followUpsDone: 1, surveysAnswered: 2 });
    expect(figures[0]!.successRate).toBeCloseTo(2 / 3);
    expect(figures[0]!.satisfactionRate).toBe(0.5);
    // The fixtures accept and sign at the same moment: 0 days, and 4 for the timed one.
    expect(figures[0]!.averageDays).toBe(2);
    expect(figures[1]).toMatchObject({ cases: 1, successful: 0, failed: 0, successRate: null, averageDays: null, satisfactionRate: null });
  });
});
