import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { judgeConfirmationApi } from './confirmation-api.ts';
import './confirmation.css';
import '../cases/staff-pages.css';

/** /confirmation/queue: the judge's open applications, earliest deadline first (the server sorts). */
export function ConfirmationQueuePage() {
  const { t, language } = useI18n();
  const queue = useApiData('confirmation-queue', () => judgeConfirmationApi.queue());
  return (
    <section className="card confirmation-queue" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('confirmation.queueTitle')}</h1>
      <ErrorNotice error={queue.error} />
      {queue.loading && !queue.data && <p>{t('common.loading')}</p>}
      {queue.data?.length === 0 && <p className="muted">{t('confirmation.queueEmpty')}</p>}
      {!!queue.data?.length && (
        <table>
          <thead>
            <tr>
              <th>{t('confirmation.queueCase')}</th>
              <th>{t('confirmation.queueStage')}</th>
              <th>{t('confirmation.queueDue')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {queue.data.map((item) => (
              <tr key={item.caseId} data-testid={`queue-${item.caseNumber}`} data-urgency={item.urgency}>
                <td>
                  <div>{item.caseNumber}</div>
                  <div className="muted">{item.title}</div>
                </td>
                <td>{t(`confirmation.stage.${item.stage}`)}</td>
                <td>
                  <time dateTime={item.dueAt}>{formatTime(item.dueAt, language)}</time>{' '}
                  <span className={`badge urgency-${item.urgency}`}>{t(`confirmation.urgency.${item.urgency}`)}</span>
                </td>
                <td>
                  <Link href={`/cases/${encodeURIComponent(item.caseId)}/confirmation`} className="button">
                    {t('confirmation.open')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
