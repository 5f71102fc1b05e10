import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../../../server/domain/case-events.ts';
import { CASE_EVENT_TYPES } from '../../../server/domain/case-events.ts';
import { allowedFrom, isAcceptanceOverdue } from '../../../server/domain/case-machine.ts';
import { CASE_STATUSES, type Actor, type CaseState, type CaseStatus } from '../../../server/domain/case-types.ts';
import { applicant, applications, partySignatures, caseIn, CaseUnderTest, FROZEN_HASH, hearingHeld, hearingInRoom, judge, mediator, opened, otherMediator, refusal, resident, respondent, sampleDraft } from './case-fixtures.ts';

const applicantActor = resident('p-app', '张三');
const respondentActor = resident('p-res', '李四');
const applicationSubmitted: EventDraft = {
  type: 'application.submitted',
  data: { applicantId: 'p-app', respondentId: 'p-res', phoneVerified: true, delivery: { addressConfirmed: true, electronicDelivery: true, emailGiven: false }, onlineMediationConsent: true },
};
const contacted: EventDraft = { type: 'application.respondent_contacted', data: { participantId: 'p-res', channel: 'sms', phoneMasked: '139****0000' } };

type Plan = { prep: Array<EventDraft | { draft: EventDraft; actor: Actor }>; draft: EventDraft; actor?: Actor; expect?: CaseStatus };

const live = (state: CaseState) => state.sessions.find((s) => s.status === 'live');
const reviewing = (state: CaseState) => state.status === 'confirmation_requested';
/** While the court reviews, the only new session is the judge's hearing, once the application is accepted. */
const reviewPrep = (state: CaseState): Plan['prep'] => (reviewing(state) ? [{ draft: { type: 'confirmation.accepted', data: {} }, actor: judge }] : []);
const newSession = (state: CaseState): EventDraft => ({
  type: 'session.scheduled',
  data: { sessionId: 's-new', startsAt: '2026-11-26T01:00:00.000Z', roomId: 'room-2', ...(reviewing(state) ? { kind: 'hearing' as const } : {}) },
});
const sessionActor = (state: CaseState): Actor => (reviewing(state) ? judge : mediator);
const gridWorker: Actor = { kind: 'account', accountId: 'grid-1', role: 'grid_worker', name: '王网格' };
const gridAssistant = { accountId: 'grid-1', name: '王网格', role: 'grid_worker' as const };
const assistedInvitation: EventDraft = { type: 'invitation.issued', data: { invitationId: 'inv-a', participantId: 'p-app', expiresAt: '2026-12-01T00:00:00.000Z' } };

