import type { AccountView } from '@protocol';
import type { StaffCaseView } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';

/** The way into the case's mediation room, for its mediator and for a guiding judge. */
export function RoomEntryCard({ c, account }: { c: StaffCaseView; account: AccountView }) {
  const { t } = useI18n();
  const live = c.sessions.some((s) => s.status === 'live');
  return (
    <section className="card room-entry" aria-labelledby="room-entry-title">
      <h2 id="room-entry-title">{t('caseRoom.title')}</h2>
      <p className="muted">{account.role === 'judge' ? t('caseRoom.judgeHint') : live ? t('caseRoom.live') : t('caseRoom.mediatorHint')}</p>
      <Link href={`/cases/${encodeURIComponent(c.caseId)}/room`} className="button" data-testid="enter-room">
        {t('room.enter')}
      </Link>
    </section>
  );
}
