import type { SessionKind } from '../../api/api-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RoomOutcome as Outcome } from './room-controller.ts';
import { forKind } from './session-kind.ts';
import { PageHeading } from '../../components/PageHeading.tsx';

/** The end of this member's time in the room: removed, session ended, or left; in a hearing, worded for the court. */
export function RoomOutcome({ outcome, kind, onRejoin }: { outcome: Outcome; kind?: SessionKind | undefined; onRejoin?: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <section className="card room-outcome" role="status" data-outcome={outcome} data-testid="room-outcome">
      <PageHeading>{t(forKind(`room.outcome.${outcome}.title`, kind))}</PageHeading>
      <p>{t(forKind(`room.outcome.${outcome}.body`, kind))}</p>
      {outcome === 'left' && onRejoin && (
        <button type="button" className="button big" onClick={onRejoin}>
          {t('room.outcome.rejoin')}
        </button>
      )}
    </section>
  );
}