/** For each kind of event: a valid draft in the given case (with any legal preparation it needs). */
const plans: Record<Exclude<EventDraft['type'], 'case.opened'>, (state: CaseState) => Plan> = {
  'case.assigned': () => ({ prep: [], draft: { type: 'case.assigned', data: { mediatorId: 'med-3', mediatorName: '周调解', acceptBy: '2026-11-27T02:00:00.000Z' } }, expect: 'intake' }),
  'case.accepted': () => ({ prep: [], draft: { type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }, expect: 'accepted' }),
  'case.declined': () => ({ prep: [], draft: { type: 'case.declined', data: { mediatorId: 'med-1', reason: 'conflict_of_interest' } }, expect: 'intake' }),
  'case.escalated': (s) => ({ prep: [], draft: { type: 'case.escalated', data: { from: s.tier, to: 'judge', reason: '涉及法律适用疑难' } } }),
  'participant.added': () => ({
    prep: [],
    draft: { type: 'participant.added', data: { participant: { participantId: 'p-new', role: 'applicant', personKind: 'natural', name: '王五' } } },
  }),
  'participant.removed': () => ({ prep: [], draft: { type: 'participant.removed', data: { participantId: 'p-res' } } }),
  'invitation.issued': () => ({ prep: [], draft: { type: 'invitation.issued', data: { invitationId: 'inv-1', participantId: 'p-app', expiresAt: '2026-12-01T00:00:00.000Z' } } }),
  'invitation.revoked': () => ({
    prep: [{ type: 'invitation.issued', data: { invitationId: 'inv-1', participantId: 'p-app', expiresAt: '2026-12-01T00:00:00.000Z' } }],
    draft: { type: 'invitation.revoked', data: { invitationId: 'inv-1' } },
  }),
  'session.scheduled': (s) => ({
    prep: reviewPrep(s),
    draft: newSession(s),
    actor: sessionActor(s),
    expect: s.status === 'accepted' ? 'scheduled' : s.status,
  }),
  'session.cancelled': (s) => ({
    prep: [...reviewPrep(s), { draft: newSession(s), actor: sessionActor(s) }],
    draft: { type: 'session.cancelled', data: { sessionId: 's-new' } },
    actor: sessionActor(s),
  }),
  'session.started': (s) => {
    const current = live(s);
    return {
      prep: [...reviewPrep(s), ...(current ? [{ type: 'session.ended', data: { sessionId: current.sessionId } } as EventDraft] : []), { draft: newSession(s), actor: sessionActor(s) }],
      draft: { type: 'session.started', data: { sessionId: 's-new' } },
      actor: sessionActor(s),
      expect: s.status === 'scheduled' ? 'in_session' : s.status,
    };
  },
  'session.ended': (s) => ({ prep: [], draft: { type: 'session.ended', data: { sessionId: live(s)?.sessionId ?? 's-1' } } }),
  'agreement.drafting_started': () => ({ prep: [], draft: { type: 'agreement.drafting_started', data: {} }, expect: 'drafting' }),
  'agreement.draft_saved': (s) => ({ prep: [], draft: { type: 'agreement.draft_saved', data: { version: (s.agreement?.version ?? 0) + 1, draft: sampleDraft } }, expect: 'drafting' }),
  'agreement.comment_added': (s) => ({
    prep: [],
    draft: { type: 'agreement.comment_added', data: { version: s.agreement?.version ?? 1, clause: 'obligations.0', text: '金额有误', participantId: 'p-app' } },
    actor: resident('p-app', '张三'),
  }),
  'agreement.sent_for_signature': (s) => ({ prep: [], draft: { type: 'agreement.sent_for_signature', data: { documentHash: 'c'.repeat(64), version: s.agreement?.version } }, expect: 'signing' }),
  'agreement.signed_by_party': () => ({
    prep: [],
    draft: { type: 'agreement.signed_by_party', data: { participantId: 'p-app', documentHash: FROZEN_HASH, method: 'fingerprint', signatureImageHash: 'b'.repeat(64), ip: '::1', userAgent: 'x' } },
    actor: resident('p-app', '张三'),
  }),
  'agreement.countersigned': () => ({
    prep: partySignatures(),
    draft: { type: 'agreement.countersigned', data: { mediatorId: 'med-1', mediatorName: '李调解', documentHash: FROZEN_HASH, signatureImageHash: 'c'.repeat(64), ip: '::1', userAgent: 'x' } },
  }),
  'document.delivered': (s) => ({
    prep: [],
    draft: s.failureReason
      ? { type: 'document.delivered', data: { document: 'failure_notice', recipient: 'p:p-app', documentHash: 'd'.repeat(64), ip: '::1' } }
      : { type: 'document.delivered', data: { document: 'agreement', recipient: 'p:p-app', documentHash: s.agreement?.finalPdfHash ?? 'none', ip: '::1' } },
  }),
  'agreement.reopened': () => ({ prep: [], draft: { type: 'agreement.reopened', data: { reason: '申请人要求修改履行期限' } }, expect: 'drafting' }),
  'agreement.signed': () => ({
    prep: [
      ...partySignatures(),
      { type: 'agreement.countersigned', data: { mediatorId: 'med-1', mediatorName: '李调解', documentHash: FROZEN_HASH, signatureImageHash: 'c'.repeat(64), ip: '::1', userAgent: 'x' } },
    ],
    draft: { type: 'agreement.signed', data: { documentHash: FROZEN_HASH, finalPdfHash: 'f'.repeat(64) } },
    expect: 'signed',
  }),
  'mediation.failed': () => ({ prep: [], draft: { type: 'mediation.failed', data: { reason: '被申请人拒绝调解' } }, expect: 'failed' }),
  'confirmation.party_applied': () => ({
    prep: [],
    draft: { type: 'confirmation.party_applied', data: { participantId: 'p-app', electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } } },
    actor: resident('p-app', '张三'),
  }),
  'confirmation.requested': () => ({ prep: applications(), draft: { type: 'confirmation.requested', data: { courtId: 'court-1' } }, expect: 'confirmation_requested' }),
  'confirmation.routed': () => ({ prep: [], draft: { type: 'confirmation.routed', data: { courtId: 'court-1', judgeId: 'judge-1', judgeName: '赵法官' } } }),
  'confirmation.accepted': () => ({ prep: [], draft: { type: 'confirmation.accepted', data: {} }, actor: judge }),
  'confirmation.extended': () => ({ prep: [{ draft: { type: 'confirmation.accepted', data: {} }, actor: judge }], draft: { type: 'confirmation.extended', data: { reason: '需补充证据' } }, actor: judge }),
  'confirmation.material_requested': () => ({
    prep: [{ draft: { type: 'confirmation.accepted', data: {} }, actor: judge }],
    draft: { type: 'confirmation.material_requested', data: { requestId: 'm1', message: '请提供借条照片' } },
    actor: judge,
  }),
  'confirmation.material_submitted': () => ({
    prep: [
      { draft: { type: 'confirmation.accepted', data: {} } as EventDraft, actor: judge },
      { draft: { type: 'confirmation.material_requested', data: { requestId: 'm1', message: '请提供借条照片' } } as EventDraft, actor: judge },
    ],
    draft: { type: 'confirmation.material_submitted', data: { requestId: 'm1', participantId: 'p-app', file: { name: '借条.jpg', mime: 'image/jpeg', size: 1000, sha256: 'e'.repeat(64) } } },
    actor: resident('p-app', '张三'),
  }),
  'hearing.held': (s) => ({ prep: [{ draft: { type: 'confirmation.accepted', data: {} }, actor: judge }, ...hearingInRoom(live(s)?.sessionId)], draft: hearingHeld, actor: judge }),
  'confirmation.confirmed': (s) => ({
    prep: [{ draft: { type: 'confirmation.accepted', data: {} }, actor: judge }, ...hearingInRoom(live(s)?.sessionId), { draft: hearingHeld, actor: judge }],
    draft: { type: 'confirmation.confirmed', data: { rulingHash: 'd'.repeat(64) } },
    actor: judge,
    expect: 'confirmed',
  }),
  'confirmation.rejected': () => ({
    prep: [{ draft: { type: 'confirmation.accepted', data: {} }, actor: judge }],
    draft: { type: 'confirmation.rejected', data: { reason: '违反法律强制性规定', ground: 'violates_law' } },
    actor: judge,
    expect: 'rejected',
  }),
  'room.declaration_accepted': (s) => ({
    prep: live(s) || s.sessions.some((x) => x.status === 'scheduled') ? [] : [{ type: 'session.scheduled', data: { sessionId: 's-new', startsAt: 'x', roomId: 'r' } }],
    draft: { type: 'room.declaration_accepted', data: { sessionId: live(s)?.sessionId ?? s.sessions.find((x) => x.status === 'scheduled')?.sessionId ?? 's-new', participantId: 'p-app', recordingConsent: false } },
  }),
  'room.identity_checked': (s) => ({
    prep: live(s) || s.sessions.some((x) => x.status === 'scheduled') ? [] : [{ type: 'session.scheduled', data: { sessionId: 's-new', startsAt: 'x', roomId: 'r' } }],
    draft: { type: 'room.identity_checked', data: { sessionId: live(s)?.sessionId ?? s.sessions.find((x) => x.status === 'scheduled')?.sessionId ?? 's-new', participantId: 'p-app', outcome: 'verified' } },
  }),
  'room.admitted': (s) => ({
    prep: [],
    draft: { type: 'room.admitted', data: { sessionId: live(s)?.sessionId ?? 's-1', memberKey: 'p:p-app', name: '张三' } },
    actor: live(s)?.kind === 'hearing' ? judge : undefined,
  }),
  'room.declined': (s) => ({ prep: [], draft: { type: 'room.declined', data: { sessionId: live(s)?.sessionId ?? 's-1', memberKey: 'p:p-app' } } }),
  'room.removed': (s) => ({ prep: [], draft: { type: 'room.removed', data: { sessionId: live(s)?.sessionId ?? 's-1', memberKey: 'p:p-app' } } }),
  'room.left': (s) => ({ prep: [], draft: { type: 'room.left', data: { sessionId: live(s)?.sessionId ?? 's-1', memberKey: 'p:p-app', reason: 'connection_lost' } } }),
  'caucus.started': (s) => ({ prep: [], draft: { type: 'caucus.started', data: { sessionId: live(s)?.sessionId ?? 's-1', side: 'applicant' } } }),
  'caucus.ended': (s) => ({ prep: [], draft: { type: 'caucus.ended', data: { sessionId: live(s)?.sessionId ?? 's-1' } } }),
  'chat.posted': (s) => ({ prep: [], draft: { type: 'chat.posted', data: { sessionId: live(s)?.sessionId ?? 's-1', memberKey: 'a:med-1', name: '李调解', text: '大家好', audience: 'all' } } }),
  'minutes.saved': (s) => ({ prep: [], draft: { type: 'minutes.saved', data: { version: (s.minutes?.version ?? 0) + 1, text: '双方到场。' } } }),
  'minutes.shared': (s) => ({ prep: [{ type: 'minutes.saved', data: { version: (s.minutes?.version ?? 0) + 1, text: '双方到场。' } }], draft: { type: 'minutes.shared', data: { version: (s.minutes?.version ?? 0) + 1, shared: true } } }),
  'minutes.confirmed': (s) => ({
    prep: [
      { type: 'minutes.saved', data: { version: (s.minutes?.version ?? 0) + 1, text: '双方到场。' } },
      { type: 'minutes.shared', data: { version: (s.minutes?.version ?? 0) + 1, shared: true } },
    ],
    draft: { type: 'minutes.confirmed', data: { participantId: 'p-app', version: (s.minutes?.version ?? 0) + 1 } },
    actor: { kind: 'resident', participantId: 'p-app', name: '张三' },
  }),
  // Dispatch and the three tiers (#14)
  'case.transferred': () => ({ prep: [], draft: { type: 'case.transferred', data: { fromOrgId: 'org-1', toOrgId: 'org-2', reason: '属地管辖' } }, expect: 'intake' }),
  'guidance.requested': () => ({ prep: [], draft: { type: 'guidance.requested', data: { requestId: 'g1', courtId: 'court-1', question: '违约金约定是否过高？' } } }),
  'guidance.answered': () => ({
    prep: [{ type: 'guidance.requested', data: { requestId: 'g1', courtId: 'court-1', question: '违约金约定是否过高？' } }],
    draft: { type: 'guidance.answered', data: { requestId: 'g1', judgeId: 'judge-1', judgeName: '赵法官', answer: '以实际损失的百分之三十为限。' } },
    actor: judge,
  }),
  // Early warning (#15): recorded by the system, in every status.
  'warning.level_changed': () => ({
    prep: [],
    draft: {
      type: 'warning.level_changed',
      data: { warningId: 'w-1', level: 'orange', previousLevel: 'yellow', score: 5, sightings: 3, recentSightings: 3, channels: ['grid_report', 'hotline', 'police'], escalated: false, riskWords: [], linkedCaseIds: ['c-2', 'c-3'], matches: [{ caseId: 'c-2', withCaseId: 'c-1', reasons: ['same_phone'] }] },
    },
    actor: { kind: 'system' },
  }),
  'case.closed': (s) => ({
    prep: live(s) ? [{ type: 'session.ended', data: { sessionId: live(s)!.sessionId } }] : [],
    draft: { type: 'case.closed', data: { reason: ['signed', 'failed', 'confirmed', 'rejected'].includes(s.status) ? 'completed' : 'withdrawn' } },
    expect: 'closed',
  }),
  // --- Intake: field reports and assisted join ---
  'case.photo_added': () => ({ prep: [], draft: { type: 'case.photo_added', data: { name: '现场.jpg', mime: 'image/jpeg', size: 1000, sha256: 'e'.repeat(64) } } }),
  'assistance.started': () => ({
    prep: [assistedInvitation],
    draft: { type: 'assistance.started', data: { participantId: 'p-app', invitationId: 'inv-a', assistedBy: gridAssistant } },
    actor: gridWorker,
  }),
  'assistance.ended': () => ({
    prep: [assistedInvitation, { draft: { type: 'assistance.started', data: { participantId: 'p-app', invitationId: 'inv-a', assistedBy: gridAssistant } }, actor: gridWorker }],
    draft: { type: 'assistance.ended', data: { invitationId: 'inv-a' } },
    actor: gridWorker,
  }),
  // Ledger and follow-up (台账与回访)
  'followup.scheduled': () => ({ prep: [], draft: { type: 'followup.scheduled', data: { followUpId: 'f-1', dueDate: '2026-12-01', method: 'phone' } } }),
  'followup.recorded': () => ({
    prep: [{ type: 'followup.scheduled', data: { followUpId: 'f-1', dueDate: '2026-12-01', method: 'phone' } }],
    draft: { type: 'followup.recorded', data: { followUpId: 'f-1', performance: 'performed' } },
  }),
  'survey.sent': () => ({ prep: [], draft: { type: 'survey.sent', data: { surveyId: 'sv-1', participantId: 'p-app', expiresAt: '2026-12-24T00:00:00.000Z' } } }),
  'survey.answered': () => ({
    prep: [{ type: 'survey.sent', data: { surveyId: 'sv-1', participantId: 'p-app', expiresAt: '2026-12-24T00:00:00.000Z' } }],
    draft: { type: 'survey.answered', data: { surveyId: 'sv-1', participantId: 'p-app', answer: 'satisfied' } },
    actor: resident('p-app', '张三'),
  }),
  // Resident self-application: each step after the ones before it (test/unit/domain/application.test.ts has the rules).
  'application.submitted': () => ({ prep: [], draft: applicationSubmitted, actor: applicantActor, expect: 'intake' }),
  'application.accepted': () => ({ prep: [{ draft: applicationSubmitted, actor: applicantActor }], draft: { type: 'application.accepted', data: {} }, expect: 'intake' }),
  'application.not_accepted': () => ({ prep: [{ draft: applicationSubmitted, actor: applicantActor }], draft: { type: 'application.not_accepted', data: { reason: '不属于人民调解受理范围' } }, expect: 'intake' }),
  'application.respondent_contacted': () => ({ prep: [{ draft: applicationSubmitted, actor: applicantActor }, { type: 'application.accepted', data: {} }], draft: contacted, expect: 'intake' }),
  'application.respondent_agreed': () => ({
    prep: [{ draft: applicationSubmitted, actor: applicantActor }, { type: 'application.accepted', data: {} }, contacted],
    draft: { type: 'application.respondent_agreed', data: { participantId: 'p-res' } },
    actor: respondentActor,
    expect: 'intake',
  }),
  'application.respondent_refused': () => ({
    prep: [{ draft: applicationSubmitted, actor: applicantActor }, { type: 'application.accepted', data: {} }, contacted],
    draft: { type: 'application.respondent_refused', data: { participantId: 'p-res' } },
    actor: respondentActor,
    expect: 'intake',
  }),
};

