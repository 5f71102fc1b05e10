import { chainEvents } from '../../../server/domain/case-log.ts';
import type { CaseEvent, EventDraft } from '../../../server/domain/case-events.ts';
import { applyEvent, assertAllowed, initialHead } from '../../../server/domain/case-machine.ts';
import type { Actor, CaseState, CaseStatus } from '../../../server/domain/case-types.ts';
import { AppError } from '../../../server/protocol/errors.ts';

export const mediator: Actor = { kind: 'account', accountId: 'med-1', role: 'mediator', name: '李调解' };
export const otherMediator: Actor = { kind: 'account', accountId: 'med-2', role: 'mediator', name: '王调解' };
export const judge: Actor = { kind: 'account', accountId: 'judge-1', role: 'judge', name: '赵法官' };
export const AT = '2026-11-24T02:00:00.000Z';

/** A tiny in-memory case for domain tests: every step is checked by the real rules. */
export class CaseUnderTest {
  state: CaseState | undefined;
  events: CaseEvent[] = [];

  constructor(readonly caseId = 'case-1') {}

  apply(draft: EventDraft, actor: Actor = mediator): this {
    assertAllowed(this.state, draft, actor);
    const [event] = chainEvents(this.caseId, initialHead(this.state), [draft], actor, AT);
    this.state = applyEvent(this.state, event!);
    this.events.push(event!);
    return this;
  }

  step(item: Step): this {
    return 'draft' in item ? this.apply(item.draft, item.actor) : this.apply(item);
  }

  /** Checks a draft without applying it. */
  check(draft: EventDraft, actor: Actor = mediator): void {
    assertAllowed(this.state, draft, actor);
  }
}

export const opened: EventDraft = {
  type: 'case.opened',
  data: {
    caseNumber: '（2026）云调字第1号',
    channel: 'grid_report',
    disputeType: 'neighbour',
    title: '邻里漏水纠纷',
    summary: '楼上卫生间漏水导致楼下天花板受损。',
    areaCode: '370785',
    orgId: 'org-1',
    tier: 'grid',
  },
};

export const applicant: EventDraft = {
  type: 'participant.added',
  data: { participant: { participantId: 'p-app', role: 'applicant', personKind: 'natural', name: '张三', idNumberMasked: '370785********1234' } },
};
export const respondent: EventDraft = {
  type: 'participant.added',
  data: { participant: { participantId: 'p-res', role: 'respondent', personKind: 'natural', name: '李四' } },
};

export const FROZEN_HASH = 'a'.repeat(64);
export const resident = (participantId: string, name: string): Actor => ({ kind: 'resident', participantId, name });
export const sampleDraft = { templateId: 'neighbour', fields: { facts: '漏水', responsibilities: '维修' }, obligations: [] };

export const hearingHeld: EventDraft = {
  type: 'hearing.held',
  data: { sessionId: 'h-1', presentParticipantIds: ['p-app', 'p-res'], answers: { 'p-app': { voluntary: '是' }, 'p-res': { voluntary: '是' } }, notes: '双方均表示自愿。' },
};

/**
 * The judge's verification hearing h-1 in an accepted application, with both parties admitted to it
 * (the mediation session still live, if named, ends first). The hearing stays live.
 */
export function hearingInRoom(liveSessionId: string | undefined, sessionId = 'h-1'): Step[] {
  return [
    ...(liveSessionId ? [{ type: 'session.ended', data: { sessionId: liveSessionId } } as EventDraft] : []),
    { draft: { type: 'session.scheduled', data: { sessionId, startsAt: '2026-11-27T01:00:00.000Z', roomId: 'room-h', kind: 'hearing' } }, actor: judge },
    { draft: { type: 'session.started', data: { sessionId } }, actor: judge },
    { draft: { type: 'room.admitted', data: { sessionId, memberKey: 'p:p-app', name: '张三' } }, actor: judge },
    { draft: { type: 'room.admitted', data: { sessionId, memberKey: 'p:p-res', name: '李四' } }, actor: judge },
  ];
}

export type Step = EventDraft | { draft: EventDraft; actor: Actor };

