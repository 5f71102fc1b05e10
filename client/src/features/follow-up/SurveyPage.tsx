import { useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { surveyApi, type SurveyView } from './follow-up-api.ts';
import './follow-up.css';

const ANSWERS = ['satisfied', 'neutral', 'unsatisfied'] as const;

/**
 * /survey#<token>: the party's one-tap satisfaction survey (回访), on their phone, with no account.
 * The token stays in the fragment (never sent in a URL the server logs) and travels in the body.
 * One answer per party: once given, the page shows it and asks nothing more.
 */
export function SurveyPage() {
  const { t } = useI18n();
  const [token] = useState(() => window.location.hash.slice(1));
  const [view, setView] = useState<SurveyView>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [justAnswered, setJustAnswered] = useState(false);

  useEffect(() => {
    if (token) surveyApi.open(token).then(setView, (caught: unknown) => setError(asApiError(caught)));
  }, [token]);

  const answer = async (value: (typeof ANSWERS)[number]) => {
    setBusy(true);
    try {
      setView(await surveyApi.answer(token, value));
      setJustAnswered(true);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card survey" aria-labelledby="survey-title">
      <PageHeading id="survey-title">{t('survey.title')}</PageHeading>
      {!token && <p className="notice error">{t('survey.noLink')}</p>}
      {error && (
        <p className="notice error" role="alert">
          {error.code === 'not_found' ? t('survey.invalid') : t(`error.${error.code}`)}
        </p>
      )}
      {token && !view && !error && <p>{t('survey.loading')}</p>}
      {view && (
        <>
          <p className="survey-greeting">{t('survey.greeting', { name: view.participantName })}</p>
          <p className="muted">{t('survey.case', { org: view.orgName, number: view.caseNumber })}</p>
          {view.answer ? (
            <div className="notice" role="status" data-testid="survey-answered">
              {justAnswered && <p className="survey-thanks">{t('survey.thanks')}</p>}
              <p>{t('survey.yourAnswer', { answer: t(`survey.answer.${view.answer}`) })}</p>
            </div>
          ) : view.closed ? (
            <p className="notice" role="status" data-testid="survey-closed">
              {t('survey.closed')}
            </p>
          ) : (
            <>
              <p className="survey-question">{t('survey.question')}</p>
              <div className="survey-answers">
                {ANSWERS.map((value) => (
                  <button key={value} type="button" className={`button big survey-${value}`} disabled={busy} onClick={() => void answer(value)}>
                    {t(`survey.answer.${value}`)}
                  </button>
                ))}
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
