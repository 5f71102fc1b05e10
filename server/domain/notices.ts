import type { CaseEvent } from './case-events.ts';
import type { CaseState } from './case-types.ts';
import { chinaDateTime } from './china-time.ts';

/** Who a notice is for: a staff account, a party of a case, or every judge of a court (#14: the guiding court; the Notifier expands it). */
export type Recipient =
  | { kind: 'account'; accountId: string }
  | { kind: 'resident'; caseId: string; participantId: string }
  | { kind: 'court'; courtId: string }
  /** Whoever dispatches for the organisation: the staff of its centre's window (and of the centres above it). */
  | { kind: 'org'; orgId: string };

export interface Notice {
  recipient: Recipient;
  caseId: string;
  kind: string;
  /** Simplified Chinese, short enough for an SMS. */
  text: string;
  /** The page that deals with it, as a path of the web app. */
  path: string;
}

export function recipientKey(recipient: Recipient): string {
  if (recipient.kind === 'court') return `c:${recipient.courtId}`;
  if (recipient.kind === 'org') return `o:${recipient.orgId}`;
  return recipient.kind === 'account' ? `a:${recipient.accountId}` : `p:${recipient.caseId}:${recipient.participantId}`;
}

function parties(state: CaseState): Recipient[] {
  return state.participants.filter((p) => p.role !== 'agent').map((p) => ({ kind: 'resident', caseId: state.caseId, participantId: p.participantId }));
}

function mediator(state: CaseState): Recipient[] {
  return state.mediator ? [{ kind: 'account', accountId: state.mediator.accountId }] : [];
}

/**
 * What each step of a case tells whom (pure): signing requests, the agreement taking effect, and
 * every step of judicial confirmation (application received, routed, accepted, hearing scheduled, decided).
 */
export function noticesFor(state: CaseState, events: readonly CaseEvent[]): Notice[] {
  const notices: Notice[] = [];
  const staffPath = `/cases/${state.caseId}`;
  // Residents go to their own page; staff to the case.
  const to = (recipients: Recipient[], kind: string, text: string, residentPath: string, accountPath = staffPath) => {
    for (const recipient of recipients) notices.push({ recipient, caseId: state.caseId, kind, text, path: recipient.kind === 'resident' ? residentPath : accountPath });
  };
  for (const event of events) {
    switch (event.type) {
      case 'session.scheduled':
        if (event.data.kind === 'hearing') {
          // Both sides must attend together (民诉解释 356); the mediator may join.
          to(
            [...parties(state), ...mediator(state)],
            'hearing_scheduled',
            `【云调解室】法院定于 ${chinaDateTime(event.data.startsAt)}（北京时间）就司法确认申请（${state.caseNumber}）进行视频询问，双方当事人须同时到场，请按时进入调解室。`,
            '/join',
            `${staffPath}/room`,
          );
        } else {
          to(parties(state), 'session_scheduled', `【云调解室】您的调解（${state.caseNumber}）已安排在 ${chinaDateTime(event.data.startsAt)}（北京时间），请按时通过邀请链接进入调解室。`, '/join');
        }
        break;
      case 'agreement.sent_for_signature':
        to(parties(state), 'sign_requested', `【云调解室】调解协议（${state.caseNumber}）已定稿，请阅读并签署。`, '/agreement');
        break;
      case 'agreement.reopened':
        to(parties(state), 'signature_void', `【云调解室】调解协议（${state.caseNumber}）已退回修改，您此前的签名已作废，请留意重新签署。`, '/agreement');
        break;
      case 'agreement.signed':
        to(parties(state), 'agreement_effective', `【云调解室】调解协议（${state.caseNumber}）已生效，可下载协议；如需司法确认，请在30日内共同申请。`, '/agreement');
        break;
      case 'confirmation.requested':
        to([...parties(state), ...mediator(state)], 'confirmation_filed', `【云调解室】司法确认申请（${state.caseNumber}）已提交法院。`, '/confirmation');
        break;
      case 'confirmation.routed':
        to([{ kind: 'account', accountId: event.data.judgeId }], 'confirmation_assigned', `【云调解室】您有一件新的司法确认申请（${state.caseNumber}），请在3日内决定是否受理。`, '/confirmation', `${staffPath}/confirmation`);
        break;
      case 'confirmation.accepted':
        to(parties(state), 'confirmation_accepted', `【云调解室】法院已受理司法确认申请（${state.caseNumber}），法官将通知双方同时参加询问。`, '/confirmation');
        break;
      case 'confirmation.confirmed':
      case 'confirmation.rejected':
        to([...parties(state), ...mediator(state)], 'ruling_issued', `【云调解室】法院已就司法确认申请（${state.caseNumber}）作出裁定，请查收民事裁定书。`, '/confirmation');
        break;
      default:
        break;
    }
    // #14: told alongside whatever the step above told the parties.
    to(...dispatchNotice(state, event));
  }
  return notices;
}

