import { chainEvents } from '../../../server/domain/case-log.ts';
import type { CaseEvent, EventDraft } from '../../../server/domain/case-events.ts';
import { applyEvent, assertAllowed, initialHead } from '../../../server/domain/case-machine.ts';
import type { Actor, CaseState, CaseStatus } from '../../../server/domain/case-types.ts';

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

const steps: Record<CaseStatus, EventDraft[]> = {
  intake: [opened, applicant, respondent, { type: 'case.assigned', data: { mediatorId: 'med-1', mediatorName: '李调解', acceptBy: '2026-11-27T02:00:00.000Z' } }],
  accepted: [{ type: 'case.accepted', data: { mediatorId: 'med-1', noConflictDeclared: true } }],
  scheduled: [{ type: 'session.scheduled', data: { sessionId: 's-1', startsAt: '2026-11-25T01:00:00.000Z', roomId: 'room-1' } }],
  in_session: [{ type: 'session.started', data: { sessionId: 's-1' } }],
  drafting: [{ type: 'agreement.drafting_started', data: {} }],
  signing: [{ type: 'agreement.sent_for_signature', data: { documentHash: 'a'.repeat(64) } }],
  signed: [{ type: 'agreement.signed', data: { documentHash: 'a'.repeat(64) } }],
  failed: [],
  confirmation_requested: [{ type: 'confirmation.requested', data: { courtId: 'court-1' } }],
  confirmed: [{ type: 'confirmation.confirmed', data: { rulingHash: 'b'.repeat(64) } }],
  rejected: [],
  closed: [],
};

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
  for (const step of paths[status]) for (const draft of steps[step]) c.apply(draft);
  if (status === 'failed') c.apply({ type: 'mediation.failed', data: { reason: '双方分歧过大' } });
  if (status === 'rejected') c.apply({ type: 'confirmation.rejected', data: { reason: '协议内容不明确，无法执行' } }, judge);
  if (status === 'closed') c.apply({ type: 'case.closed', data: { reason: 'withdrawn' } });
  return c;
}