const steps: Record<CaseStatus, Step[]> = {
  intake: [opened, applicant, respondent, { type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: '2026-11-27T02:00:00.000Z' } }],
  accepted: [{ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }],
  scheduled: [{ type: 'session.scheduled', data: { sessionId: 's-1', startsAt: '2026-11-25T01:00:00.000Z', roomId: 'room-1' } }],
  in_session: [{ type: 'session.started', data: { sessionId: 's-1' } }],
  drafting: [{ type: 'agreement.drafting_started', data: {} }, { type: 'agreement.draft_saved', data: { version: 1, draft: sampleDraft } }],
  signing: [{ type: 'agreement.sent_for_signature', data: { documentHash: FROZEN_HASH, version: 1 } }],
  signed: [
    ...partySignatures(),
    { type: 'agreement.countersigned', data: { mediatorId: 'med-1', mediatorName: '李调解', documentHash: FROZEN_HASH, signatureImageHash: 'c'.repeat(64), ip: '127.0.0.1', userAgent: 'test' } },
    { type: 'agreement.signed', data: { documentHash: FROZEN_HASH, finalPdfHash: 'f'.repeat(64) } },
  ],
  failed: [],
  confirmation_requested: [
    ...applications(),
    { type: 'confirmation.requested', data: { courtId: 'court-1' } },
    { type: 'confirmation.routed', data: { courtId: 'court-1', judgeId: 'judge-1', judgeName: '赵法官' } },
  ],
  confirmed: [
    { draft: { type: 'confirmation.accepted', data: {} }, actor: judge },
    ...hearingInRoom('s-1'),
    { draft: hearingHeld, actor: judge },
    { draft: { type: 'confirmation.confirmed', data: { rulingHash: 'b'.repeat(64) } }, actor: judge },
  ],
  rejected: [],
  closed: [],
};

/** Both parties apply for judicial confirmation, each as themselves. */
export function applications(): Step[] {
  return [
    ['p-app', '张三'],
    ['p-res', '李四'],
  ].map(([participantId, name]) => ({
    draft: { type: 'confirmation.party_applied', data: { participantId: participantId!, electronicDelivery: true, subject: { personalStatus: false, ownershipConfirmation: false } } },
    actor: resident(participantId!, name!),
  }));
}

/** Both parties sign the frozen version, each as themselves. */
export function partySignatures(): Step[] {
  return [
    ['p-app', '张三'],
    ['p-res', '李四'],
  ].map(([participantId, name]) => ({
    draft: { type: 'agreement.signed_by_party', data: { participantId: participantId!, documentHash: FROZEN_HASH, method: 'handwritten', signatureImageHash: 'b'.repeat(64), ip: '127.0.0.1', userAgent: 'test' } },
    actor: resident(participantId!, name!),
  }));
}

const paths: Record<CaseStatus, CaseStatus[]> = {
  intake: ['intake'],
  accepted: ['intake', 'accepted'],
  scheduled: ['intake', 'accepted', 'scheduled'],
  in_session: ['intake', 'accepted', 'scheduled', 'in_session'],
  drafting: ['intake', 'accepted', 'scheduled', 'in_session', 'drafting'],
  signing: ['intake', 'accepted', 'scheduled', 'in_session', 'drafting', 'signing'],
  signed: ['intake', 'accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed'],
  failed: ['intake', 'accepted', 'scheduled', 'in_session'],
  confirmation_requested: ['intake', 'accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'confirmation_requested'],
  confirmed: ['intake', 'accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'confirmation_requested', 'confirmed'],
  rejected: ['intake', 'accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'confirmation_requested'],
  closed: ['intake', 'accepted'],
};

/** A case brought to `status` through legal steps (a live session s-1 where the path passes in_session). */
export function caseIn(status: CaseStatus): CaseUnderTest {
  const c = new CaseUnderTest();
  for (const step of paths[status]) for (const item of steps[step]) c.step(item);
  if (status === 'failed') c.apply({ type: 'mediation.failed', data: { reason: '双方分歧过大' } });
  if (status === 'rejected') c.apply({ type: 'confirmation.accepted', data: {} }, judge).apply({ type: 'confirmation.rejected', data: { reason: '协议内容不明确，无法执行', ground: 'unclear' } }, judge);
  if (status === 'closed') c.apply({ type: 'mediation.failed', data: { reason: '一方不同意调解' } }).apply({ type: 'case.closed', data: { reason: 'failed' } });
  return c;
}

/** The typed refusal `action` throws; fails the test when it is allowed instead. */
export function refusal(action: () => void): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the event was allowed');
}
