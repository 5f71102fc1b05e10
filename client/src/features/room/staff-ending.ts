import type { RoomSnapshot } from '@protocol';
import type { MessageKey } from '../../i18n/messages.ts';

export interface StaffEnding {
  body: MessageKey;
  /** Where this role carries on: the judge's review page after a hearing they ran, else the case page. */
  next: { href: string; label: MessageKey };
}

/** What a staff member does after the session: the host carries on with the case, one attending follows it. */
export function staffEnding(snapshot: Pick<RoomSnapshot, 'caseId' | 'kind' | 'host' | 'self'>): StaffEnding {
  const casePage = `/cases/${encodeURIComponent(snapshot.caseId)}`;
  const toCase = { href: casePage, label: 'sessionEnd.backToCase' } as const;
  if (snapshot.kind === 'hearing') {
    return snapshot.host ? { body: 'sessionEnd.body.hostJudge', next: { href: `${casePage}/confirmation`, label: 'sessionEnd.backToReview' } } : { body: 'sessionEnd.body.mediatorInHearing', next: toCase };
  }
  return { body: snapshot.host || snapshot.self.role === 'mediator' ? 'sessionEnd.body.hostMediator' : 'sessionEnd.body.judgeInMediation', next: toCase };
}
