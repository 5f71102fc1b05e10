import { describe, expect, it } from 'vitest';
import { applicationProgress } from '../../../server/domain/application.ts';
import type { EventDraft } from '../../../server/domain/case-events.ts';
import { CaseUnderTest, mediator, refusal, resident } from './case-fixtures.ts';

const applicantActor = resident('p-app', '张老汉');
const agentActor = resident('p-agent', '张小明');
const respondentActor = resident('p-res', '李四');

const opened: EventDraft = {
  type: 'case.opened',
  data: { caseNumber: '（2026）云调字第7号', channel: 'resident_application', disputeType: 'neighbour', title: '张老汉与李四邻里纠纷', summary: '楼上漏水。\n请求事项：维修', areaCode: '370785', orgId: 'org-1', tier: 'mediator' },
};
const party = (participantId: string, role: 'applicant' | 'respondent' | 'agent', name: string, representing?: string): EventDraft => ({
  type: 'participant.added',
  data: { participant: { participantId, role, personKind: 'natural', name, representing } },
});
const submitted = (extra: Partial<Extract<EventDraft, { type: 'application.submitted' }>['data']> = {}): EventDraft => ({
  type: 'application.submitted',
  data: { applicantId: 'p-app', respondentId: 'p-res', phoneVerified: true, delivery: { addressConfirmed: true, electronicDelivery: true, emailGiven: false }, onlineMediationConsent: true, ...extra },
});
const contacted: EventDraft = { type: 'application.respondent_contacted', data: { participantId: 'p-res', channel: 'sms', phoneMasked: '139****0000' } };

/** An application as the service writes it: the case, its parties, the application, in one go. */
function applied(onBehalf = false): CaseUnderTest {
  const c = new CaseUnderTest();
  const actor = onBehalf ? agentActor : applicantActor;
  c.apply(opened, actor).apply(party('p-app', 'applicant', '张老汉'), actor);
  if (onBehalf) c.apply(party('p-agent', 'agent', '张小明', 'p-app'), actor);
  c.apply(party('p-res', 'respondent', '李四'), actor);
  return c.apply(submitted(onBehalf ? { agent: { participantId: 'p-agent', relationship: 'child' } } : {}), actor);
}

const statuses = (c: CaseUnderTest) => Object.fromEntries(applicationProgress(c.state!).steps.map((s) => [s.key, s.status]));

describe('a resident application', () => {
  it('records who applied, for whom and with which consents', () => {
    const c = applied(true);
    expect(c.state!.application).toMatchObject({ stage: 'submitted', applicantId: 'p-app', agent: { participantId: 'p-agent', relationship: 'child' }, onlineMediationConsent: true, delivery: { addressConfirmed: true } });
    expect(c.state!.status).toBe('intake');
  });

  it('refuses a second application, one naming the wrong parties, an agent who does not represent the applicant, and staff submitting it', () => {
    expect(refusal(() => applied().check(submitted(), applicantActor)).message).toMatch(/already has/);
    const c = new CaseUnderTest().apply(opened, applicantActor).apply(party('p-app', 'applicant', '张老汉'), applicantActor).apply(party('p-res', 'respondent', '李四'), applicantActor);
    c.apply(party('p-x', 'agent', '王五', 'p-res'), applicantActor);
    expect(refusal(() => c.check(submitted({ applicantId: 'p-res', respondentId: 'p-app' }), applicantActor)).message).toMatch(/applicant/);
    expect(refusal(() => c.check(submitted({ agent: { participantId: 'p-x', relationship: 'child' } }), applicantActor)).message).toMatch(/agent/);
    expect(refusal(() => c.check(submitted(), mediator)).message).toMatch(/Residents apply/);
  });

  it('is decided by the centre’s window as well (一窗受理)', () => {
    expect(() => applied().check({ type: 'application.accepted', data: {} }, { kind: 'account', accountId: 'c', role: 'centre_staff', name: '陈窗口' })).not.toThrow();
  });

  it('is decided once, by a mediator or an admin, and 不予受理 needs a reason', () => {
    const c = applied();
    expect(refusal(() => c.check({ type: 'application.accepted', data: {} }, applicantActor)).message).toMatch(/mediator or an administrator/);
    expect(refusal(() => c.check({ type: 'application.accepted', data: {} }, { kind: 'account', accountId: 'g', role: 'grid_worker', name: '王网格' })).message).toMatch(/mediator or an administrator/);
    expect(refusal(() => c.check({ type: 'application.not_accepted', data: { reason: '  ' } })).message).toMatch(/why/);
    expect(refusal(() => c.check(contacted)).message).toMatch(/once the application is accepted/);
    c.apply({ type: 'application.accepted', data: {} });
    expect(refusal(() => c.check({ type: 'application.not_accepted', data: { reason: '重复申请' } })).message).toMatch(/already been decided/);
  });

  it('lets only the respondent answer, once, after being asked', () => {
    const c = applied().apply({ type: 'application.accepted', data: {} });
    expect(refusal(() => c.check({ type: 'application.respondent_agreed', data: { participantId: 'p-res' } }, respondentActor)).message).toMatch(/once they have been asked/);
    c.apply(contacted).apply(contacted);
    expect(c.state!.application!.contactCount).toBe(2);
    expect(refusal(() => c.check({ type: 'application.respondent_agreed', data: { participantId: 'p-res' } }, applicantActor)).message).toMatch(/for themselves/);
    expect(refusal(() => c.check({ type: 'application.respondent_refused', data: { participantId: 'p-app' } }, applicantActor)).message).toMatch(/Only the respondent/);
    c.apply({ type: 'application.respondent_agreed', data: { participantId: 'p-res' } }, respondentActor);
    expect(refusal(() => c.check({ type: 'application.respondent_refused', data: { participantId: 'p-res' } }, respondentActor)).message).toMatch(/only once/);
    expect(refusal(() => c.check(contacted)).message).toMatch(/until they answer/);
  });
});

