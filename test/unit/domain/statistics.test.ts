import { describe, expect, it } from 'vitest';
import type { CaseEvent, EventDraft } from '../../../server/domain/case-events.ts';
import { chainEvents, GENESIS_HASH, verifyChain } from '../../../server/domain/case-log.ts';
import type { Actor, CaseBasics } from '../../../server/domain/case-types.ts';
import { chinaMonth, computeStatistics, milestonesOf, monthsBetween } from '../../../server/domain/statistics.ts';

const mediator: Actor = { kind: 'account', accountId: 'med-1', role: 'mediator', name: '李调解' };
const judge: Actor = { kind: 'account', accountId: 'judge-1', role: 'judge', name: '赵法官' };
const HASH = 'a'.repeat(64);

/**
 * A case log written event by event at the given moments, hash chain and all. The figures read
 * only the log; whether each step was allowed is the case machine's business (and its tests').
 */
class CaseLog {
  readonly events: CaseEvent[] = [];

  constructor(
    readonly caseId: string,
    at: string,
    basics: Partial<CaseBasics>,
  ) {
    this.add(at, {
      type: 'case.opened',
      data: { caseNumber: `（2026）云调字第${caseId}号`, channel: 'resident_application', disputeType: 'debt', title: '纠纷', summary: '案情简介。', areaCode: '370785001', orgId: 'org-1', tier: 'mediator', ...basics },
    });
  }

  add(at: string, draft: EventDraft, actor: Actor = mediator): this {
    const last = this.events.at(-1);
    this.events.push(...chainEvents(this.caseId, last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH }, [draft], actor, at));
    return this;
  }

  accepted(at: string): this {
    return this.add(at, { type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: at } }).add(at, { type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } });
  }

  signed(at: string): this {
    return this.add(at, { type: 'agreement.sent_for_signature', data: { documentHash: HASH, version: 1 } }).add(at, { type: 'agreement.signed', data: { documentHash: HASH, finalPdfHash: 'f'.repeat(64) } });
  }

  requested(at: string): this {
    return this.add(at, { type: 'confirmation.requested', data: { courtId: 'court-1' } }, { kind: 'resident', participantId: 'p-res', name: '李四' }).add(at, {
      type: 'confirmation.routed',
      data: { courtId: 'court-1', judgeId: 'judge-1', judgeName: '赵法官' },
    });
  }
}

/** Midnight UTC on a day of 2026, plus `hours`: 08:00 Beijing time when hours is 0. */
const day = (monthDay: string, hours = 0) => new Date(Date.parse(`2026-${monthDay}T00:00:00.000Z`) + hours * 3_600_000).toISOString();

/**
 * Five cases:
 * A debt 370785001, received 5 Oct: accepted in 1 day, signed 10 days later, applied 5 days later, confirmed after 15;
 * B debt 370785001, received 10 Oct: accepted in 3 days, failed 7 days later, then filed away;
 * C family 370785002, received 31 Oct 17:00 UTC (1 Nov in Beijing): accepted in 1 day, signed in 4, applied after 1, dismissed after 10, closed;
 * D neighbour 370785001, received 1 Dec: assigned, not yet accepted;
 * E neighbour 370785002, received 3 Dec: withdrawn before acceptance.
 */
function fiveCases(): CaseLog[] {
  const a = new CaseLog('A', day('10-05'), { disputeType: 'debt', areaCode: '370785001' })
    .accepted(day('10-06'))
    .signed(day('10-16'))
    .requested(day('10-21'))
    .add(day('10-22'), { type: 'confirmation.accepted', data: {} }, judge)
    .add(day('11-05'), { type: 'confirmation.confirmed', data: { rulingHash: HASH } }, judge);
  const b = new CaseLog('B', day('10-10'), { disputeType: 'debt', areaCode: '370785001' })
    .accepted(day('10-13'))
    .add(day('10-20'), { type: 'mediation.failed', data: { reason: '双方分歧过大' } })
    .add(day('10-21'), { type: 'case.closed', data: { reason: 'failed' } });
  const c = new CaseLog('C', '2026-10-31T17:00:00.000Z', { disputeType: 'family', areaCode: '370785002' })
    .accepted('2026-11-01T17:00:00.000Z')
    .add('2026-11-02T17:00:00.000Z', { type: 'agreement.reopened', data: { reason: '修改履行期限' } })
    .signed('2026-11-05T17:00:00.000Z')
    .requested('2026-11-06T17:00:00.000Z')
    .add('2026-11-16T17:00:00.000Z', { type: 'confirmation.rejected', data: { reason: '协议内容不明确', ground: 'unclear' } }, judge)
    .add('2026-11-17T17:00:00.000Z', { type: 'case.closed', data: { reason: 'rejected' } });
  const d = new CaseLog('D', day('12-01'), { disputeType: 'neighbour', areaCode: '370785001' }).add(day('12-01'), {
    type: 'case.assigned',
    data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: day('12-04') },
  });
  const e = new CaseLog('E', day('12-03'), { disputeType: 'neighbour', areaCode: '370785002' }).add(day('12-04'), { type: 'case.closed', data: { reason: 'withdrawn' } });
  return [a, b, c, d, e];
}

