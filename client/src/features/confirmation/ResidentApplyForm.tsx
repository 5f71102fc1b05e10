import { useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { residentConfirmationApi } from './confirmation-api.ts';
import { YesNoQuestion } from './YesNoQuestion.tsx';

/** The party's half of the joint application: the subject-matter questions and how documents reach them. */
export function ResidentApplyForm({ token, caseId, onApplied }: { token: string; caseId: string; onApplied: () => void }) {
  const { t } = useI18n();
  const [personalStatus, setPersonalStatus] = useState<boolean>();
  const [ownership, setOwnership] = useState<boolean>();
  const [electronic, setElectronic] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const complete = personalStatus !== undefined && ownership !== undefined && electronic !== undefined;

  const submit = async () => {
    if (!complete) return;
    setBusy(true);
    setError(undefined);
    try {
      await residentConfirmationApi.apply(token, caseId, { electronicDelivery: electronic, subject: { personalStatus, ownershipConfirmation: ownership } });
      onApplied();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="confirmation-apply"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>{t('confirmation.subjectTitle')}</h2>
      <YesNoQuestion name="personalStatus" label={t('confirmation.personalStatus')} value={personalStatus} onChange={setPersonalStatus} />
      <YesNoQuestion name="ownership" label={t('confirmation.ownership')} value={ownership} onChange={setOwnership} />
      <fieldset className="confirmation-question" data-testid="question-delivery">
        <legend>{t('confirmation.deliveryTitle')}</legend>
        <label className="choice">
          <input type="radio" name="delivery" checked={electronic === true} onChange={() => setElectronic(true)} /> {t('confirmation.electronic')}
        </label>
        <label className="choice">
          <input type="radio" name="delivery" checked={electronic === false} onChange={() => setElectronic(false)} /> {t('confirmation.paper')}
        </label>
      </fieldset>
      {!complete && <p className="muted">{t('confirmation.answerAll')}</p>}
      <ErrorNotice error={error} />
      <button type="submit" className="button big" disabled={!complete || busy} data-testid="apply-confirmation">
        {busy ? t('confirmation.submitting') : t('confirmation.submit')}
      </button>
    </form>
  );
}
