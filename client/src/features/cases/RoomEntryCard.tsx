import type { AccountView } from '@protocol';
import type { StaffCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { forKind, roomKindOf } from '../room/session-kind.ts';

/** The way into the case's room: its mediator and a guiding judge in mediation; in a verification hearing, its judge (host) and the mediator. */
export function RoomEntryCard({ c, account }: { c: StaffCaseView; account: AccountView }) {
  const { t } = useI18n();
  const live = c.sessions.some((s) => s.status === 'live');
  const hearing = roomKindOf(c) === 'hearing';
  const hint = hearing
    ? account.role === 'judge'
      ? 'caseRoom.hearingJudgeHint'
      : 'caseRoom.hearingMediatorHint'
    : account.role === 'judge'
      ? 'caseRoom.judgeHint'
      : live
        ? 'caseRoom.live'
        : 'caseRoom.mediatorHint';
  return (
    <section className="card room-entry" aria-labelledby="room-entry-title">
      <h2 id="room-entry-title">{t(forKind('caseRoom.title', hearing ? 'hearing' : 'mediation'))}</h2>
      <p className="muted">{t(hint)}</p>
      <Link href={`/cases/${encodeURIComponent(c.caseId)}/room`} className="button" data-testid="enter-room">
        {t('room.enter')}
      </Link>
    </section>
  );
}