const logs = () => fiveCases().map((c) => c.events);

describe('months in Beijing time', () => {
  it('puts a moment in the calendar month it has in China (UTC+8)', () => {
    expect(chinaMonth('2026-10-31T15:59:59.999Z')).toBe('2026-10');
    expect(chinaMonth('2026-10-31T16:00:00.000Z')).toBe('2026-11');
    expect(chinaMonth('2026-12-31T16:00:00.000Z')).toBe('2027-01');
  });

  it('lists every month of a range, across a new year, and none for a reversed range', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsBetween('2026-06', '2026-05')).toEqual([]);
  });
});

describe('the milestones of a case', () => {
  it('are read from its log: the first time each happened', () => {
    const [a, , c] = fiveCases();
    expect(verifyChain('A', a!.events).valid).toBe(true);
    expect(milestonesOf(a!.events)).toEqual({
      caseId: 'A',
      disputeType: 'debt',
      areaCode: '370785001',
      month: '2026-10',
      receivedAt: day('10-05'),
      acceptedAt: day('10-06'),
      signedAt: day('10-16'),
      requestedAt: day('10-21'),
      decidedAt: day('11-05'),
      decision: 'confirmed',
    });
    // Received at 01:00 on 1 November Beijing time; closed after its outcome, so not "without outcome".
    const milestones = milestonesOf(c!.events);
    expect(milestones).toMatchObject({ month: '2026-11', decision: 'rejected' });
    expect(milestones).not.toHaveProperty('closedWithoutOutcomeAt');
  });

  it('are undefined for a log that does not start a case', () => {
    expect(milestonesOf([])).toBeUndefined();
  });
});

describe('the dashboard figures', () => {
  it('count cases received, mediated, failed, withdrawn and still open, with their rates', () => {
    const { totals } = computeStatistics(logs());
    expect(totals).toMatchObject({
      received: 5,
      accepted: 3,
      successful: 2,
      failed: 1,
      closedWithoutOutcome: 1,
      inProgress: 1,
      successRate: 2 / 3,
      confirmationApplied: 2,
      confirmed: 1,
      rejected: 1,
      confirmationRate: 0.5,
    });
  });

  it('average the days of each stage over the cases that went through it', () => {
    const { stages } = computeStatistics(logs()).totals;
    expect(stages).toEqual({
      acceptance: { cases: 3, averageDays: 1.67 }, // (1 + 3 + 1) / 3
      mediation: { cases: 3, averageDays: 7 }, // (10 + 7 + 4) / 3: signed or failed
      application: { cases: 2, averageDays: 3 }, // (5 + 1) / 2
      review: { cases: 2, averageDays: 12.5 }, // (15 + 10) / 2
    });
  });

  it('group by the month received, with every month of the span, by dispute type and by area', () => {
    const statistics = computeStatistics(logs());
    expect(statistics.byMonth.map((m) => [m.month, m.received, m.successful, m.failed, m.successRate])).toEqual([
      ['2026-10', 2, 1, 1, 0.5],
      ['2026-11', 1, 1, 0, 1],
      ['2026-12', 2, 0, 0, null],
    ]);
    // A's confirmation came in November; it counts for October, the month A was received.
    expect(statistics.byMonth[0]).toMatchObject({ confirmed: 1, confirmationRate: 1, stages: { review: { cases: 1, averageDays: 15 } } });
    expect(statistics.byDisputeType.map((t) => [t.disputeType, t.received, t.successRate])).toEqual([
      ['neighbour', 2, null],
      ['family', 1, 1],
      ['debt', 2, 0.5],
    ]);
    expect(statistics.byArea.map((a) => [a.areaCode, a.received, a.successful, a.closedWithoutOutcome])).toEqual([
      ['370785001', 3, 1, 0],
      ['370785002', 2, 1, 1],
    ]);
  });

  it('give null, never 0, for a rate or an average with nothing to divide by', () => {
    const december = computeStatistics(logs()).byMonth[2]!;
    expect(december).toMatchObject({ received: 2, successRate: null, confirmationRate: null, inProgress: 1 });
    for (const stage of Object.values(december.stages)) expect(stage.averageDays).toBeNull();
    expect(computeStatistics([])).toEqual({
      totals: expect.objectContaining({ received: 0, successRate: null, confirmationRate: null }),
      byMonth: [],
      byDisputeType: [],
      byArea: [],
    });
  });

  it('filter by the month range received, listing empty months of the range too', () => {
    const fromNovember = computeStatistics(logs(), { fromMonth: '2026-11' });
    expect(fromNovember.totals.received).toBe(3);
    expect(fromNovember.byMonth.map((m) => m.month)).toEqual(['2026-11', '2026-12']);
    const autumn = computeStatistics(logs(), { fromMonth: '2026-09', toMonth: '2026-10' });
    expect(autumn.byMonth.map((m) => [m.month, m.received, m.successRate])).toEqual([
      ['2026-09', 0, null],
      ['2026-10', 2, 0.5],
    ]);
    expect(computeStatistics(logs(), { fromMonth: '2027-01', toMonth: '2027-02' }).byMonth.map((m) => m.received)).toEqual([0, 0]);
  });

  it('filter by dispute type, and by an area with everything under it', () => {
    expect(computeStatistics(logs(), { disputeType: 'debt' }).totals).toMatchObject({ received: 2, successful: 1, failed: 1 });
    expect(computeStatistics(logs(), { areaCode: '370785' }).totals.received).toBe(5);
    expect(computeStatistics(logs(), { areaCode: '370785002' }).byArea.map((a) => a.areaCode)).toEqual(['370785002']);
    expect(computeStatistics(logs(), { areaCode: '3707850021' }).totals.received).toBe(0);
    expect(computeStatistics(logs(), { disputeType: 'family', fromMonth: '2026-11', toMonth: '2026-11' }).totals).toMatchObject({ received: 1, rejected: 1, confirmationRate: 0 });
  });
});

