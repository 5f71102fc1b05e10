import { useState } from 'react';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePolling } from '../agreement/use-polling.ts';
import { applicationApi } from './application-api.ts';
import { ApplicationSteps } from './ApplicationSteps.tsx';
import { linkToken } from './link-token.ts';
import './apply.css';

const POLL_MS = 5000;

/** /apply/status#<token>: the applicant follows their application, step by step, to the end of the case. */
export function ApplicationStatusPage() {
  const { t, language } = useI18n();
  const [token] = useState(() => linkToken('status'));
  const data = useApiData(`application-status:${token ?? ''}`, async () => (token ? applicationApi.status(token) : undefined));
  const view = data.data;
  usePolling(data.reload, POLL_MS, !!view && !view.steps.some((s) => s.key === 'closed' && s.status === 'done'));
  const waitingRespondent = view?.steps.some((s) => s.key === 'respondent_contacted' && s.status === 'current' && s.at);

  return (
    <div className="resident-page application-status">
      <section className="card resident-card">
        <PageHeading className="resident-title">{t('applyStatus.title')}</PageHeading>
        {!token && <p className="notice warn">{t('applyStatus.noLink')}</p>}
        {token && !view && !data.error && <p className="resident-loading">{t('applyStatus.loading')}</p>}
        <ErrorNotice error={data.error} />
        {view && (
          <>
            <p className="muted">{view.title}</p>
            <ul className="resident-facts">
              <li>{t('applyStatus.case', { number: view.caseNumber })}</li>
              <li>{t('applyStatus.org', { name: view.orgName })}</li>
              {view.mediatorName ? <li>{t('applyStatus.mediator', { name: view.mediatorName })}</li> : view.chosenMediatorName && <li>{t('applyStatus.chosenMediator', { name: view.chosenMediatorName })}</li>}
              {view.nextSessionAt && <li>{t('applyStatus.nextSession', { at: formatTime(view.nextSessionAt, language) })}</li>}
            </ul>
            <ApplicationSteps view={view} />
            {waitingRespondent && <p className="notice">{t('applyStatus.waitingRespondent')}</p>}
            {view.notAcceptedReason && (
              <p className="notice warn" data-testid="not-accepted-reason">
                {t('applyStatus.notAcceptedReason', { reason: view.notAcceptedReason })}
              </p>
            )}
            {view.respondentRefused && <p className="notice warn">{t('applyStatus.refused')}</p>}
            <p className="muted">{t('applyStatus.keepLink')}</p>
          </>
        )}
      </section>
    </div>
  );
}
