import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { followUpApi, type FollowUpCaseView, type SurveyLink } from './follow-up-api.ts';

/** Each party's survey: their answer, or a button making a one-tap link (and QR code) to send them. */
export function SurveyLinks({ caseId, view }: { caseId: string; view: FollowUpCaseView }) {
  const { t, language } = useI18n();
  const [links, setLinks] = useState<Record<string, SurveyLink>>({});
  const action = useApiAction();
  const send = async (participantId: string) => {
    const link = await action.run(() => followUpApi.sendSurvey(caseId, participantId));
    if (link) setLinks((current) => ({ ...current, [participantId]: link }));
  };
  return (
    <section className="card" aria-labelledby="surveys-title">
      <h2 id="surveys-title">{t('followUp.surveys')}</h2>
      <p className="muted">{t('followUp.surveyHint')}</p>
      <ul className="follow-up-parties">
        {view.parties.map((party) => {
          const link = links[party.participantId];
          return (
            <li key={party.participantId} data-participant-id={party.participantId}>
              <p>
                <strong>{party.name}</strong> · <span data-testid="survey-answer">{party.answer ? t(`survey.answer.${party.answer}`) : t('followUp.notAnswered')}</span>
              </p>
              {view.canManage && view.status !== 'closed' && !party.answer && (
                <button type="button" className="button small secondary" disabled={action.busy} onClick={() => void send(party.participantId)}>
                  {t('followUp.sendSurvey')}
                </button>
              )}
              {link && (
                <div className="invitation">
                  <input readOnly value={link.url} aria-label={t('followUp.surveyLinkFor', { name: party.name })} onFocus={(e) => e.target.select()} className="invitation-url" />
                  <img className="qr" src={`data:image/svg+xml;utf8,${encodeURIComponent(link.qrSvg)}`} alt={t('followUp.surveyQrAlt')} width={160} height={160} />
                  <p className="muted">{t('followUp.surveyExpires', { time: formatTime(link.expiresAt, language) })}</p>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorNotice error={action.error} />
    </section>
  );
}
