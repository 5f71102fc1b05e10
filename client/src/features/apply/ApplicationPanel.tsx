import { useState } from 'react';
import type { AccountView } from '@protocol';
import type { StaffCaseView } from '../../api/api-types.ts';
import { useApiAction } from '../../api/use-api-action.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Field } from '../../components/Field.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { staffApplicationApi } from './application-api.ts';
import './apply.css';

/**
 * A resident's own application on the case page: what they gave and consented to, and for the
 * organisation's mediators and admins the decision (受理 / 不予受理 with a reason) and asking the respondent again.
 */
export function ApplicationPanel({ c, account, onChanged }: { c: StaffCaseView; account: AccountView; onChanged: (next: StaffCaseView) => void }) {
  const { t, language } = useI18n();
  const action = useApiAction();
  const [reason, setReason] = useState('');
  const application = c.application;
  if (!application) return null;
  // 一窗受理: the centre's window decides too, for the organisations under it.
  const decides = account.role === 'admin' || account.role === 'mediator' || account.role === 'centre_staff';
  const agent = application.agent && c.participants.find((p) => p.participantId === application.agent!.participantId);
  const run = async (call: () => Promise<StaffCaseView>) => {
    const next = await action.run(call);
    if (next) onChanged(next);
  };

  return (
    <section className="card application-panel" aria-labelledby="application-title" data-testid="application-panel">
      <h2 id="application-title">{t('application.panelTitle')}</h2>
      <p>{t('application.submittedAt', { at: formatTime(application.submittedAt, language) })}</p>
      {agent && application.agent && <p>{t('application.onBehalf', { agent: agent.name, relationship: t(`apply.relationship.${application.agent.relationship}`) })}</p>}
      <p>{t('application.consents', { electronic: t(application.delivery.electronicDelivery ? 'application.electronicYes' : 'application.electronicNo') })}</p>
      {application.chosenMediator && <p>{t('application.chosenMediator', { name: application.chosenMediator.name })}</p>}
      <p className="notice" data-testid="application-stage" data-stage={application.stage}>
        {t(`application.stage.${application.stage}`, { count: application.contactCount })}
        {application.notAccepted && `：${application.notAccepted.reason}`}
        {application.refusalReason && `：${application.refusalReason}`}
      </p>
      {decides && application.stage === 'submitted' && (
        <div className="stack">
          <div className="decision-row">
            <button type="button" className="button" disabled={action.busy} onClick={() => void run(() => staffApplicationApi.decide(c.caseId, { accept: true }))}>
              {t('application.accept')}
            </button>
          </div>
          <details>
            <summary>{t('application.notAcceptTitle')}</summary>
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => staffApplicationApi.decide(c.caseId, { accept: false, reason: reason.trim() }));
              }}
            >
              <Field label={t('application.notAcceptReason')} error={action.error?.fieldIssue('reason')?.message}>
                <textarea name="notAcceptedReason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
              </Field>
              <button type="submit" className="button danger" disabled={action.busy}>
                {t('application.notAcceptSubmit')}
              </button>
            </form>
          </details>
        </div>
      )}
      {decides && c.status === 'intake' && (application.stage === 'accepted' || application.stage === 'respondent_contacted') && (
        <button type="button" className="button secondary" disabled={action.busy} onClick={() => void run(() => staffApplicationApi.contactRespondent(c.caseId))}>
          {t('application.contactAgain')}
        </button>
      )}
      <ErrorNotice error={action.error} shownFields={['reason']} />
    </section>
  );
}