// ── Dispatch and the three tiers (#14): assignment, escalation, transfer, guidance, and the closed loop ──

const account = (accountId: string | undefined): Recipient[] => (accountId ? [{ kind: 'account', accountId }] : []);

/**
 * The staff member who reported the case (a grid worker, the centre's window), told when it is
 * accepted and when it ends; not when they did it themselves or run the case themselves.
 */
function reporter(state: CaseState, event: CaseEvent): Recipient[] {
  const opener = state.openedBy.kind === 'account' ? state.openedBy.accountId : undefined;
  const actor = event.actor.kind === 'account' ? event.actor.accountId : undefined;
  return opener && opener !== actor && opener !== state.mediator?.accountId ? account(opener) : [];
}

/** One notice of the dispatch block as the arguments of `to`, or none (an empty recipient list). */
function dispatchNotice(state: CaseState, event: CaseEvent): [Recipient[], string, string, string] {
  const n = state.caseNumber;
  const none: [Recipient[], string, string, string] = [[], '', '', ''];
  const byActor = (accountId: string) => event.actor.kind === 'account' && event.actor.accountId === accountId;
  switch (event.type) {
    case 'case.opened':
      // A grid worker's report waits for the organisation to dispatch it; the centre's window opening a case itself needs no word.
      if (event.data.channel !== 'grid_report' || (event.actor.kind === 'account' && event.actor.role === 'centre_staff') || state.mediator) return none;
      return [[{ kind: 'org', orgId: state.orgId }], 'report_received', `【云调解室】网格上报了一件纠纷（${n}）“${state.title}”，请派案。`, '/cases'];
    case 'application.submitted':
      return [[{ kind: 'org', orgId: state.orgId }], 'application_received', `【云调解室】收到一件调解申请（${n}）“${state.title}”，请决定是否受理。`, '/cases'];
    case 'case.assigned': {
      // Taking a case oneself, or opening it as its mediator, needs no notice to oneself.
      const assignee = byActor(event.data.mediatorId) ? [] : account(event.data.mediatorId);
      return [[...assignee, ...reporter(state, event)], 'case_assigned', `【云调解室】案件（${n}）“${state.title}”已派给 ${event.data.mediatorName} 调解，请于 ${chinaDateTime(event.data.acceptBy)} 前决定是否接受。`, '/cases'];
    }
    case 'case.accepted':
      return [reporter(state, event), 'case_accepted', `【云调解室】您上报的案件（${n}）已由 ${state.mediator?.name ?? ''} 受理调解。`, '/cases'];
    case 'case.escalated': {
      const text = `【云调解室】案件（${n}）已提级至${TIER_NAMES[event.data.to]}，原因：${event.data.reason}`;
      if (event.data.mediatorId) return [[...account(event.data.mediatorId), ...reporter(state, event)], 'case_escalated', `${text}；已派给 ${event.data.mediatorName}，请决定是否接受。`, '/cases'];
      if (event.data.courtId) return [[{ kind: 'court', courtId: event.data.courtId }, ...reporter(state, event)], 'case_escalated', `${text}；请指导法官查看。`, '/guided'];
      return [reporter(state, event), 'case_escalated', text, '/cases'];
    }
    case 'case.transferred':
      return [reporter(state, event), 'case_transferred', `【云调解室】案件（${n}）已转办，原因：${event.data.reason}`, '/cases'];
    case 'guidance.requested':
      return [[{ kind: 'court', courtId: event.data.courtId }], 'guidance_requested', `【云调解室】调解员就案件（${n}）请求指导：${event.data.question.slice(0, 60)}`, '/guided'];
    case 'guidance.answered': {
      const asker = state.guidance?.find((g) => g.requestId === event.data.requestId)?.askedBy.accountId;
      return [account(asker), 'guidance_answered', `【云调解室】${event.data.judgeName} 已答复您就案件（${n}）的指导请求。`, '/cases'];
    }
    case 'agreement.signed':
      return [reporter(state, event), 'case_outcome', `【云调解室】您上报的案件（${n}）调解成功，调解协议已生效。`, '/cases'];
    case 'mediation.failed':
      return [reporter(state, event), 'case_outcome', `【云调解室】您上报的案件（${n}）调解不成，原因：${event.data.reason}`, '/cases'];
    case 'case.closed':
      return [reporter(state, event), 'case_closed', `【云调解室】您上报的案件（${n}）已结案。`, '/cases'];
    default:
      return none;
  }
}

const TIER_NAMES = { grid: '网格员', mediator: '调解员', judge: '指导法官' } as const;