describe('the status table: every kind of event in every status', () => {
  const cases = CASE_EVENT_TYPES.filter((type) => type !== 'case.opened').flatMap((type) => CASE_STATUSES.map((status) => [type, status] as const));

  it.each(cases)('%s while %s', (type, status) => {
    const c = caseIn(status);
    const plan = plans[type](c.state!);
    if (allowedFrom[type].includes(status)) {
      for (const prep of plan.prep) c.step(prep);
      c.apply(plan.draft, plan.actor);
      if (plan.expect) expect(c.state!.status).toBe(plan.expect);
    } else {
      const error = refusal(() => c.check(plan.draft, plan.actor));
      expect(error.code).toBe('illegal_transition');
      expect(error.message).toContain(`while the case is ${status}`);
      expect(c.state!.status).toBe(status);
    }
  });

  it('refuses to open a case twice and any event on a case that does not exist', () => {
    expect(refusal(() => caseIn('intake').check(opened)).code).toBe('illegal_transition');
    expect(refusal(() => new CaseUnderTest().check(applicant)).code).toBe('not_found');
  });
});

describe('the rules inside a status', () => {
  it('lets only the assigned mediator accept, and only with the no-conflict declaration', () => {
    const c = caseIn('intake');
    expect(refusal(() => c.check({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }, otherMediator)).message).toMatch(/assigned mediator/);
    expect(refusal(() => c.check({ type: 'case.accepted', data: { mediatorId: 'med-2', noConflictDeclared: true } }, otherMediator)).message).toMatch(/assigned mediator/);
    expect(refusal(() => c.check({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: false as unknown as true } })).message).toMatch(/conflict of interest/);
  });

  it('clears the assignment when the mediator declines, and does not assign them again', () => {
    const c = caseIn('intake').apply({ type: 'case.declined', data: { mediatorId: 'med-1', reason: 'conflict_of_interest' } });
    expect(c.state!.mediator).toBeUndefined();
    expect(c.state!.declinedBy).toEqual(['med-1']);
    expect(refusal(() => c.check({ type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: 'x' } })).message).toMatch(/declined/);
    expect(refusal(() => c.check({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } })).message).toMatch(/assigned mediator/);
  });

  it('flags an acceptance past its deadline as overdue', () => {
    const c = caseIn('intake');
    expect(isAcceptanceOverdue(c.state!, new Date('2026-11-26T00:00:00Z'))).toBe(false);
    expect(isAcceptanceOverdue(c.state!, new Date('2026-11-28T00:00:00Z'))).toBe(true);
    c.apply({ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } });
    expect(isAcceptanceOverdue(c.state!, new Date('2026-11-28T00:00:00Z'))).toBe(false);
  });

  it('escalates only upwards, from the current tier, with a reason', () => {
    const c = caseIn('accepted');
    expect(refusal(() => c.check({ type: 'case.escalated', data: { from: 'mediator', to: 'judge', reason: 'x' } })).message).toMatch(/grid tier/);
    expect(refusal(() => c.check({ type: 'case.escalated', data: { from: 'grid', to: 'grid', reason: 'x' } })).message).toMatch(/higher tier/);
    expect(refusal(() => c.check({ type: 'case.escalated', data: { from: 'grid', to: 'mediator', reason: '  ' } })).message).toMatch(/reason/);
    c.apply({ type: 'case.escalated', data: { from: 'grid', to: 'mediator', reason: '涉及金额较大' } });
    expect(c.state!.tier).toBe('mediator');
    expect(c.state!.escalations).toHaveLength(1);
  });

  it('requires an agent to represent a party, and removing a party with an agent to remove the agent first', () => {
    const c = caseIn('accepted');
    const agentOf = (representing: string): EventDraft => ({
      type: 'participant.added',
      data: { participant: { participantId: `agent-${representing}`, role: 'agent', personKind: 'natural', name: '代理人', representing } },
    });
    expect(refusal(() => c.check(agentOf('nobody'))).message).toMatch(/represent a party/);
    c.apply(agentOf('p-app'));
    expect(refusal(() => c.check(agentOf('agent-p-app'))).message).toMatch(/represent a party/);
    expect(refusal(() => c.check({ type: 'participant.removed', data: { participantId: 'p-app' } })).message).toMatch(/agents/);
    expect(refusal(() => c.check(applicant)).message).toMatch(/already on the case/);
  });

  it('revokes the invitations of a removed participant, and refuses revoking twice', () => {
    const c = caseIn('accepted')
      .apply({ type: 'invitation.issued', data: { invitationId: 'inv-9', participantId: 'p-res', expiresAt: '2026-12-01T00:00:00.000Z' } })
      .apply({ type: 'participant.removed', data: { participantId: 'p-res' } });
    expect(c.state!.invitations[0]!.revoked).toBe(true);
    expect(refusal(() => c.check({ type: 'invitation.revoked', data: { invitationId: 'inv-9' } })).message).toMatch(/already revoked/);
    expect(refusal(() => c.check({ type: 'invitation.issued', data: { invitationId: 'inv-10', participantId: 'p-res', expiresAt: 'x' } })).code).toBe('not_found');
  });

  it('allows one live session at a time and ends only the live one', () => {
    const c = caseIn('drafting').apply({ type: 'session.scheduled', data: { sessionId: 's-2', startsAt: '2026-11-26T01:00:00.000Z', roomId: 'room-2' } });
    expect(refusal(() => c.check({ type: 'session.started', data: { sessionId: 's-2' } })).message).toMatch(/Another session is live/);
    expect(refusal(() => c.check({ type: 'session.ended', data: { sessionId: 's-2' } })).message).toMatch(/not live/);
    expect(refusal(() => c.check({ type: 'session.started', data: { sessionId: 's-1' } })).message).toMatch(/The session is live/);
    expect(refusal(() => c.check({ type: 'session.scheduled', data: { sessionId: 's-1', startsAt: 'x', roomId: 'r' } })).message).toMatch(/already exists/);
  });

  it('returns to scheduled after a session when another is scheduled, otherwise to accepted', () => {
    const withNext = caseIn('in_session').apply({ type: 'session.scheduled', data: { sessionId: 's-2', startsAt: 'x', roomId: 'r' } });
    withNext.apply({ type: 'session.ended', data: { sessionId: 's-1' } });
    expect(withNext.state!.status).toBe('scheduled');
    const alone = caseIn('in_session').apply({ type: 'session.ended', data: { sessionId: 's-1' } });
    expect(alone.state!.status).toBe('accepted');
    const cancelled = caseIn('scheduled').apply({ type: 'session.cancelled', data: { sessionId: 's-1' } });
    expect(cancelled.state!.status).toBe('accepted');
  });

  it('keeps the lifecycle status while a session starts and ends during drafting', () => {
    const c = caseIn('drafting').apply({ type: 'session.ended', data: { sessionId: 's-1' } });
    expect(c.state!.status).toBe('drafting');
  });

  it('closes before an outcome only when withdrawn (or not accepted at intake), never during a live session', () => {
    expect(refusal(() => caseIn('accepted').check({ type: 'case.closed', data: { reason: 'completed' } })).message).toMatch(/withdrawn/);
    caseIn('intake').apply({ type: 'case.closed', data: { reason: 'not_accepted' } });
    expect(refusal(() => caseIn('in_session').check({ type: 'case.closed', data: { reason: 'withdrawn' } })).message).toMatch(/live session/);
  });

  it('needs a reason to fail a mediation, reopen a sent agreement or reject a confirmation', () => {
    expect(refusal(() => caseIn('accepted').check({ type: 'mediation.failed', data: { reason: ' ' } })).message).toMatch(/reason/);
    expect(refusal(() => caseIn('signing').check({ type: 'agreement.reopened', data: { reason: '' } })).message).toMatch(/reason/);
    const accepted = caseIn('confirmation_requested').apply({ type: 'confirmation.accepted', data: {} }, judge);
    expect(refusal(() => accepted.check({ type: 'confirmation.rejected', data: { reason: '' } }, judge)).message).toMatch(/reason/);
  });

  it('accepts room events only for the live session', () => {
    const c = caseIn('in_session');
    expect(refusal(() => c.check({ type: 'room.admitted', data: { sessionId: 's-other', memberKey: 'p:x', name: 'x' } })).message).toMatch(/live session/);
    c.apply({ type: 'session.ended', data: { sessionId: 's-1' } });
    expect(refusal(() => c.check({ type: 'chat.posted', data: { sessionId: 's-1', memberKey: 'a:m', name: 'm', text: 'x', audience: 'all' } })).code).toBe('illegal_transition');
  });

  it('versions the minutes, and lets each party confirm only the current shared version themselves', () => {
    const c = caseIn('in_session').apply({ type: 'minutes.saved', data: { version: 1, text: '第一稿' } });
    expect(refusal(() => c.check({ type: 'minutes.saved', data: { version: 1, text: '并发修改' } })).code).toBe('conflict');
    const resident = { kind: 'resident' as const, participantId: 'p-app', name: '张三' };
    expect(refusal(() => c.check({ type: 'minutes.confirmed', data: { participantId: 'p-app', version: 1 } }, resident)).message).toMatch(/shared/);
    c.apply({ type: 'minutes.shared', data: { version: 1, shared: true } });
    expect(refusal(() => c.check({ type: 'minutes.confirmed', data: { participantId: 'p-app', version: 1 } })).message).toMatch(/themselves/);
    c.apply({ type: 'minutes.confirmed', data: { participantId: 'p-app', version: 1 } }, resident);
    expect(c.state!.minutes).toEqual({ version: 1, text: '第一稿', shared: true, confirmedBy: { 'p-app': 1 } });
    c.apply({ type: 'minutes.saved', data: { version: 2, text: '第二稿' } });
    expect(c.state!.minutes).toMatchObject({ version: 2, shared: true, confirmedBy: {} });
  });

  it('voids the signatures of a reopened version, remembers whose, and forgets once they sign again', () => {
    const c = caseIn('signing');
    c.step(partySignatures()[0]!);
    c.apply({ type: 'agreement.reopened', data: { reason: '延长期限' } });
    expect(c.state!.agreement!.signatures).toEqual([]);
    expect(c.state!.agreement!.voidedSignatures).toEqual([{ participantId: 'p-app', voidedAt: expect.any(String), reason: '延长期限' }]);
    c.apply({ type: 'agreement.draft_saved', data: { version: 2, draft: sampleDraft } });
    c.apply({ type: 'agreement.sent_for_signature', data: { documentHash: FROZEN_HASH, version: 2 } });
    c.step(partySignatures()[0]!);
    expect(c.state!.agreement!.voidedSignatures).toEqual([]);
  });

  it('lets only the routed judge act, after accepting, extending once, and confirming only after a hearing with both parties', () => {
    const c = caseIn('confirmation_requested');
    const other = { kind: 'account' as const, accountId: 'judge-2', role: 'judge' as const, name: '钱法官' };
    expect(refusal(() => c.check({ type: 'confirmation.accepted', data: {} }, other)).message).toMatch(/routed/);
    expect(refusal(() => c.check({ type: 'hearing.held', data: hearingHeld.data } as never, judge)).message).toMatch(/Accept/);
    c.apply({ type: 'confirmation.accepted', data: {} }, judge);
    expect(refusal(() => c.check({ type: 'confirmation.confirmed', data: { rulingHash: 'x' } }, judge)).message).toMatch(/hearing/);
    c.apply({ type: 'confirmation.extended', data: { reason: '需补充证据' } }, judge);
    expect(refusal(() => c.check({ type: 'confirmation.extended', data: { reason: '再延' } }, judge)).message).toMatch(/once/);
    for (const step of hearingInRoom('s-1')) c.step(step);
    c.apply(hearingHeld, judge).apply({ type: 'confirmation.confirmed', data: { rulingHash: 'r'.repeat(64) } }, judge);
    expect(c.state!.confirmation).toMatchObject({ judgeId: 'judge-1', outcome: 'confirmed', extended: { reason: '需补充证据' } });
  });

  it('runs the verification hearing as the routed judge’s session, and records it only with both parties admitted together', () => {
    const c = caseIn('confirmation_requested');
    const hearing = (sessionId: string): EventDraft => ({ type: 'session.scheduled', data: { sessionId, startsAt: '2026-11-27T01:00:00.000Z', roomId: 'r', kind: 'hearing' } });
    expect(refusal(() => c.check(hearing('h-1'), judge)).message).toMatch(/Accept the application/);
    c.apply({ type: 'confirmation.accepted', data: {} }, judge);
    expect(refusal(() => c.check(hearing('h-1'), mediator)).message).toMatch(/routed/);
    expect(refusal(() => c.check({ type: 'session.scheduled', data: { sessionId: 'm-2', startsAt: 'x', roomId: 'r' } }, judge)).message).toMatch(/only the verification hearing/);
    expect(refusal(() => caseIn('accepted').check(hearing('h-9'), judge)).message).toMatch(/only while the court reviews/);
    c.apply({ type: 'session.ended', data: { sessionId: 's-1' } }).apply(hearing('h-1'), judge);
    expect(refusal(() => c.check({ type: 'session.started', data: { sessionId: 'h-1' } }, mediator)).message).toMatch(/routed/);
    c.apply({ type: 'session.started', data: { sessionId: 'h-1' } }, judge);
    expect(c.state!.status).toBe('confirmation_requested');
    const admit = (key: string): EventDraft => ({ type: 'room.admitted', data: { sessionId: 'h-1', memberKey: key, name: key } });
    expect(refusal(() => c.check(admit('p:p-app'), mediator)).message).toMatch(/Only the judge admits/);
    const record = (present: string[]): EventDraft => ({ type: 'hearing.held', data: { ...hearingHeld.data, sessionId: 'h-1', presentParticipantIds: present } } as EventDraft);
    // One party, then removed before the other arrives: never both present together.
    c.apply(admit('p:p-app'), judge).apply({ type: 'room.removed', data: { sessionId: 'h-1', memberKey: 'p:p-app' } });
    c.apply(admit('p:p-res'), judge);
    expect(c.state!.sessions.find((s) => s.sessionId === 'h-1')).toMatchObject({ kind: 'hearing', attendedParticipantIds: ['p-app', 'p-res'], presentParticipantIds: ['p-res'], partiesTogetherAt: undefined });
    expect(refusal(() => c.check(record(['p-app', 'p-res']), judge)).message).toMatch(/同时到场/);
    // Back in, but the other party's connection was lost meanwhile: still never both at once.
    c.apply({ type: 'room.left', data: { sessionId: 'h-1', memberKey: 'p:p-res', reason: 'connection_lost' } });
    c.apply(admit('p:p-app'), judge);
    expect(c.state!.sessions.find((s) => s.sessionId === 'h-1')!.partiesTogetherAt).toBeUndefined();
    c.apply(admit('p:p-res'), judge);
    expect(c.state!.sessions.find((s) => s.sessionId === 'h-1')!.partiesTogetherAt).toBeDefined();
    expect(refusal(() => c.check(record(['p-app']), judge)).message).toMatch(/both parties/);
    expect(refusal(() => c.check(record(['p-app', 'p-res', 'p-stranger']), judge)).message).toMatch(/admitted/);
    expect(refusal(() => c.check({ ...record(['p-app', 'p-res']), data: { ...record(['p-app', 'p-res']).data, sessionId: 's-1' } } as EventDraft, judge)).message).toMatch(/verification session/);
    c.apply(record(['p-app', 'p-res']), judge);
    expect(c.state!.confirmation!.hearing!.presentParticipantIds).toEqual(['p-app', 'p-res']);
  });

  it('needs both parties to apply, each themselves, for matters a court accepts', () => {
    const c = caseIn('signed');
    expect(refusal(() => c.check({ type: 'confirmation.requested', data: { courtId: 'court-1' } })).message).toMatch(/Both parties/);
    const apply = (participantId: string, subject = { personalStatus: false, ownershipConfirmation: false }) =>
      ({ type: 'confirmation.party_applied', data: { participantId, electronicDelivery: false, subject } }) as const;
    expect(refusal(() => c.check(apply('p-app'))).message).toMatch(/themselves/);
    expect(refusal(() => c.check(apply('p-app', { personalStatus: true, ownershipConfirmation: false }), resident('p-app', '张三'))).message).toMatch(/355/);
    c.apply(apply('p-app'), resident('p-app', '张三'));
    expect(refusal(() => c.check(apply('p-app'), resident('p-app', '张三'))).message).toMatch(/already/);
  });

  it('walks the whole happy path from intake to closed', () => {
    const c = caseIn('confirmed').apply({ type: 'session.ended', data: { sessionId: 'h-1' } }).apply({ type: 'case.closed', data: { reason: 'confirmed' } });
    expect(c.events.map((event) => event.seq)).toEqual(c.events.map((_, index) => index + 1));
    expect(c.state!.status).toBe('closed');
    expect(c.state!.participants.map((p) => p.name)).toEqual(['张三', '李四']);
    expect(c.state!.mediator?.acceptedAt).toBeDefined();
    expect(c.state!.courtId).toBe('court-1');
    void respondent;
    void mediator;
  });
});
