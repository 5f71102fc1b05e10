import type { ResidentCaseView } from '../../api/api-types.ts';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { ResidentAgreementLink } from '../agreement/ResidentAgreementLink.tsx';
import { AgreementDownloads } from '../agreement/AgreementDownloads.tsx';
import { documentPaths } from '../agreement/agreement-api.ts';
import { ResidentConfirmationLink } from '../confirmation/ResidentConfirmationLink.tsx';
import { forKind, roomKindOf, sessionsHeadingKey } from '../room/session-kind.ts';

export function ResidentCaseCard({ view, onRefresh }: { view: ResidentCaseView; onRefresh: () => void }) {
  const { t, language } = useI18n();
  const sessions = [...view.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const roomKind = roomKindOf(view);
  // After the outcome no mediation session is coming; while the court reviews, a hearing may be.
  const mediationOver = roomKind === 'mediation' && ['signed', 'failed', 'confirmed', 'rejected', 'closed'].includes(view.status);
  return (
    <section className="card resident-card">
      {view.me && <p className="resident-greeting">{t('join.greeting', { name: view.me.name })}</p>}
      <h1 className="resident-title">{view.title}</h1>
      <p className="muted">{t('join.caseNumber', { number: view.caseNumber })}</p>
      <ul className="resident-facts">
        <li data-testid="resident-mediator">{view.mediatorName ? t('join.mediator', { name: view.mediatorName }) : t('join.mediatorPending')}</li>
        {view.me && <li data-testid="resident-role">{t('join.you', { role: t(`party.${view.me.role}`), name: view.me.name })}</li>}
        <li>{t('join.status', { status: t(`status.${view.status}`) })}</li>
      </ul>
      {(sessions.length > 0 || !mediationOver) && <h2>{t(sessionsHeadingKey(sessions))}</h2>}
      {sessions.length === 0 ? (
        !mediationOver && <p>{t(forKind('join.noSessions', roomKind))}</p>
      ) : (
        <ul className="resident-sessions">
          {sessions.map((s) => (
            <li key={s.sessionId} data-kind={s.kind}>
              {s.kind === 'hearing' && <span className="badge session-hearing">{t('join.hearingLabel')}</span>}
              <time dateTime={s.startsAt}>{formatTime(s.startsAt, language, 'long')}</time>
              {s.status === 'live' && <span className="badge session-live">{t('join.sessionLive')}</span>}
            </li>
          ))}
        </ul>
      )}
      {sessions.some((s) => s.status === 'scheduled' || s.status === 'live') && (
        <>
          <Link href="/room" className="button big enter-room" data-testid="enter-room">
            {t(forKind('room.enter', roomKind))}
          </Link>
          <p className="muted">{t(forKind('room.enterHint', roomKind))}</p>
        </>
      )}
      <ResidentAgreementLink status={view.status} />
      <ResidentConfirmationLink view={view} />
      {view.status === 'failed' && (
        <AgreementDownloads
          who="resident"
          big
          items={[{ path: documentPaths.failureNotice(view.caseId), fileName: `${view.caseNumber}-调解不成告知书.pdf`, label: 'outcome.downloadNotice', testId: 'download-failure-notice' }]}
        />
      )}
      <button type="button" className="button big secondary" onClick={onRefresh}>
        {t('join.refresh')}
      </button>
      <p className="muted">{t('join.keepPrivate')}</p>
    </section>
  );
}
