import type { CaseEvent } from './case-events.ts';
import type { CaseState } from './case-types.ts';
import { chinaDateTime } from './china-time.ts';

/** Who a notice is for: a staff account, or a party of a case. */
export type Recipient = { kind: 'account'; accountId: string } | { kind: 'resident'; caseId: string; participantId: string };

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
  }
  return notices;
}