// Ledger and follow-up (台账与回访): 履行率 and 满意率.
describe('the follow-up figures', () => {
  const party = (participantId: string): Actor => ({ kind: 'resident', participantId, name: participantId });
  const followedUp = () => {
    const [a, , c] = fiveCases();
    a!.add(day('11-20'), { type: 'followup.scheduled', data: { followUpId: 'f-1', dueDate: '2026-12-01', method: 'phone' } })
      .add(day('12-01'), { type: 'followup.recorded', data: { followUpId: 'f-1', performance: 'partly', note: '还了一半' } })
      .add(day('12-02'), { type: 'followup.scheduled', data: { followUpId: 'f-2', dueDate: '2026-12-15', method: 'visit' } })
      .add(day('12-15'), { type: 'followup.recorded', data: { followUpId: 'f-2', performance: 'performed' } })
      .add(day('12-16'), { type: 'survey.answered', data: { surveyId: 's-1', participantId: 'p-app', answer: 'satisfied' } }, party('p-app'))
      .add(day('12-16'), { type: 'survey.answered', data: { surveyId: 's-2', participantId: 'p-res', answer: 'unsatisfied' } }, party('p-res'));
    c!.add(day('11-20'), { type: 'followup.scheduled', data: { followUpId: 'f-3', dueDate: '2026-12-01', method: 'phone' } })
      .add(day('12-01'), { type: 'followup.recorded', data: { followUpId: 'f-3', performance: 'not_performed', note: '拒不履行' } })
      .add(day('12-02'), { type: 'survey.answered', data: { surveyId: 's-3', participantId: 'p-app', answer: 'satisfied' } }, party('p-app'));
    return [a!, c!].map((x) => x.events);
  };

  it('take each case’s latest follow-up for 履行率 and every party’s answer for 满意率', () => {
    const { totals, byDisputeType } = computeStatistics(followedUp());
    // A: partly, then performed (its latest); C: not performed.
    expect(totals).toMatchObject({ followUpsRecorded: 2, performed: 1, performanceRate: 0.5, surveysAnswered: 3, satisfied: 2 });
    expect(totals.satisfactionRate).toBeCloseTo(2 / 3);
    expect(byDisputeType.find((t) => t.disputeType === 'family')).toMatchObject({ performanceRate: 0, satisfactionRate: 1 });
  });

  it('are null, not 0, when nothing was recorded or answered', () => {
    expect(computeStatistics(logs()).totals).toMatchObject({ followUpsRecorded: 0, performanceRate: null, surveysAnswered: 0, satisfactionRate: null });
  });
});
