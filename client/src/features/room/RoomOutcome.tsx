import { useI18n } from '../../i18n/i18n.tsx';
import type { RoomOutcome as Outcome } from './room-controller.ts';

/** The end of this member's time in the room: removed, session ended, or left. */
export function RoomOutcome({ outcome, onRejoin }: { outcome: Outcome; onRejoin?: (() => void) | undefined }) {
  const { t } = useI18n();
  return (
    <section className="card room-outcome" role="status" data-outcome={outcome} data-testid="room-outcome">
      <h1>{t(`room.outcome.${outcome}.title`)}</h1>
      <p>{t(`room.outcome.${outcome}.body`)}</p>
      {outcome === 'left' && onRejoin && (
        <button type="button" className="button big" onClick={onRejoin}>
          {t('room.outcome.rejoin')}
        </button>
      )}
    </section>
  );
}
