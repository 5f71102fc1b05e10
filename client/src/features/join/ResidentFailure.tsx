import { useI18n } from '../../i18n/i18n.tsx';
import type { JoinFailure } from './join-failure.ts';

export function ResidentFailure({ failure, onRetry }: { failure: JoinFailure; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card resident-card resident-failure" role="alert" data-failure={failure}>
      <h1 className="resident-title">{t(`join.error.${failure}.title`)}</h1>
      <p>{t(`join.error.${failure}.body`)}</p>
      {failure === 'network' && (
        <button type="button" className="button big" onClick={onRetry}>
          {t('join.retry')}
        </button>
      )}
    </section>
  );
}
