import { describe, expect, it } from 'vitest';
import { indexesOf } from '../../../server/domain/case-indexes.ts';
import { noticesFor, type Notice } from '../../../server/domain/notices.ts';
import type { Actor } from '../../../server/domain/case-types.ts';
import { applicant, caseIn, CaseUnderTest, judge, mediator, opened, otherMediator, respondent, refusal } from './case-fixtures.ts';

const grid: Actor = { kind: 'account', accountId: 'grid-1', role: 'grid_worker', name: '王网格' };
const centre: Actor = { kind: 'account', accountId: 'centre-1', role: 'centre_staff', name: '陈窗口' };
const acceptBy = '2026-11-27T02:00:00.000Z';

/** A grid report opened by the grid worker, with both parties, the grid worker mediating it themselves. */
function gridCaseMediatedByGridWorker(): CaseUnderTest {
  return new CaseUnderTest()
    .apply(opened, grid)
    .apply(applicant, grid)
    .apply(respondent, grid)
    .apply({ type: 'case.assigned', data: { mediatorId: 'grid-1', mediatorName: '王网格', acceptBy } }, grid)
    .apply({ type: 'case.accepted', data: { mediatorId: 'grid-1', noConflictDeclared: true } }, grid);
}

const lastNotices = (c: CaseUnderTest, count = 1): Notice[] => noticesFor(c.state!, c.events.slice(-count));
const accountsOf = (notices: Notice[], kind: string) => notices.filter((n) => n.kind === kind).map((n) => (n.recipient.kind === 'account' ? n.recipient.accountId : n.recipient.kind));

describe('escalation through the three tiers', () => {
  it('hands a grid worker’s case to a mediator, who must accept it afresh, and tells them and nobody twice', () => {
    const c = gridCaseMediatedByGridWorker();
    c.apply({ type: 'case.escalated', data: { from: 'grid', to: 'mediator', reason: '涉及赔偿金额争议较大', mediatorId: 'med-1', mediatorName: '李调解', acceptBy } }, grid);
    expect(c.state!.tier).toBe('mediator');
    expect(c.state!.status).toBe('intake');
    expect(c.state!.mediator).toMatchObject({ accountId: 'med-1', name: '李调解' });
    expect(c.state!.mediator!.acceptedAt).toBeUndefined();
    expect(accountsOf(lastNotices(c), 'case_escalated')).toEqual(['med-1']);
    c.apply({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }, mediator);
    // The grid worker reported it: the closed loop tells them it was accepted.
    expect(accountsOf(lastNotices(c), 'case_accepted')).toEqual(['grid-1']);
  });

  it('sends the judge tier to the guiding court, whose judges are told and list it', () => {
    const c = gridCaseMediatedByGridWorker();
    c.apply({ type: 'case.escalated', data: { from: 'grid', to: 'mediator', reason: '争议较大', mediatorId: 'med-1', mediatorName: '李调解', acceptBy } }, grid);
    c.apply({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }, mediator);
    c.apply({ type: 'case.escalated', data: { from: 'mediator', to: 'judge', reason: '法律适用疑难', courtId: 'court-1' } }, mediator);
    expect(c.state!.tier).toBe('judge');
    expect(c.state!.guidingCourtId).toBe('court-1');
    expect(c.state!.mediator!.accountId).toBe('med-1');
    expect(indexesOf(c.state)).toContain('guided:court-1');
    const notices = lastNotices(c).filter((n) => n.kind === 'case_escalated');
    expect(notices.map((n) => n.recipient)).toEqual([{ kind: 'court', courtId: 'court-1' }, { kind: 'account', accountId: 'grid-1' }]);
    expect(c.state!.escalations.map((e) => `${e.from}>${e.to}:${e.reason}`)).toEqual(['grid>mediator:争议较大', 'mediator>judge:法律适用疑难']);
  });

  it('refuses a hand-over without a reason, to a lower tier, to a declined or the same mediator, or once sessions are scheduled', () => {
    const c = gridCaseMediatedByGridWorker();
    const to = (data: object) => ({ type: 'case.escalated' as const, data: { from: 'grid' as const, to: 'mediator' as const, reason: '争议较大', mediatorId: 'med-1', mediatorName: '李调解', acceptBy, ...data } });
    expect(refusal(() => c.check(to({ reason: '  ' }), grid)).message).toMatch(/reason/);
    expect(refusal(() => c.check(to({ to: 'grid' }), grid)).message).toMatch(/higher tier/);
    expect(refusal(() => c.check(to({ mediatorId: 'grid-1' }), grid)).message).toMatch(/another mediator/);
    expect(refusal(() => c.check(to({ to: 'judge' }), grid)).message).toMatch(/mediator tier assigns/);
    expect(refusal(() => c.check({ type: 'case.escalated', data: { from: 'grid', to: 'mediator', reason: 'x', courtId: 'court-1' } }, grid)).message).toMatch(/judge tier names/);
    c.apply({ type: 'session.scheduled', data: { sessionId: 's-1', startsAt: '2026-11-25T01:00:00.000Z', roomId: 'r' } }, grid);
    expect(refusal(() => c.check(to({}), grid)).message).toMatch(/Cancel the scheduled sessions/);
    const declined = caseIn('intake').apply({ type: 'case.declined', data: { mediatorId: 'med-1', reason: 'workload' } });
    expect(refusal(() => declined.check({ type: 'case.escalated', data: { from: 'grid', to: 'mediator', reason: 'x', mediatorId: 'med-1', mediatorName: '李调解', acceptBy } }, grid)).message).toMatch(/declined/);
  });
});