describe('the case around an application', () => {
  it('is taken up by its mediator only once the respondent agreed', () => {
    const c = applied().apply({ type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: '2026-11-27T02:00:00.000Z' } });
    const accept: EventDraft = { type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } };
    expect(refusal(() => c.check(accept)).message).toMatch(/not agreed/);
    c.apply({ type: 'application.accepted', data: {} }).apply(contacted);
    expect(refusal(() => c.check(accept)).message).toMatch(/not agreed/);
    c.apply({ type: 'application.respondent_agreed', data: { participantId: 'p-res' } }, respondentActor).apply(accept);
    expect(c.state!.status).toBe('accepted');
  });
});

describe('the progress the applicant sees', () => {
  it('walks 已提交 → 已受理 → 已联系对方 → 已排期 → 调解中 → 结案', () => {
    const c = applied();
    expect(statuses(c)).toEqual({ submitted: 'done', accepted: 'current', respondent_contacted: 'pending', scheduled: 'pending', in_mediation: 'pending', closed: 'pending' });
    c.apply({ type: 'application.accepted', data: {} }).apply(contacted);
    expect(statuses(c)).toMatchObject({ accepted: 'done', respondent_contacted: 'current' });
    expect(applicationProgress(c.state!).steps[2]!.at).toBeDefined();
    c.apply({ type: 'application.respondent_agreed', data: { participantId: 'p-res' } }, respondentActor);
    c.apply({ type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: '2026-11-27T02:00:00.000Z' } });
    expect(statuses(c)).toMatchObject({ respondent_contacted: 'done', scheduled: 'current' });
    c.apply({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } });
    c.apply({ type: 'session.scheduled', data: { sessionId: 's-1', startsAt: '2026-11-25T01:00:00.000Z', roomId: 'r' } });
    expect(statuses(c)).toMatchObject({ scheduled: 'done', in_mediation: 'current' });
    c.apply({ type: 'session.started', data: { sessionId: 's-1' } });
    expect(statuses(c)).toMatchObject({ in_mediation: 'done', closed: 'current' });
    c.apply({ type: 'session.ended', data: { sessionId: 's-1' } }).apply({ type: 'mediation.failed', data: { reason: '分歧过大' } }).apply({ type: 'case.closed', data: { reason: 'failed' } });
    expect(Object.values(statuses(c)).every((s) => s === 'done')).toBe(true);
  });

  it('shows 不予受理 with its reason, and the steps after it skipped', () => {
    const c = applied()
      .apply({ type: 'application.not_accepted', data: { reason: '已由法院立案受理' } })
      .apply({ type: 'case.closed', data: { reason: 'not_accepted', note: '已由法院立案受理' } });
    const progress = applicationProgress(c.state!);
    expect(progress.notAcceptedReason).toBe('已由法院立案受理');
    expect(statuses(c)).toEqual({ submitted: 'done', accepted: 'refused', respondent_contacted: 'skipped', scheduled: 'skipped', in_mediation: 'skipped', closed: 'done' });
  });

  it('marks the steps a withdrawn case never reached as skipped, not waiting', () => {
    const c = applied().apply({ type: 'application.accepted', data: {} }).apply(contacted);
    c.apply({ type: 'application.respondent_agreed', data: { participantId: 'p-res' } }, respondentActor).apply({ type: 'case.closed', data: { reason: 'withdrawn' } });
    expect(statuses(c)).toEqual({ submitted: 'done', accepted: 'done', respondent_contacted: 'done', scheduled: 'skipped', in_mediation: 'skipped', closed: 'done' });
  });

  it('counts a failure the mediator recorded as mediation held', () => {
    const c = applied().apply({ type: 'application.accepted', data: {} }).apply(contacted);
    c.apply({ type: 'application.respondent_agreed', data: { participantId: 'p-res' } }, respondentActor);
    c.apply({ type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: '2026-11-27T02:00:00.000Z' } });
    c.apply({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }).apply({ type: 'mediation.failed', data: { reason: '对方电话中明确拒绝' } });
    expect(statuses(c)).toMatchObject({ scheduled: 'skipped', in_mediation: 'done', closed: 'current' });
  });

  it('shows the respondent’s refusal and the case closed', () => {
    const c = applied()
      .apply({ type: 'application.accepted', data: {} })
      .apply(contacted)
      .apply({ type: 'application.respondent_refused', data: { participantId: 'p-res', reason: '不想调解' } }, respondentActor)
      .apply({ type: 'case.closed', data: { reason: 'not_accepted', note: '被申请人不同意调解' } }, respondentActor);
    expect(applicationProgress(c.state!).respondentRefused).toBe(true);
    expect(c.state!.application!.refusalReason).toBe('不想调解');
    expect(statuses(c)).toEqual({ submitted: 'done', accepted: 'done', respondent_contacted: 'refused', scheduled: 'skipped', in_mediation: 'skipped', closed: 'done' });
  });
});
