import type { RoomSnapshot } from '@protocol';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/Link.tsx';
import { RoomOutcome } from './RoomOutcome.tsx';

interface StaffEnding {
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

/** The session-ended screen for the mediator or judge: their own words, and the way back to their work. */
export function StaffSessionEnded({ snapshot }: { snapshot: RoomSnapshot }) {
  const { t } = useI18n();
  const ending = staffEnding(snapshot);
  return (
    <RoomOutcome outcome="ended" kind={snapshot.kind} body={ending.body}>
      <Link href={ending.next.href} className="button big" data-testid="session-end-next">
        {t(ending.next.label)}
      </Link>
    </RoomOutcome>
  );
}