describe('transfer to another organisation', () => {
  it('moves the case, clears its assignment and sends it back to intake', () => {
    const c = caseIn('accepted');
    c.apply({ type: 'case.transferred', data: { fromOrgId: 'org-1', toOrgId: 'org-2', reason: '纠纷发生地属城关街道' } }, centre);
    expect(c.state).toMatchObject({ orgId: 'org-2', status: 'intake', mediator: undefined, declinedBy: [] });
    expect(c.state!.transfers).toEqual([{ fromOrgId: 'org-1', toOrgId: 'org-2', reason: '纠纷发生地属城关街道', at: expect.any(String) }]);
    expect(indexesOf(c.state)).toContain('org:org-2');
    expect(indexesOf(c.state)).not.toContain('org:org-1');
  });

  it('refuses a transfer to the same organisation, from a stale one, or without a reason', () => {
    const c = caseIn('intake');
    expect(refusal(() => c.check({ type: 'case.transferred', data: { fromOrgId: 'org-1', toOrgId: 'org-1', reason: 'x' } }, centre)).message).toMatch(/already with/);
    expect(refusal(() => c.check({ type: 'case.transferred', data: { fromOrgId: 'org-9', toOrgId: 'org-2', reason: 'x' } }, centre)).message).toMatch(/no longer/);
    expect(refusal(() => c.check({ type: 'case.transferred', data: { fromOrgId: 'org-1', toOrgId: 'org-2', reason: ' ' } }, centre)).message).toMatch(/reason/);
  });
});

describe('guidance from the guiding judge', () => {
  it('records the question and the answer, sets the guiding court and tells both sides', () => {
    const c = caseIn('accepted');
    c.apply({ type: 'guidance.requested', data: { requestId: 'g1', courtId: 'court-1', question: '违约金约定是否过高？' } }, mediator);
    expect(c.state!.guidingCourtId).toBe('court-1');
    expect(c.state!.guidance).toEqual([{ requestId: 'g1', courtId: 'court-1', question: '违约金约定是否过高？', askedBy: { accountId: 'med-1', name: '李调解' }, at: expect.any(String) }]);
    expect(lastNotices(c).filter((n) => n.kind === 'guidance_requested').map((n) => n.recipient)).toEqual([{ kind: 'court', courtId: 'court-1' }]);
    c.apply({ type: 'guidance.answered', data: { requestId: 'g1', judgeId: 'judge-1', judgeName: '赵法官', answer: '以实际损失的百分之三十为限。' } }, judge);
    expect(c.state!.guidance![0]!.answer).toMatchObject({ judgeId: 'judge-1', text: '以实际损失的百分之三十为限。' });
    expect(accountsOf(lastNotices(c), 'guidance_answered')).toEqual(['med-1']);
  });

  it('lets only the mediator of record ask, answers only once, and only by the judge named', () => {
    const c = caseIn('accepted');
    expect(refusal(() => c.check({ type: 'guidance.requested', data: { requestId: 'g1', courtId: 'court-1', question: '问题' } }, otherMediator)).message).toMatch(/mediator of the case/);
    c.apply({ type: 'guidance.requested', data: { requestId: 'g1', courtId: 'court-1', question: '问题' } }, mediator);
    const answer = { type: 'guidance.answered' as const, data: { requestId: 'g1', judgeId: 'judge-1', judgeName: '赵法官', answer: '答复' } };
    expect(refusal(() => c.check(answer, mediator)).message).toMatch(/for themselves/);
    expect(refusal(() => c.check({ ...answer, data: { ...answer.data, requestId: 'nope' } }, judge)).code).toBe('not_found');
    c.apply(answer, judge);
    expect(refusal(() => c.check(answer, judge)).message).toMatch(/already answered/);
  });
});

describe('the organisation hears of what arrives for it', () => {
  it('tells its dispatchers of a grid worker’s report, not of a case its own window opened', () => {
    const reported = new CaseUnderTest().apply(opened, grid);
    expect(lastNotices(reported).filter((n) => n.kind === 'report_received').map((n) => n.recipient)).toEqual([{ kind: 'org', orgId: 'org-1' }]);
    const byWindow = new CaseUnderTest().apply(opened, centre);
    expect(lastNotices(byWindow).filter((n) => n.kind === 'report_received')).toEqual([]);
    const hotline = new CaseUnderTest().apply({ ...opened, data: { ...opened.data, channel: 'hotline' } } as typeof opened, grid);
    expect(lastNotices(hotline).filter((n) => n.kind === 'report_received')).toEqual([]);
  });
});

describe('the closed loop: the reporter hears of the outcome', () => {
  it('tells the grid worker who reported a case when it fails, and not the mediator who did it', () => {
    const c = new CaseUnderTest()
      .apply(opened, grid)
      .apply({ type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy } }, centre)
      .apply({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }, mediator);
    expect(accountsOf(noticesFor(c.state!, c.events.slice(1, 2)), 'case_assigned')).toEqual(['med-1', 'grid-1']);
    c.apply({ type: 'mediation.failed', data: { reason: '双方分歧过大' } }, mediator);
    expect(accountsOf(lastNotices(c), 'case_outcome')).toEqual(['grid-1']);
    expect(indexesOf(c.state)).toContain('opener:grid-1');
  });

  it('does not tell a grid worker of their own steps when they mediate the case themselves', () => {
    const c = gridCaseMediatedByGridWorker();
    expect(lastNotices(c, 2).filter((n) => n.kind === 'case_assigned' || n.kind === 'case_accepted')).toEqual([]);
  });
});
