import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { applicationApi } from './application-api.ts';
import { linkToken } from './link-token.ts';
import './apply.css';

/** /apply/respond#<token>: the respondent reads what the applicant asks and agrees to mediation or not (人民调解法 17). */
export function RespondentPage() {
  const { t } = useI18n();
  const [token] = useState(() => linkToken('respond'));
  const data = useApiData(`application-respond:${token ?? ''}`, async () => (token ? applicationApi.respondentView(token) : undefined));
  const action = useApiAction();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const view = data.data;

  const answer = async (agree: boolean) => {
    const next = await action.run(() => applicationApi.answer(token!, agree, agree ? undefined : reason.trim() || undefined));
    if (next) data.setData(next);
  };

  return (
    <div className="resident-page application-respond">
      <section className="card resident-card">
        <PageHeading className="resident-title">{t('respond.title')}</PageHeading>
        {!token && <p className="notice warn">{t('respond.noLink')}</p>}
        {token && !view && !data.error && <p className="resident-loading">{t('respond.loading')}</p>}
        <ErrorNotice error={data.error} />
        {view && (
          <>
            <p className="resident-greeting">{t('respond.hello', { name: view.respondentName })}</p>
            <p>{t('respond.intro', { applicant: view.applicantName, org: view.orgName })}</p>
            <ul className="resident-facts">
              <li>{t('respond.case', { number: view.caseNumber })}</li>
              {view.chosenMediatorName && <li>{t('respond.chosenMediator', { name: view.chosenMediatorName })}</li>}
            </ul>
            <h2>{t('respond.facts')}</h2>
            <p className="respond-facts">{view.facts}</p>
            {view.answer === 'agreed' && (
              <p className="notice prompt" role="status" data-testid="respond-result">
                {t('respond.agreed')}
              </p>
            )}
            {view.answer === 'refused' && (
              <p className="notice warn" role="status" data-testid="respond-result">
                {t('respond.refused')}
              </p>
            )}
            {!view.answer && (
              <div className="respond-actions">
                <button type="button" className="button big" disabled={action.busy} onClick={() => void answer(true)}>
                  {t('respond.agree')}
                </button>
                {!refusing ? (
                  <button type="button" className="button secondary" disabled={action.busy} onClick={() => setRefusing(true)}>
                    {t('respond.refuse')}
                  </button>
                ) : (
                  <form
                    className="stack"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void answer(false);
                    }}
                  >
                    <Field label={t('respond.reason')}>
                      <textarea name="reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
                    </Field>
                    <button type="submit" className="button danger" disabled={action.busy}>
                      {t('respond.confirmRefuse')}
                    </button>
                  </form>
                )}
              </div>
            )}
            <ErrorNotice error={action.error} />
          </>
        )}
      </section>
    </div>
  );
}
