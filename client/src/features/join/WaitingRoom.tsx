import type { RoomSnapshot } from '@protocol';
import { useI18n } from '../../i18n/i18n.tsx';

/** After the checks: the resident waits until the mediator admits them. */
export function WaitingRoom({ snapshot, mediatorName }: { snapshot: RoomSnapshot; mediatorName: string | undefined }) {
  const { t } = useI18n();
  const verified = snapshot.self.identity === 'verified';
  return (
    <section className="card resident-card waiting-room" data-testid="waiting-room" aria-live="polite">
      <h1 className="resident-title">{t('waiting.title')}</h1>
      <ul className="resident-facts">
        <li>{t('waiting.case', { title: snapshot.title })}</li>
        {mediatorName && <li>{t('waiting.mediator', { name: mediatorName })}</li>}
      </ul>
      <p className={snapshot.started ? 'notice' : 'notice warn'} data-testid="waiting-status">
        {snapshot.started ? t('waiting.started') : t('waiting.notStarted')}
      </p>
      <p>{verified ? t('waiting.identityVerified') : t('waiting.identityPending')}</p>
      <div className="waiting-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <p className="muted">{t('waiting.keepOpen')}</p>
    </section>
  );
}
