import type { RoomSnapshot } from '@protocol';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { RoomController } from './room-controller.ts';
import { confirmerNames } from './room-view.ts';
import { useRoomAction } from './use-room-action.ts';

/** The minutes as the parties (once shared) and the judge see them: read only; parties confirm them. */
export function SharedMinutes({ snapshot, controller }: { snapshot: RoomSnapshot; controller: RoomController }) {
  const { t } = useI18n();
  const action = useRoomAction();
  const minutes = snapshot.minutes;
  if (!minutes) return null;
  const party = snapshot.self.role === 'party' || snapshot.self.role === 'agent';
  const confirmed = minutes.confirmedBy.includes(snapshot.self.key.slice(2));
  const names = confirmerNames(snapshot);
  return (
    <section className="card shared-minutes" aria-labelledby="shared-minutes-title">
      <div className="panel-head">
        <h2 id="shared-minutes-title">{t('minutes.title')}</h2>
        <span className="muted">{t('minutes.version', { version: minutes.version })}</span>
      </div>
      {party && !confirmed && <p className="muted">{t('minutes.readOnly')}</p>}
      <div className="minutes-text" data-testid="shared-minutes-text">
        {minutes.text || t('minutes.none')}
      </div>
      <p data-testid="minutes-confirmed">{names.length > 0 ? t('minutes.confirmedBy', { names: names.join('、') }) : t('minutes.nobodyConfirmed')}</p>
      {party &&
        (confirmed ? (
          <p className="ok-text">{t('minutes.confirmed')}</p>
        ) : (
          <button type="button" className="button big" disabled={!!action.busy} onClick={() => void action.run('confirm', () => controller.request('minutes:confirm', { version: minutes.version }))}>
            {t('minutes.confirm')}
          </button>
        ))}
      <ErrorNotice error={action.error} />
    </section>
  );
}
